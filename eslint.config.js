import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import compat from 'eslint-plugin-compat';
import svelteConfig from './svelte.config.js';

/** Engines live behind small interfaces (STYLE.md habit 2); these rules keep the layout true. */
const engines = {
	pixi: { name: 'pixi.js', message: 'pixi.js is imported only under src/lib/render.' },
	pixiSub: { group: ['pixi.js/*'], message: 'pixi.js is imported only under src/lib/render.' },
	howler: { name: 'howler', message: 'howler is imported only under src/lib/audio.' },
	howlerSub: { group: ['howler/*'], message: 'howler is imported only under src/lib/audio.' },
	idb: { name: 'idb', message: 'idb is imported only under src/lib/offline.' }
};

const domainBanned = {
	paths: [
		engines.pixi,
		engines.howler,
		engines.idb,
		{ name: 'svelte', message: 'domain is framework-free.' }
	],
	patterns: [
		engines.pixiSub,
		engines.howlerSub,
		{ group: ['svelte/*', '$app/*', '$env/*', '@sveltejs/*'], message: 'domain is framework-free.' },
		{ group: ['node:*', 'fs', 'path', 'crypto'], message: 'domain uses no Node API.' },
		{
			group: ['$lib/render/*', '$lib/audio/*', '$lib/offline/*', '$lib/state/*', '$lib/server/*'],
			message: 'domain imports only domain code.'
		}
	]
};

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-empty': ['error', { allowEmptyCatch: false }],
			// Kalanso is always served at the root of its own host (no `paths.base`), so resolve() adds nothing.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Browser APIs against package.json's `browserslist` (Chrome / WebView 87, README): code that
		// runs in the browser must not call an API the oldest supported tablet lacks without a check.
		files: ['src/**/*.{ts,svelte}', 'static/**/*.js'],
		ignores: ['src/lib/server/**', 'src/cli/**', 'src/**/*.test.ts', 'src/**/*.server.ts'],
		...compat.configs['flat/recommended'],
		// Android's Chrome and WebView carry Chromium's version numbers, so `chrome >= 87` is the
		// floor; browserslist knows only the latest of the Android entries. static/browser-support.js
		// adds Object.hasOwn (Chrome 93) before the app runs.
		settings: { polyfills: ['Object.hasOwn'] }
	},
	{
		// Everything outside the engine folders: no engine imports.
		files: ['src/**/*.{ts,svelte}'],
		ignores: ['src/lib/render/**', 'src/lib/audio/**', 'src/lib/offline/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: [engines.pixi, engines.howler, engines.idb], patterns: [engines.pixiSub, engines.howlerSub] }
			]
		}
	},
	{
		files: ['src/lib/audio/**', 'src/lib/offline/**'],
		rules: { 'no-restricted-imports': ['error', { paths: [engines.pixi], patterns: [engines.pixiSub] }] }
	},
	{
		files: ['src/lib/render/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: [engines.howler, engines.idb], patterns: [engines.howlerSub] }
			]
		}
	},
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': ['error', domainBanned],
			// The domain gets time and randomness as arguments (STYLE.md habit 1).
			'no-restricted-globals': [
				'error',
				'fetch',
				'window',
				'document',
				'localStorage',
				'indexedDB',
				'navigator'
			],
			'no-restricted-properties': [
				'error',
				{ object: 'Math', property: 'random', message: 'pass an rng in.' },
				{ object: 'Date', property: 'now', message: 'pass now in.' }
			]
		}
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/',
			'bench/results/'
		]
	}
);
