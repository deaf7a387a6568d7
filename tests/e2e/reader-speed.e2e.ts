/**
 * Reader cold start (issue 21): work that can wait for the first panel waits. Checked by what the
 * page does, on the production build:
 * - no `Intl.Segmenter` is built (Pixi's text metrics made one when evaluated, loading ICU's
 *   break-iterator data on the critical path; src/lib/render/pixi-patches.ts), and bubble text
 *   is still drawn; Pixi measures the bubbles' font once per weight, not once per fitted size;
 * - the narration engine (howler's chunk) is requested only after the first panel is drawn, and
 *   narration still becomes ready;
 * - before the first panel only the first page's art is fetched; the other pages' art and the quiz
 *   check come after it, and no font of another script is fetched for a comic in Latin script;
 * - one WebGL context, with only the extensions the reader uses enabled;
 * - a library its service worker serves loads the reader's code while idle, so a tap fetches no
 *   script before the first panel, and builds the browser's names of languages the reader shows;
 *   a first visit does not (the library's JavaScript budget).
 */
import { expect, test, type Request } from '@playwright/test';
import { canvasPixels, changed, type Pixels } from './support/pixels';
import { countWebGLContexts, pretendGpu, webglContexts } from './support/webgl';

const SLUG = 'trente-jours';

test('the first panel is drawn with no Intl.Segmenter built and before howler is fetched', async ({
	page
}) => {
	await page.addInitScript(() => {
		const w = window as unknown as { __segmenters: number; __fontMeasures: string[] };
		w.__segmenters = 0;
		w.__fontMeasures = [];
		// Pixi measures a font's height on its tall glyphs (CanvasTextMetrics.METRICS_STRING + "M").
		for (const proto of [CanvasRenderingContext2D.prototype, OffscreenCanvasRenderingContext2D.prototype]) {
			const measureText = proto.measureText;
			proto.measureText = function (this: CanvasRenderingContext2D, text: string) {
				if (text === '|ÉqÅM') w.__fontMeasures.push(this.font);
				return measureText.call(this, text);
			} as typeof proto.measureText;
		}
		const Original = Intl.Segmenter;
		if (typeof Original !== 'function') return;
		(Intl as unknown as { Segmenter: typeof Intl.Segmenter }).Segmenter = class extends Original {
			constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
				super(...args);
				w.__segmenters++;
			}
		};
	});
	// When each script that holds howler's code was requested, page clock (ms).
	const howlerAt: number[] = [];
	page.on('response', async (response) => {
		if (response.request().resourceType() !== 'script') return;
		const body = await response.text().catch(() => '');
		if (body.includes('HTML5 Audio pool exhausted')) howlerAt.push(response.request().timing().startTime);
	});
	await page.goto(`/read/${SLUG}`);
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	// Narration ready means howler was loaded and evaluated.
	await expect(page.getByTestId('narration')).toHaveAttribute('data-narration-state', 'idle');
	// The response handler above reads each script's body before it records it: it may finish after
	// the page has run the script (CI, loaded machine: none recorded yet when narration was ready).
	await expect.poll(() => howlerAt.length).toBeGreaterThan(0);
	const firstPanel = await page.evaluate(
		() => performance.timeOrigin + performance.getEntriesByName('kalanso:first-panel')[0]!.startTime
	);
	for (const t of howlerAt) expect(t).toBeGreaterThanOrEqual(firstPanel);

	// Bubble text is still measured and drawn without it: reader.e2e.ts checks the canvas pixels of
	// the bubbles change with the text language.
	expect(await page.evaluate(() => (window as unknown as { __segmenters: number }).__segmenters)).toBe(0);
	// Pixi measured the bubbles' font once per weight, not once per fitted size
	// (src/lib/render/font-metrics.ts): at the reference size only.
	const fontMeasures = await page.evaluate(
		() => (window as unknown as { __fontMeasures: string[] }).__fontMeasures
	);
	expect(fontMeasures.length).toBeGreaterThan(0);
	expect(fontMeasures.length).toBeLessThanOrEqual(2);
	for (const font of fontMeasures) expect(font).toMatch(/\b100px\b/);
});

