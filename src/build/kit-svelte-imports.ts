/**
 * SvelteKit's client router (`@sveltejs/kit/src/runtime/client/client.js`) imports Svelte as a
 * namespace (`import * as svelte from 'svelte'`, so that it runs with Svelte 4 as well). A
 * namespace read through a member Rolldown cannot prove to exist (`svelte.fork`, `svelte.settled`:
 * Svelte 4 lacks them) keeps the whole namespace object, and with it every export of `svelte`
 * into the shell chunk every page loads: `createEventDispatcher`, `beforeUpdate`, `afterUpdate`,
 * `createRawSnippet`, `hydratable`, `fork`, … (DESIGN.md §6: the library page's JavaScript ≤ 60 KB
 * gzip). The router uses five of them; this imports those five by name (Svelte 5 has them all).
 * `fork` is read only behind `__SVELTEKIT_FORK_PRELOADS__` (off here), so it drops out too.
 */
import type { Plugin } from 'vite';

/** The file rewritten. */
export const KIT_CLIENT = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]client\.js$/;

/** What the router reads of `svelte`. */
const USED = ['onMount', 'tick', 'untrack', 'settled', 'fork'] as const;

/**
 * Kit's client.js with named imports of Svelte in place of the namespace. Throws when the code is
 * not shaped as expected (a Kit update): the build then fails instead of silently keeping it.
 */
export function namedSvelteImports(code: string): string {
	const namespaceImport = "import * as svelte from 'svelte';";
	if (!code.includes(namespaceImport)) throw new Error(`no \`${namespaceImport}\``);
	const named = USED.map((name) => `${name} as svelte_${name}`).join(', ');
	let out = code.replace(namespaceImport, `import { ${named} } from 'svelte';`);
	out = out.replace(
		'const { onMount, tick } = svelte;',
		'const onMount = svelte_onMount, tick = svelte_tick;'
	);
	out = out.replace(
		new RegExp(String.raw`(?<![\w$./])svelte\s*\.(${USED.join('|')})\b`, 'g'),
		'svelte_$1'
	);
	// What is left of `svelte` must be text (comments, the docs' address svelte.dev), not a read
	// of the namespace: a member (`svelte.x`, `svelte[x]`) or the object itself passed on.
	const left = /(?<![\w$./'"-])svelte(?:\s*\[|\s*\.(?!dev\b|js\b)\s*[\w$]|\s*[,;)\]}])/.exec(out);
	if (left) {
		const line = out.slice(0, left.index).split('\n').length;
		throw new Error(`the namespace \`svelte\` is still read, line ${line}`);
	}
	return out;
}

/** `namedSvelteImports` on Kit's client.js, in the browser build. */
export function kitSvelteImports(): Plugin {
	return {
		name: 'kalanso:kit-svelte-imports',
		apply: 'build',
		enforce: 'pre',
		transform(code, id) {
			if (this.environment.config.consumer !== 'client' || !KIT_CLIENT.test(id)) return;
			try {
				return { code: namedSvelteImports(code), map: null };
			} catch (error) {
				this.error(`${id}: ${(error as Error).message}`);
			}
		}
	};
}
