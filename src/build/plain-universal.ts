/**
 * Kit's generated client nodes import a route's universal module (`+layout.ts`, `+page.ts`) as a
 * namespace and export it: `import * as universal from "…/+layout.ts"; export { universal };`.
 * Rolldown builds that namespace object with its runtime's `__export` helper, a chunk of its own
 * (≈ 0.4 KB gzip with the CommonJS helpers beside it) that the library page loaded for the root
 * layout's `load` alone (DESIGN.md §6: the library page's JavaScript ≤ 60 KB gzip). Kit only reads
 * the object's properties (`universal.load`, `.ssr`, …), so a plain object of the module's exports,
 * imported by name, does the same without the helper.
 */
import type { Plugin } from 'vite';

/** A node of Kit's optimized client manifest. */
export const KIT_NODE = /[\\/]generated[\\/]client-optimized[\\/]nodes[\\/]\d+\.js$/;

const NAMESPACE = /^import \* as universal from ("[^"]+");\nexport \{ universal \};/m;

/** The path of the universal module a node imports as a namespace, if it does. */
export function universalImport(code: string): string | null {
	const match = NAMESPACE.exec(code);
	return match ? (JSON.parse(match[1]!) as string) : null;
}

/**
 * The node with `universal` as a plain object of `exported` (the universal module's export
 * names), or null when that cannot be done as is (no names known, an `export *`, or a name that
 * is no identifier).
 */
export function plainUniversal(code: string, exported: readonly string[]): string | null {
	const match = NAMESPACE.exec(code);
	if (!match || exported.length === 0 || exported.some((name) => !/^[A-Za-z_$][\w$]*$/.test(name))) return null;
	const imports = exported.map((name) => `${name} as universal_${name}`).join(', ');
	const object = exported.map((name) => `${name}: universal_${name}`).join(', ');
	return code.replace(
		NAMESPACE,
		() => `import { ${imports} } from ${match[1]};\nexport const universal = { ${object} };`
	);
}

/** `plainUniversal` on each of Kit's client nodes, in the browser build. */
export function kitPlainUniversal(): Plugin {
	return {
		name: 'kalanso:plain-universal',
		apply: 'build',
		async transform(code, id) {
			if (this.environment.config.consumer !== 'client' || !KIT_NODE.test(id)) return;
			const path = universalImport(code);
			if (path === null) return;
			const resolved = await this.resolve(path, id);
			if (!resolved) return;
			const info = await this.load({ id: resolved.id });
			const out = plainUniversal(code, info.exports);
			return out === null ? undefined : { code: out, map: null };
		}
	};
}
