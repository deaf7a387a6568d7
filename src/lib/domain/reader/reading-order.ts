/**
 * Reading order across a whole comic: every panel of every page, flattened into one list, so that
 * "next" and "previous" are index arithmetic and a position can be stored as a panel id. Pure.
 */
import type { Manifest } from '../manifest/schema';

/** One panel's place in the comic. */
export interface PanelPosition {
	/** Index in the flat reading order (0-based). */
	index: number;
	pageIndex: number;
	/** Index of the panel on its page (0-based). */
	panelIndex: number;
	pageId: string;
	panelId: string;
}

/** How the reader moves: one page at a time, or panel by panel with the camera. */
export type ReaderMode = 'page' | 'guided';

/** The flat reading order: pages in order, panels in the order their page lists them. */
export function readingOrder(manifest: Pick<Manifest, 'pages'>): PanelPosition[] {
	const order: PanelPosition[] = [];
	manifest.pages.forEach((page, pageIndex) =>
		page.panels.forEach((panel, panelIndex) =>
			order.push({ index: order.length, pageIndex, panelIndex, pageId: page.id, panelId: panel.id })
		)
	);
	return order;
}

function clampIndex(order: readonly PanelPosition[], index: number): number {
	if (order.length === 0) return 0;
	return Math.min(Math.max(0, Math.trunc(index)), order.length - 1);
}

/** Index of the first panel of a page (clamped to the comic). */
export function firstPanelOfPage(order: readonly PanelPosition[], pageIndex: number): number {
	const found = order.find((p) => p.pageIndex >= pageIndex);
	return found ? found.index : clampIndex(order, order.length - 1);
}

/** The page a panel is on (0-based). */
export function pageOfPanel(order: readonly PanelPosition[], index: number): number {
	return order[clampIndex(order, index)]?.pageIndex ?? 0;
}

/** Index of a panel id, or -1 when the comic has no such panel. */
export function findPanel(order: readonly PanelPosition[], panelId: string): number {
	return order.findIndex((p) => p.panelId === panelId);
}

/**
 * Where a step forward (+1) or back (-1) leads. Guided view moves one panel; page view moves one
 * page and lands on that page's first panel. Stays put at either end of the comic.
 */
export function step(
	order: readonly PanelPosition[],
	index: number,
	direction: 1 | -1,
	mode: ReaderMode
): number {
	const here = clampIndex(order, index);
	if (mode === 'guided') return clampIndex(order, here + direction);
	const page = pageOfPanel(order, here);
	const pages = order.length ? order[order.length - 1]!.pageIndex + 1 : 0;
	const target = Math.min(Math.max(0, page + direction), Math.max(0, pages - 1));
	return target === page ? here : firstPanelOfPage(order, target);
}

/** Whether a step in that direction would move. */
export function canStep(
	order: readonly PanelPosition[],
	index: number,
	direction: 1 | -1,
	mode: ReaderMode
): boolean {
	return step(order, index, direction, mode) !== clampIndex(order, index);
}

/** The "page x/y, panel x/y" numbers (1-based) shown to the reader. */
export interface PositionLabel {
	page: number;
	pages: number;
	panel: number;
	panelsOnPage: number;
}

export function positionLabel(order: readonly PanelPosition[], index: number): PositionLabel {
	const here = order[clampIndex(order, index)];
	if (!here) return { page: 0, pages: 0, panel: 0, panelsOnPage: 0 };
	return {
		page: here.pageIndex + 1,
		pages: order[order.length - 1]!.pageIndex + 1,
		panel: here.panelIndex + 1,
		panelsOnPage: order.filter((p) => p.pageIndex === here.pageIndex).length
	};
}

/** Pages whose art should be loaded around the current page: it and its neighbours. */
export function pagesToKeep(pageIndex: number, pageCount: number, radius = 1): number[] {
	const keep: number[] = [];
	for (let p = pageIndex - radius; p <= pageIndex + radius; p++) if (p >= 0 && p < pageCount) keep.push(p);
	return keep;
}