test('before the first panel only the first page is fetched; later pages and the quiz check after', async ({
	page
}) => {
	// Every request of the reader's document.
	const seen: Request[] = [];
	page.on('request', (request) => seen.push(request));
	await page.goto(`/read/${SLUG}`);
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('narration')).toHaveAttribute('data-narration-state', 'idle');
	// The neighbouring page's art loads after the first frame: wait until it is held.
	await expect(page.getByTestId('reader')).toHaveAttribute('data-loaded-textures', '2');
	const path = (url: string) => new URL(url).pathname;
	// The quiz check (a HEAD online) is asked for once the first panel is drawn.
	const quizCheck = `/api/comics/${SLUG}/quiz`;
	await expect.poll(() => seen.some((r) => path(r.url()) === quizCheck)).toBe(true);
	// Playwright fills a request's timing once its response has come: when it started and when its
	// last byte arrived (page clock, ms since the epoch).
	await Promise.all(seen.map((r) => r.response().catch(() => null)));
	const requests = seen.map((r) => ({ url: r.url(), at: r.timing().startTime }));
	const finished = new Map(seen.map((r) => [path(r.url()), r.timing().startTime + r.timing().responseEnd]));
	expect(requests.every((r) => r.at > 0)).toBe(true);
	const [firstPanel, mounted] = await page.evaluate(() =>
		['kalanso:first-panel', 'kalanso:renderer-mounted'].map(
			(name) => performance.timeOrigin + performance.getEntriesByName(name)[0]!.startTime
		)
	);
	const before = requests.filter((r) => r.at < firstPanel!).map((r) => path(r.url));
	const after = requests.filter((r) => r.at >= firstPanel!).map((r) => path(r.url));

	// The next page's art is asked for in the task that drew the first frame, just before the
	// first-panel mark: so it is checked against what precedes that frame: the engine started and
	// the first page's art fully received.
	const art = (n: number) => `/comics/${SLUG}/art/page-${n}.webp`;
	const requestedAt = (p: string) => requests.find((r) => path(r.url) === p)?.at ?? NaN;
	expect(finished.get(art(1))).toBeDefined();
	expect(requestedAt(art(2))).toBeGreaterThan(finished.get(art(1))!);
	expect(requestedAt(art(2))).toBeGreaterThan(mounted!);
	expect(before).not.toContain(art(3));
	// The quiz check is only needed on the last panel.
	expect(before).not.toContain(quizCheck);
	expect(after).toContain(quizCheck);
	// French, English and Latin-script Bambara: the N'Ko and Tifinagh fonts draw nothing here.
	expect(requests.map((r) => path(r.url)).filter((p) => /nko|tifinagh/i.test(p))).toEqual([]);
});

test('before the first panel: one WebGL context, only the extensions used, the art in view uploaded, no preload links added', async ({
	page
}) => {
	// Every WebGL context made on any canvas (Pixi's test contexts included).
	await countWebGLContexts(page);
	// A tablet with a GPU that has opened the reader before (it knows its WebGL is drawn by a GPU).
	await pretendGpu(page, { known: true });
	await page.addInitScript(() => {
		const w = window as unknown as {
			__artUploads: { width: number; height: number; at: number }[];
			__preloadLinks: number;
			__extensions: { name: string; at: number }[];
		};
		w.__artUploads = [];
		w.__preloadLinks = 0;
		w.__extensions = [];
		// Every WebGL extension asked for (enabling one costs the renderer's start), and when.
		for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
			const getExtension = proto.getExtension as (name: string) => unknown;
			proto.getExtension = function (this: WebGLRenderingContext, name: string) {
				w.__extensions.push({ name, at: performance.now() });
				return getExtension.call(this, name);
			} as typeof proto.getExtension;
		}
		// Every ImageBitmap uploaded to a texture (the page art), with its size and when.
		for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
			const texImage2D = proto.texImage2D as (...a: unknown[]) => void;
			proto.texImage2D = function (this: WebGLRenderingContext, ...args: unknown[]) {
				const source = args.find((a) => a instanceof ImageBitmap) as ImageBitmap | undefined;
				if (source)
					w.__artUploads.push({ width: source.width, height: source.height, at: performance.now() });
				return texImage2D.apply(this, args);
			} as typeof proto.texImage2D;
		}
		new MutationObserver((records) => {
			for (const r of records)
				for (const n of r.addedNodes)
					if (n instanceof HTMLLinkElement && n.rel === 'modulepreload') w.__preloadLinks++;
		}).observe(document, { childList: true, subtree: true });
	});
	await page.goto('/');
	// Open the reader as a student does, from the library (client-side navigation).
	const linksAtStart = await page.evaluate(
		() => (window as unknown as { __preloadLinks: number }).__preloadLinks
	);
	await page.locator(`a[href="/read/${SLUG}"]`).first().click();
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expect(reader).toHaveAttribute('data-renderer', 'webgl');
	// The neighbouring page is warmed up (drawn offscreen) after the first frame: wait for it.
	await expect(reader).toHaveAttribute('data-loaded-textures', '2');
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { __artUploads: unknown[] }).__artUploads.length))
		.toBeGreaterThanOrEqual(3);
	const { contexts, uploads, links, extensions, firstPanel } = await page.evaluate(() => {
		const w = window as unknown as {
			__webglContexts: number;
			__artUploads: { width: number; height: number; at: number }[];
			__preloadLinks: number;
			__extensions: { name: string; at: number }[];
		};
		return {
			contexts: w.__webglContexts,
			uploads: w.__artUploads,
			links: w.__preloadLinks,
			extensions: w.__extensions,
			firstPanel: performance.getEntriesByName('kalanso:first-panel')[0]!.startTime
		};
	});
	expect(contexts).toBe(1);
	expect(links).toBe(linksAtStart);
	// Only the extensions the reader uses are enabled: no compressed or float texture formats
	// (src/lib/render/pixi.ts), and it still draws (the uploads below, the pixels in reader.e2e.ts).
	const asked = (list: { name: string }[]) => [...new Set(list.map((e) => e.name))].sort();
	expect(asked(extensions.filter((e) => e.at < firstPanel))).toEqual([
		'WEBGL_lose_context',
		'WEBGL_provoking_vertex'
	]);
	// After it, none: the device's kind is known (src/lib/render/webgl-kind.ts), not asked again.
	expect(asked(extensions.filter((e) => e.at >= firstPanel))).toEqual([]);
	// The art uploaded before the first panel is only the part in view, smaller than a page; the
	// whole first page comes after it, then the neighbour's.
	const before = uploads.filter((u) => u.at < firstPanel);
	const after = uploads.filter((u) => u.at >= firstPanel);
	expect(before).toHaveLength(1);
	const pages = after.filter((u) => u.width * u.height > before[0]!.width * before[0]!.height);
	expect(pages.length).toBeGreaterThanOrEqual(2);
	expect(before[0]!.width * before[0]!.height).toBeLessThan(0.7 * pages[0]!.width * pages[0]!.height);
});

