import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		adapter: adapter(),
		// The service worker is registered by our own code (src/lib/offline), so that an
		// update can be offered to the user instead of swapping files under a running app.
		serviceWorker: { register: false }
	}
};

export default config;
