import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { PAGE_CSP_DIRECTIVES } from './src/lib/server/security-headers.js';
import { zopfliGzip } from './src/build/zopfli-gzip.js';
import { minifyBuiltScript } from './src/build/minify-script.js';

const out = process.env.KALANSO_BUILD_OUT ?? 'build';
const node = adapter({ out });

/**
 * adapter-node, then static/browser-support.js minified (src/build/minify-script.js), then the
 * precompressed .gz files written again with Zopfli (src/build/zopfli-gzip.js): what a browser
 * asking for gzip downloads, ≈ 5 % smaller.
 * @type {import('@sveltejs/kit').Adapter}
 */
const nodeWithZopfli = {
	...node,
	async adapt(builder) {
		await node.adapt(builder);
		const script = await minifyBuiltScript(`${out}/client/browser-support.js`);
		builder.log(`browser-support.js minified: ${script.before} → ${script.after} bytes`);
		const started = Date.now();
		const { files, before, after } = await zopfliGzip([`${out}/client`, `${out}/prerendered`]);
		builder.log(
			`Zopfli: ${files} .gz files, ${before} → ${after} bytes (${((Date.now() - started) / 1000).toFixed(1)} s)`
		);
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		// KALANSO_BUILD_OUT and KALANSO_BUILD_VERSION let a test build a second, newer app beside
		// ./build (tests/e2e/update.e2e.ts); by default Kit names each build by its time.
		adapter: nodeWithZopfli,
		...(process.env.KALANSO_BUILD_VERSION ? { version: { name: process.env.KALANSO_BUILD_VERSION } } : {}),
		// The service worker is registered by our own code (src/lib/offline), so that an
		// update can be offered to the user instead of swapping files under a running app.
		serviceWorker: { register: false },
		// Cross-site form posts are refused in hooks.server.ts instead (crossSiteRefusal in
		// src/lib/server/auth/guard.ts): Kit's own check needs ORIGIN to be set, and a school server
		// is reached over plain http at addresses nobody can list in advance.
		csrf: { trustedOrigins: ['*'] },
		// Pages get a Content-Security-Policy header with a fresh nonce for SvelteKit's inline
		// start-up script; the directives and the headers of every other response are in
		// src/lib/server/security-headers.js.
		csp: { mode: 'auto', directives: PAGE_CSP_DIRECTIVES }
	}
};

export default config;
