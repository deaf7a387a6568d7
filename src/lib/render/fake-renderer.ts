/**
 * A `PageRenderer` that draws nothing and records what it was asked, for unit tests of the reader
 * state and of features built on it (narration highlights, quiz links). Hit testing uses the same
 * pure geometry as the Pixi renderer.
 */
import type { Camera, Size } from '$lib/domain/reader/camera';
import type { Point, Region } from '$lib/domain/manifest/schema';
import { bubbleAt } from '$lib/domain/reader/bubbles';
import { pagesToKeep } from '$lib/domain/reader/reading-order';
import { backendOrder } from './webgl-kind';
import {
	RendererUnavailableError,
	type BubbleFit,
	type PageRenderer,
	type RenderPage,
	type RendererBackend,
	type RendererInit
} from './page-renderer';

export class FakeRenderer implements PageRenderer {
	backend: RendererBackend | null = null;
	/** Set before `mount` to simulate a device without WebGL (and optionally without canvas). */
	available: RendererBackend[] = ['webgl', 'canvas'];
	pages: readonly RenderPage[] = [];
	currentPage = -1;
	camera: Camera | null = null;
	cameraHistory: Camera[] = [];
	/** `settled` of each `setCamera` call, in order. */
	settledHistory: boolean[] = [];
	/** The camera of each frame drawn by `drawNow` (the Pixi renderer draws other changes on its next frame). */
	framesDrawn: Camera[] = [];
	/** Something changed since the last `drawNow`. */
	dirty = false;
	/** Pages `prepare` was asked for, in order. */
	prepared: number[] = [];
	size: Size = { width: 0, height: 0 };
	lang = '';
	highlighted: string | null = null;
	dimmed: Region | null = null;
	destroyed = false;
	loaded = new Set<number>();
	calls: string[] = [];

	/** The fake is never started ahead of the reader. */
	readonly canvas = null;

	get loadedTextureCount(): number {
		return this.loaded.size;
	}

	async mount(_canvas: HTMLCanvasElement, init: RendererInit): Promise<RendererBackend> {
		this.calls.push('mount');
		this.size = init.size;
		const order = backendOrder(init.preference, null);
		const backend = order.find((b) => this.available.includes(b));
		if (!backend) throw new RendererUnavailableError();
		this.backend = backend;
		return backend;
	}

	setPages(pages: readonly RenderPage[]): void {
		this.pages = pages;
	}

	prepare(index: number): void {
		this.calls.push(`prepare:${index}`);
		this.prepared.push(index);
	}

	async showPage(index: number): Promise<void> {
		this.calls.push(`showPage:${index}`);
		this.currentPage = index;
		this.loaded = new Set(pagesToKeep(index, this.pages.length));
	}

	setCamera(camera: Camera, settled = true): void {
		this.camera = camera;
		this.cameraHistory.push(camera);
		this.settledHistory.push(settled);
		this.dirty = true;
	}

	drawNow(): void {
		if (!this.dirty || !this.camera) return;
		this.dirty = false;
		this.framesDrawn.push(this.camera);
	}

	resize(size: Size): void {
		this.size = size;
	}

	async setLanguage(lang: string): Promise<void> {
		this.calls.push(`setLanguage:${lang}`);
		this.lang = lang;
	}

	highlightBubble(bubbleId: string | null): void {
		this.highlighted = bubbleId;
	}

	hitTestBubble(screen: Point): string | null {
		const page = this.pages[this.currentPage]?.page;
		if (!page || !this.camera) return null;
		const point = {
			x: (screen.x - this.size.width / 2) / this.camera.scale + this.camera.x,
			y: (screen.y - this.size.height / 2) / this.camera.scale + this.camera.y
		};
		return bubbleAt(page, this.lang, point, this.pages[this.currentPage]?.lettered ?? [])?.id ?? null;
	}

	dimOutside(region: Region | null): void {
		this.dimmed = region;
		this.dirty = true;
	}

	bubbleFits(): BubbleFit[] {
		return [];
	}

	/** What `whenIdle` waits for: set to a promise of the test's to hold the renderer's loads. */
	idle: Promise<void> = Promise.resolve();

	whenIdle(): Promise<void> {
		return this.idle;
	}

	destroy(): void {
		this.destroyed = true;
		this.calls.push('destroy');
	}
}
