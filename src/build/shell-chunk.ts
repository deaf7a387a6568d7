/**
 * One chunk for the code every page loads (DESIGN.md §6: the library page's JavaScript ≤ 60 KB
 * gzip). SvelteKit loads its client entries (`entry/start`, `entry/app`) and the root layout and
 * error nodes (`nodes/0`, `nodes/1`) on every page; Rolldown's automatic chunking cut what they
 * import into a dozen chunks (Svelte, Kit, i18n, the offline layer, idb, small helpers), each with
 * its own import lines, export names and gzip stream. Everything those four entries import
 * statically, and nothing else, goes into one chunk instead: no page loads a byte more than
 * before, and the code they import only with `import()` stays in its own chunks.
 *
 * The set of modules is known once the module graph is complete (`buildEnd`), before the chunks
 * are made; `shellGroup` reads it then.
 */
import type { Plugin } from 'vite';

/** Kit's client entries that every page loads: the start script, the app, the root layout and error. */
const ALWAYS_LOADED = [
	/[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js$/,
	/[\\/]generated[\\/]client-optimized[\\/]app\.js$/,
	/[\\/]generated[\\/]client-optimized[\\/]nodes[\\/][01]\.js$/
];

/** The modules of the shell chunk, per build (empty outside the browser build). */
const shell = new Set<string>();

/**
 * Collects the static imports of the always-loaded entries, in the browser build. Fails the build
 * if it finds fewer than the four entries: Kit has renamed them, and the shell would be empty.
 */
export function shellChunk(): Plugin {
	return {
		name: 'kalanso:shell-chunk',
		apply: 'build',
		buildEnd() {
			if (this.environment.config.consumer !== 'client') return;
			shell.clear();
			const ids = [...this.getModuleIds()];
			const entries = ids.filter((id) => ALWAYS_LOADED.some((pattern) => pattern.test(id)));
			if (entries.length !== 4) {
				this.error(`shell chunk: expected Kit's 4 always-loaded client entries, found ${entries.length}`);
			}
			const queue = entries.flatMap((id) => this.getModuleInfo(id)?.importedIds ?? []);
			while (queue.length > 0) {
				const id = queue.pop()!;
				if (shell.has(id) || entries.includes(id)) continue;
				shell.add(id);
				queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
			}
		}
	};
}

/** The `output.codeSplitting` group that puts the modules `shellChunk` found into one chunk. */
export const shellGroup = {
	name: 'shell',
	test: (id: string) => shell.has(id),
	// Before Rolldown's own grouping: a module of the shell goes nowhere else.
	priority: 100
};