test('a library served by its service worker loads the reader’s code while idle; the tap fetches no script before the first panel', async ({
	page
}) => {
	// Every WebGL context the page makes (the library's probe of the device's WebGL is one).
	await countWebGLContexts(page);
	// When each Intl.DisplayNames is built (page clock, ms since the epoch): the browser's names of
	// languages, which the reader's language picker and narration controls show.
	await page.addInitScript(() => {
		const w = window as unknown as { __displayNamesAt: number[] };
		w.__displayNamesAt = [];
		const Original = Intl.DisplayNames;
		(Intl as unknown as { DisplayNames: typeof Intl.DisplayNames }).DisplayNames = class extends Original {
			constructor(...args: ConstructorParameters<typeof Intl.DisplayNames>) {
				super(...args);
				w.__displayNamesAt.push(performance.timeOrigin + performance.now());
			}
		};
	});
	const displayNamesAt = () =>
		page.evaluate(() => (window as unknown as { __displayNamesAt: number[] }).__displayNamesAt);
	// Each script response, with when it was requested (page clock, ms since the epoch) and whether
	// it holds Pixi's WebGL renderer.
	const scripts: { path: string; at: number; pixi: boolean }[] = [];
	page.on('response', async (response) => {
		const request = response.request();
		if (request.resourceType() !== 'script') return;
		const body = await response.text().catch(() => '');
		scripts.push({
			path: new URL(request.url()).pathname,
			at: request.timing().startTime,
			pixi: body.includes('webgl-pipes')
		});
	});
	// A first visit: no service worker serves the page yet, so the library loads only its own code
	// (its JavaScript budget), even once idle (the preload waits for idle at most 2 s).
	await page.goto('/');
	await page.locator(`a[href="/read/${SLUG}"]`).first().waitFor();
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(2500);
	expect(scripts.filter((s) => s.pixi)).toEqual([]);

	// The service worker now serves the app (as on a tablet that has opened Kalanso before).
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
	await page.reload();
	await page.locator(`a[href="/read/${SLUG}"]`).first().waitFor();
	// While idle the library also learns that this machine's WebGL is software (SwiftShader; the
	// first visit above opened no reader, so nothing told it before): the reader will start with the
	// canvas renderer, whose code is then the one preloaded (src/lib/render/webgl-kind.ts).
	const kind = () =>
		page.evaluate(
			() => (JSON.parse(localStorage.getItem('kalanso:webgl') ?? 'null') as { kind: string } | null)?.kind
		);
	await expect.poll(kind, { timeout: 15_000 }).toBe('software');
	await expect.poll(() => scripts.some((s) => s.pixi), { timeout: 15_000 }).toBe(true);
	// The browser's names of languages are built while idle too, not in the reader's first render.
	await expect.poll(async () => (await displayNamesAt()).length, { timeout: 15_000 }).toBe(1);
	await page.waitForLoadState('networkidle');
	const contextsBeforeTap = await webglContexts(page);
	expect(contextsBeforeTap).toBe(1);

	const tapAt = await page.evaluate(() => performance.timeOrigin + performance.now());
	await page.locator(`a[href="/read/${SLUG}"]`).first().click();
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	const firstPanel = await page.evaluate(
		() => performance.timeOrigin + performance.getEntriesByName('kalanso:first-panel')[0]!.startTime
	);
	expect(firstPanel).toBeGreaterThan(tapAt);
	// Everything the reader needed to draw its first panel was loaded before the tap.
	expect(scripts.filter((s) => s.at > tapAt && s.at < firstPanel).map((s) => s.path)).toEqual([]);
	// It drew with the canvas renderer and made no WebGL context of its own.
	await expect(page.getByTestId('reader')).toHaveAttribute('data-renderer', 'canvas');
	expect(await webglContexts(page)).toBe(contextsBeforeTap);
	// It built no names of languages either, and the picker shows the ones built while idle.
	expect(await displayNamesAt()).toHaveLength(1);
	await expect(page.getByTestId('text-language').locator('button[data-lang="fr"]')).toHaveText(/Français/);
});

