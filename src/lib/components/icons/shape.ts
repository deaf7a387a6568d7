/**
 * One icon of `Icon.svelte`: an SVG path on a 24×24 grid, drawn in `currentColor`. Each icon is its
 * own module (`icons/<name>.ts`) so that a page's JavaScript carries only the icons it draws.
 */
export interface IconShape {
	/** Shown as `data-icon` on the drawn `<svg>` (styles and tests find an icon by it). */
	readonly name: string;
	/** The path's `d` attribute. */
	readonly d: string;
}
