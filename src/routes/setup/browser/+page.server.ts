import type { PageServerLoad } from './$types';

/**
 * Where static/browser-support.js sends a browser older than Kalanso's floor. Rendered on the
 * server only: the app's JavaScript may not run there at all.
 */
export const csr = false;

const FEATURES = ['javascript', 'indexeddb', 'serviceworker', 'canvas', 'audio'] as const;

export const load: PageServerLoad = ({ url }) => {
	const asked = (url.searchParams.get('missing') ?? '').split(',');
	return { missing: FEATURES.filter((f) => asked.includes(f)) };
};