test('a library served by its service worker starts the reader’s canvas renderer while idle; the reader draws on it what it draws on a canvas of its own', async ({
	page
}) => {
	// Every canvas given a 2D context and when; every change of a canvas's size and when (page
	// clock, ms since the epoch). A canvas's memory is taken anew at each size it is drawn at.
	await page.addInitScript(() => {
		const w = window as unknown as {
			__canvases: { canvas: HTMLCanvasElement; at: number }[];
			__sized: { canvas: HTMLCanvasElement; at: number }[];
		};
		w.__canvases = [];
		w.__sized = [];
		const getContext = HTMLCanvasElement.prototype.getContext;
		HTMLCanvasElement.prototype.getContext = function (
			this: HTMLCanvasElement,
			id: string,
			options?: unknown
		) {
			if (id === '2d' && !w.__canvases.some((c) => c.canvas === this))
				w.__canvases.push({ canvas: this, at: performance.timeOrigin + performance.now() });
			return (getContext as (id: string, options?: unknown) => RenderingContext | null).call(
				this,
				id,
				options
			);
		} as typeof getContext;
		for (const name of ['width', 'height'] as const) {
			const property = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, name)!;
			Object.defineProperty(HTMLCanvasElement.prototype, name, {
				...property,
				set(this: HTMLCanvasElement, value: number) {
					if (property.get!.call(this) !== value)
						w.__sized.push({ canvas: this, at: performance.timeOrigin + performance.now() });
					property.set!.call(this, value);
				}
			});
		}
	});
	/** When the reader's canvas got its 2D context, and the times its size changed. */
	const readerCanvas = () =>
		page.evaluate(() => {
			const w = window as unknown as {
				__canvases: { canvas: HTMLCanvasElement; at: number }[];
				__sized: { canvas: HTMLCanvasElement; at: number }[];
			};
			const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="reader-canvas"]')!;
			return {
				at: w.__canvases.find((c) => c.canvas === canvas)?.at ?? null,
				sizedAt: w.__sized.filter((c) => c.canvas === canvas).map((c) => c.at)
			};
		});
	/** How many canvases not on the page have a 2D context and the reader's width. */
	const offPageCanvases = () =>
		page.evaluate(
			(width) =>
				(window as unknown as { __canvases: { canvas: HTMLCanvasElement }[] }).__canvases.filter(
					(c) => !c.canvas.isConnected && c.canvas.width === width
				).length,
			own.width
		);
	const now = () => page.evaluate(() => performance.timeOrigin + performance.now());
	const firstPanelAt = () =>
		page.evaluate(
			() => performance.timeOrigin + performance.getEntriesByName('kalanso:first-panel')[0]!.startTime
		);
	const reader = page.getByTestId('reader');
	const card = page.locator(`a[href="/read/${SLUG}"]`).first();
	let own: Pixels = { data: Buffer.alloc(0), width: 0, height: 0 };

	// A reader opened by URL, with no library before it: it starts its own renderer.
	await page.goto(`/read/${SLUG}`);
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expect(reader).toHaveAttribute('data-renderer', 'canvas');
	const routeAt = await page.evaluate(
		() => performance.timeOrigin + performance.getEntriesByName('kalanso:reader-route')[0]!.startTime
	);
	expect((await readerCanvas()).at).toBeGreaterThan(routeAt);
	own = await canvasPixels(page);

	// The library, served by its service worker: the next reader's renderer is started while it is
	// idle, at the size the reader above started at (remembered): its canvas's memory is taken then.
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
	await page.goto('/');
	await card.waitFor();
	await expect.poll(offPageCanvases, { timeout: 15_000 }).toBeGreaterThan(0);
	await page.waitForLoadState('networkidle');
	for (const round of ['first library visit', 'back from the reader']) {
		const tapAt = await now();
		await card.click();
		await expect(reader).toHaveAttribute('data-ready', 'true');
		await expect(reader).toHaveAttribute('data-renderer', 'canvas');
		// The reader draws on the canvas started before the tap, not sized again before its first panel.
		const drawnOn = await readerCanvas();
		const firstPanel = await firstPanelAt();
		expect(drawnOn.at, round).not.toBeNull();
		expect(drawnOn.at!, round).toBeLessThan(tapAt);
		expect(
			drawnOn.sizedAt.filter((at) => at > tapAt && at < firstPanel),
			round
		).toEqual([]);
		// What a student sees is what the reader draws on a canvas of its own.
		expect(changed(await canvasPixels(page), own), round).toBeLessThan(0.01);
		if (round === 'back from the reader') break;
		// Back in the library (a link, no page load), another is started for the next comic opened.
		const before = await offPageCanvases();
		await reader.locator('.bar.top a[href="/"]').click();
		await card.waitFor();
		await expect.poll(offPageCanvases, { timeout: 15_000 }).toBeGreaterThan(before + 1);
	}
});

