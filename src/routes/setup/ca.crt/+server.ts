import { catalogs } from '$lib/i18n/catalogs';
import { authorityDer } from '$lib/server/tls/setup';
import type { RequestHandler } from './$types';

/**
 * The school's certificate authority, for tablets to install (the set-up page links here).
 * DER with the CA MIME type: Android's browser hands that to its certificate installer.
 */
export const GET: RequestHandler = ({ locals }) => {
	const der = authorityDer();
	if (!der) {
		const message = (catalogs[locals.lang]?.setup as { authorityMissing: string }).authorityMissing;
		return new Response(message, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	return new Response(new Uint8Array(der), {
		headers: {
			'content-type': 'application/x-x509-ca-cert',
			'content-disposition': 'attachment; filename="kalanso-ecole.crt"',
			'cache-control': 'no-cache'
		}
	});
};
