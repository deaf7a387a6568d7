/**
 * Driving the reader the way a student does, through what it exposes for tests (Reader.svelte):
 * the root `[data-testid="reader"]` with `data-ready`, `data-mode`, `data-page`, `data-panel`,
 * `data-panel-id`, `data-loaded-textures`, `data-camera` / `data-camera-target`, the mode buttons,
 * the arrow keys, and the `kalanso:first-panel` performance mark.
 *
 * While a trace is recording, nothing here polls inside the page with timers or rAF (which would
 * add JavaScript to the frames being measured), and nothing polls from Node during a move either:
 * `move` waits for the reader's own at-rest attributes with one awaited evaluation (see there; the
 * harness's evaluations used to delay the app's frames). `waitSettled` still polls from Node, for
 * setting up before a trace.
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

/**
 * The reader's state from its attributes, as source text of a function of the reader element: run
 * by `readerState` and inside `ARM_MOVE_END` (a function passed to `evaluate` could not be shared:
 * tsx wraps named inner functions in a `__name` helper the page does not have).
 */
const READ_STATE = `(el) => {
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
}`;

export async function readerState(page: Page): Promise<ReaderState> {
	await page.locator(READER).waitFor({ state: 'attached' });
	return (await page.evaluate(
		`(${READ_STATE})(document.querySelector(${JSON.stringify(READER)}))`
	)) as ReaderState;
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

/** The reader attributes whose change may end a move (`publish` sets them together, see Reader.svelte). */
const AT_REST_ATTRIBUTES = ['data-ready', 'data-panel-id', 'data-camera', 'data-camera-target'];

/**
 * The page side of `move`, as source text: tsx wraps named inner functions of a function passed to
 * `evaluate` in a `__name` helper the page does not have. Reads the state (as `readerState`), arms
 * the observer, sets the start mark, returns the state.
 */
const ARM_MOVE_END = `({ selector, start, end, attributes }) => {
	const el = document.querySelector(selector);
	const state = () => (${READ_STATE})(el);
	const from = state();
	window.__benchMoveEnd = new Promise((resolve) => {
		const observer = new MutationObserver(() => {
			const now = state();
			if (!now.ready || now.panelId === from.panelId || now.camera !== now.cameraTarget) return;
			observer.disconnect();
			performance.mark(end);
			resolve(now);
		});
		observer.observe(el, { attributes: true, attributeFilter: attributes });
	});
	performance.mark(start);
	return from;
}`;

/** A guided-view move: the reader's state before the key press and once the camera has stopped. */
export interface Move {
	before: ReaderState;
	after: ReaderState;
}

/**
 * One guided-view move (next or previous panel); resolves once the camera stopped.
 *
 * Nothing from Node runs in the page while the camera moves. One evaluation before the key press
 * reads the state, sets the start mark and arms a MutationObserver on the reader's root for its
 * at-rest attributes; a second one, sent right after the key press, only awaits that observer's
 * promise (DevTools' `awaitPromise`: no further message until it resolves). The reader changes
 * those attributes once, right after the move's last frame (Reader.svelte), so the observer's
 * callback runs once or twice per move, in that task, and it sets the end mark there: the move's
 * window ends when the reader came to rest, not up to a poll later.
 * Why: the harness used to poll the state from Node every 50 ms during a move (some twenty
 * evaluations a move). Each one is a DevTools task on the page's main thread; `framesFromTrace`
 * does not charge their JavaScript to the frames, but they delayed the app's animation-frame
 * callbacks (about a third of the late ones at 1×, README "session 8 camera"), which the frame
 * time figure then counted as the reader's.
 */
export async function move(page: Page, direction: 'next' | 'prev', timeoutMs = 60_000): Promise<Move> {
	const before = (await page.evaluate(
		`(${ARM_MOVE_END})(${JSON.stringify({
			selector: READER,
			start: MOVE_START_MARK,
			end: MOVE_END_MARK,
			attributes: AT_REST_ATTRIBUTES
		})})`
	)) as ReaderState;
	await page.keyboard.press(direction === 'next' ? 'ArrowRight' : 'ArrowLeft');
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() =>
				reject(
					new Error(`camera did not settle within ${timeoutMs} ms after ${direction} from ${before.panelId}`)
				),
			timeoutMs
		);
	});
	try {
		const after = await Promise.race([
			page.evaluate(() => (window as unknown as { __benchMoveEnd: Promise<ReaderState> }).__benchMoveEnd),
			timeout
		]);
		return { before, after };
	} finally {
		clearTimeout(timer);
	}
}
