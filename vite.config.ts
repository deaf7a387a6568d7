import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { PIXI_PATCHES } from './src/lib/render/pixi-patches.ts';
import { pixiStub } from './src/lib/render/pixi-left-out.ts';
import { kitSvelteImports } from './src/build/kit-svelte-imports.ts';
import { kitPlainUniversal } from './src/build/plain-universal.ts';
import { shellChunk, shellGroup } from './src/build/shell-chunk.ts';

/**
 * In the browser build, src/lib/i18n/icu-format.ts parses ICU messages with
 * src/lib/i18n/icu-parser.ts instead of @formatjs/icu-messageformat-parser, whose full parser
 * and skeleton parsers weigh ≈ 9 KB gzip on every page (DESIGN.md §6: library page ≤ 60 KB).
 * The server build, `vite dev` and the unit tests keep formatjs's parser; icu-parser.test.ts
 * checks that both read every message of the catalogs the same way.
 */
function lightIcuParser(): Plugin {
	const replacement = fileURLToPath(new URL('./src/lib/i18n/icu-parser.ts', import.meta.url));
	return {
		name: 'kalanso:light-icu-parser',
		apply: 'build',
		enforce: 'pre',
		resolveId(id) {
			if (id === '@formatjs/icu-messageformat-parser' && this.environment.config.consumer === 'client')
				return replacement;
		}
	};
}

/**
 * `messages/<folder>/<lang>.json?keys=a,b`: only those top-level keys of the folder, for a route
 * that shows a few of a big folder's strings (the parts of src/lib/i18n/index.ts). Everywhere,
 * so that `vite dev` and the unit tests read the same parts as the build.
 */
function messageKeys(): Plugin {
	return {
		name: 'kalanso:message-keys',
		enforce: 'pre',
		transform(code, id) {
			const match = /\/i18n\/messages\/[^/?]+\/[^/?]+\.json\?(?:.*&)?keys=([^&]+)/.exec(id);
			if (!match) return;
			const all = JSON.parse(code) as Record<string, unknown>;
			const keys = decodeURIComponent(match[1]!).split(',');
			const missing = keys.filter((key) => !(key in all));
			if (missing.length > 0) this.error(`${id}: no top-level key ${missing.join(', ')}`);
			const part = Object.fromEntries(keys.map((key) => [key, all[key]]));
			// A module of its own (the query hides the .json type): the folder's JSON, cut.
			return { code: `export default ${JSON.stringify(part)};`, map: null, moduleType: 'js' };
		}
	};
}

/**
 * Pixi modules the reader does not use, replaced by stubs in the browser build (the list and why
 * each is left out: src/lib/render/pixi-left-out.ts). DESIGN.md §6: the reader's JS ≤ 200 KB gzip.
 */
function pixiLeftOut(): Plugin {
	return {
		name: 'kalanso:pixi-left-out',
		apply: 'build',
		enforce: 'pre',
		transform(_code, id) {
			if (this.environment.config.consumer !== 'client') return;
			const stub = pixiStub(id);
			if (stub !== null) return { code: stub, map: null };
		}
	};
}

/**
 * Build-time patches of Pixi for the reader's cold start (src/lib/render/pixi-patches.ts: the text
 * metrics without an Intl.Segmenter, the batch shader made on first use).
 */
function pixiPatches(): Plugin {
	return {
		name: 'kalanso:pixi-patches',
		apply: 'build',
		enforce: 'pre',
		transform(code, id) {
			if (this.environment.config.consumer !== 'client') return;
			const patch = PIXI_PATCHES.find((entry) => entry.module.test(id));
			if (patch) return { code: patch.patch(code), map: null };
		}
	};
}

/**
 * The oldest browser Kalanso supports: Chrome / Android WebView 87 (Nov. 2020), the engine of
 * school tablets whose WebView no longer updates. It runs all of ES2021, so the build emits ES2021
 * syntax (class static blocks, top-level await and other ES2022 syntax are lowered). The same
 * floor is in package.json's `browserslist` (eslint-plugin-compat checks our API use against it)
 * and `npm run check:built` (run by `npm run test:e2e`) checks the built files with es-check;
 * static/browser-support.js shows a page instead of a blank screen on anything older. es-check's
 * ignored features: Object.hasOwn is added by static/browser-support.js; Uint8Array.fromHex /
 * fromBase64 are used by @noble/hashes only behind a feature test; Temporal only by devalue when it
 * meets a Temporal value, which Kalanso never sends.
 */
export const BROWSER_TARGET = ['es2021', 'chrome87'];

export default defineConfig({
	plugins: [
		sveltekit(),
		lightIcuParser(),
		pixiLeftOut(),
		pixiPatches(),
		shellChunk(),
		kitSvelteImports(),
		kitPlainUniversal(),
		messageKeys()
	],
	build: {
		target: BROWSER_TARGET,
		// No import() lists JavaScript to preload, only the stylesheets it needs. The app entry's
		// lists were ≈ 0.8 KB gzip of every page (DESIGN.md §6); the first page gets its
		// modulepreload links from Kit's server render, a link hovered starts loading its route
		// (data-sveltekit-preload-data), and the chunks come from the service worker's cache.
		// Elsewhere Vite's helper added one <link rel=modulepreload> per chunk the import needs,
		// also for chunks the page had long loaded: the reader's engine import() added 14, which
		// took ≈ 6 % of the cold start's main thread and fetched the chunks one after another
		// (issue 21). Without them the browser fetches a module's imports all at once when it
		// reads it: for the engine, one more round trip to the service worker (its chunks' own
		// imports are one level deep, or already loaded by the reader).
		modulePreload: {
			resolveDependencies: (_file, deps, { hostId }) =>
				/(^|\/)entry\/app\.[^/]+\.js$/.test(hostId) ? [] : deps.filter((dep) => dep.endsWith('.css'))
		},
		cssTarget: 'chrome87',
		rolldownOptions: {
			// The code every page loads in one chunk (src/build/shell-chunk.ts).
			output: { codeSplitting: { groups: [shellGroup] } },
			treeshake: {
				// svelte/reactivity's classes, once their private fields are lowered to ES2021
				// (WeakMaps made at the top of the module), look like side effects: importing
				// SvelteMap bundled SvelteDate, SvelteSet and SvelteURLSearchParams on every page
				// (≈ 0.8 KB gzip). These modules only declare classes.
				// Every other module: undefined, its package's own `sideEffects` (Pixi lists its own).
				moduleSideEffects: (id: string) =>
					/\/node_modules\/svelte\/src\/reactivity\/[^/]+\.js$/.test(id) ? false : undefined
			}
		}
	},
	server: { fs: { allow: ['comics'] } },
	test: {
		// Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine,
		// where the tests wait on PostgreSQL, ffmpeg and the disk as much as on the CPU.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// PostgreSQL: one migrated template database per run, copied for each test.
					globalSetup: ['tests/integration/support/pg-template.ts'],
					// Each test opens its own SQLite file or PostgreSQL schema (tests/integration/support/
					// databases.ts), so files run side by side like the unit tests.
					testTimeout: 30_000
				}
			}
		]
	}
});
