import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * In the browser build, intl-messageformat (under svelte-i18n) parses ICU messages with
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

export default defineConfig({
	plugins: [sveltekit(), lightIcuParser()],
	server: { fs: { allow: ['comics'] } },
	test: {
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
					// Real SQLite files and PostgreSQL databases: one file at a time keeps them apart.
					fileParallelism: false,
					testTimeout: 30_000
				}
			}
		]
	}
});
