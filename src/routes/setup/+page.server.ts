import { authorityDer, secureAddress, tlsMode } from '$lib/server/tls/setup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	secureUrl: secureAddress(url),
	hasAuthority: authorityDer() !== null,
	tls: tlsMode()
});
