/**
 * Driving the reader the way a student does, through what it exposes for tests (Reader.svelte):
 * the root `[data-testid="reader"]` with `data-ready`, `data-mode`, `data-page`, `data-panel`,
 * `data-panel-id`, `data-loaded-textures`, `data-camera` / `data-camera-target`, the mode buttons,
 * the arrow keys, and the `kalanso:first-panel` performance mark.
 *
 * While a trace is recording, nothing here polls inside the page with timers or rAF (which would
 * add JavaScript to the frames being measured): state is read from Node with short evaluations.
 */
import type { Page } from '@playwright/test';

export const READER = '[data-testid="reader"]';

export function readerPath(slug: string, renderer?: 'webgl' | 'canvas'): string {
	return `/read/${encodeURIComponent(slug)}${renderer ? `?renderer=${renderer}` : ''}`;
}

export async function waitReaderReady(page: Page, timeout = 120_000): Promise<void> {
	await page.locator(`${READER}[data-ready="true"]`).waitFor({ timeout });
}

export interface ReaderState {
	ready: boolean;
	mode: string;
	renderer: string;
	page: number;
	panel: number;
	panelId: string;
	loadedTextures: number;
	camera: string;
	cameraTarget: string;
}

export async function readerState(page: Page): Promise<ReaderState> {
	return page.locator(READER).evaluate((el: HTMLElement) => {
		const d = el.dataset;
		return {
			ready: d.ready === 'true',
			mode: d.mode ?? '',
			renderer: d.renderer ?? '',
			page: Number(d.page),
			panel: Number(d.panel),
			panelId: d.panelId ?? '',
			loadedTextures: Number(d.loadedTextures),
			camera: d.camera ?? '',
			cameraTarget: d.cameraTarget ?? ''
		};
	});
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the panel differs from `fromPanelId` (unless null) and the camera has reached its
 * target, polling from Node every 50 ms.
 */
export async function waitSettled(
	page: Page,
	fromPanelId: string | null,
	timeoutMs = 60_000
): Promise<ReaderState> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const state = await readerState(page);
		const moved = fromPanelId === null || state.panelId !== fromPanelId;
		if (state.ready && moved && state.camera === state.cameraTarget) return state;
		if (Date.now() > deadline) throw new Error(`camera did not settle: ${JSON.stringify(state)}`);
		await pause(50);
	}
}

/** Puts the reader in guided view (the default, but a stored position may say otherwise). */
export async function ensureGuided(page: Page): Promise<ReaderState> {
	const state = await readerState(page);
	if (state.mode !== 'guided') await page.locator('[data-testid="mode-guided"]').click();
	return waitSettled(page, null);
}

/** Marks around each move, so that the trace analysis knows which frames belong to a move. */
export const MOVE_START_MARK = 'bench:move-start';
export const MOVE_END_MARK = 'bench:move-end';

/**
 * One guided-view move (next or previous panel); resolves with the state once the camera stopped.
 * The move is bracketed by user-timing marks, set from Node before the key press and after the
 * camera was seen at its target (up to one 50 ms poll late, so a move's window may end with a
 * frame or two of idling).
 */
export async function move(page: Page, direction: 'next' | 'prev'): Promise<ReaderState> {
	const before = await readerState(page);
	await page.evaluate((name) => performance.mark(name), MOVE_START_MARK);
	await page.keyboard.press(direction === 'next' ? 'ArrowRight' : 'ArrowLeft');
	const after = await waitSettled(page, before.panelId);
	await page.evaluate((name) => performance.mark(name), MOVE_END_MARK);
	return after;
}
