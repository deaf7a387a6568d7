import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { namedSvelteImports } from './kit-svelte-imports';

const kitClient = readFileSync('node_modules/@sveltejs/kit/src/runtime/client/client.js', 'utf8');

describe('namedSvelteImports', () => {
	it("imports by name what Kit's installed router reads of svelte, and nothing as a namespace", () => {
		const out = namedSvelteImports(kitClient);
		expect(out).not.toContain('import * as svelte');
		expect(out).toMatch(/import \{ onMount as svelte_onMount, tick as svelte_tick, [^}]+\} from 'svelte';/);
		expect(out).toContain('svelte_settled?.()');
		expect(out).toContain('__SVELTEKIT_FORK_PRELOADS__ && svelte_fork');
	});

	it('fails when Kit reads something else of the namespace (a Kit update), instead of keeping it', () => {
		const code = "import * as svelte from 'svelte';\nconst { onMount, tick } = svelte;\nsvelte.mount(x);";
		expect(() => namedSvelteImports(code)).toThrow(/still read, line 3/);
		expect(() => namedSvelteImports("import * as svelte from 'svelte';\nuse(svelte);")).toThrow(/line 2/);
	});

	it('fails when Kit no longer imports svelte as a namespace', () => {
		expect(() => namedSvelteImports("import { tick } from 'svelte';")).toThrow(/no `import \* as svelte/);
	});
});