test.describe('while the first page’s art is on its way', () => {
	// The art's request is held by the test: no service worker may answer it instead.
	test.use({ serviceWorkers: 'block' });

	test('the bubbles in view are drawn, and the first panel shows them on the art as it would without the wait', async ({
		page
	}) => {
		// Text drawn into a canvas that is not on the page: a bubble baked by the canvas renderer.
		await page.addInitScript(() => {
			const w = window as unknown as { __bakedText: number };
			w.__bakedText = 0;
			const fillText = CanvasRenderingContext2D.prototype.fillText;
			CanvasRenderingContext2D.prototype.fillText = function (
				this: CanvasRenderingContext2D,
				...args: Parameters<CanvasRenderingContext2D['fillText']>
			) {
				if (!this.canvas.isConnected) w.__bakedText++;
				return fillText.apply(this, args);
			};
		});
		const bakedText = () => page.evaluate(() => (window as unknown as { __bakedText: number }).__bakedText);
		const art = `**/comics/${SLUG}/art/page-1.webp`;

		// The first panel as a student sees it when the art comes at once.
		await page.goto(`/read/${SLUG}`);
		const reader = page.getByTestId('reader');
		await expect(reader).toHaveAttribute('data-ready', 'true');
		await expect(reader).toHaveAttribute('data-renderer', 'canvas');
		const reference = await canvasPixels(page);

		// The same, with the art held back until the test lets it go.
		let release: () => void = () => undefined;
		const held = new Promise<void>((resolve) => (release = resolve));
		let artAsked = false;
		await page.route(art, async (route) => {
			artAsked = true;
			await held;
			await route.continue();
		});
		await page.reload();
		await expect.poll(() => artAsked).toBe(true);
		// The bubbles' text is fitted and drawn while the art has not come: the first frame waits
		// only for the art's decoding and its own drawing.
		await expect.poll(bakedText).toBeGreaterThan(0);
		await expect(reader).not.toHaveAttribute('data-ready', 'true');
		release();
		await expect(reader).toHaveAttribute('data-ready', 'true');
		await expect(reader).toHaveAttribute('data-renderer', 'canvas');
		// The art is under the bubbles: the panel shows the art's many colours (the bubbles alone on the
		// page's background, as drawn when the art is left out, make about 60 of these 4-bit colours,
		// the panel with its art about 700), and it is the panel drawn without the wait.
		const shown = await canvasPixels(page);
		const { data } = shown;
		const colours = new Set<number>();
		for (let i = 0; i < data.length; i += 3)
			colours.add(((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4));
		expect(colours.size).toBeGreaterThan(300);
		expect(changed(shown, reference)).toBeLessThan(0.01);
	});
});
