/**
 * The studio's editing state (issue 16): a copy of the version's pages that the author changes
 * (texts, per-bubble statuses, geometry, reading order, new panels and bubbles), and what is
 * selected. Saving sends `editJson()` to the server, which applies it through the one validation.
 */
import type { Bubble, BubbleShape, Manifest, Page, Panel, Point, Region } from '$lib/domain/manifest/schema';
import { shapeFor } from '$lib/domain/reader/text-fit';
import { bubbleTextStatus, type TextStatus } from '$lib/domain/studio/text-status';
import { contains, freeId, moveItem } from '$lib/domain/studio/geometry';

export type StudioTool = 'select' | 'bubble' | 'panel';

/** Deep copy of plain JSON data (no structuredClone: Chrome 87 lacks it). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class StudioState {
	readonly manifest: Manifest;
	pages = $state<Page[]>([]);
	/** Language being written (the reference language is shown beside it). */
	target = $state('');
	pageIndex = $state(0);
	/** Id of the selected bubble or panel. */
	selected = $state<string | null>(null);
	tool = $state<StudioTool>('select');
	/** Something changed since the version was loaded. */
	dirty = $state(false);

	/**
	 * A translator's studio (issue 17): only the texts of languages other than the reference change
	 * here; geometry, reading order, new bubbles and the reference text stay the author's
	 * (translator-edit.ts is the rule the server holds them to). The controls for the rest are not
	 * shown, and these methods leave the rest untouched.
	 */
	readonly textsOnly: boolean;

	constructor(manifest: Manifest, target?: string, textsOnly = false) {
		this.manifest = manifest;
		this.textsOnly = textsOnly;
		this.pages = copy(manifest.pages);
		const others = manifest.languages.map((l) => l.tag).filter((t) => t !== manifest.referenceLanguage);
		const writable = textsOnly ? others : manifest.languages.map((l) => l.tag);
		this.target = target && writable.includes(target) ? target : (others[0] ?? manifest.referenceLanguage);
	}

	/** The languages that may be written here (a translator: every one but the reference). */
	get languages(): Manifest['languages'] {
		return this.textsOnly
			? this.manifest.languages.filter((l) => l.tag !== this.reference)
			: this.manifest.languages;
	}

	/** Whether the text of `lang` may change here. */
	mayWrite(lang: string): boolean {
		return !this.textsOnly || lang !== this.reference;
	}

	get reference(): string {
		return this.manifest.referenceLanguage;
	}

	get page(): Page {
		return this.pages[this.pageIndex]!;
	}

	/** Every bubble of the current page, with its panel. */
	get bubbles(): { panel: Panel; bubble: Bubble }[] {
		return this.page.panels.flatMap((panel) => panel.bubbles.map((bubble) => ({ panel, bubble })));
	}

	find(id: string | null): { page: Page; panel: Panel; bubble: Bubble | null } | null {
		if (!id) return null;
		for (const page of this.pages) {
			for (const panel of page.panels) {
				if (panel.id === id) return { page, panel, bubble: null };
				const bubble = panel.bubbles.find((b) => b.id === id);
				if (bubble) return { page, panel, bubble };
			}
		}
		return null;
	}

	/**
	 * The shape the bubble has in the target language (its override there, else the common one). A
	 * bubble of a comic whose text is in the art may have none: the studio then shows it as a box in
	 * the corner of its panel, and the first move or resize gives it that shape (so a translation can be
	 * drawn over the art there).
	 */
	shapeOf(bubble: Bubble): BubbleShape {
		return shapeFor(bubble, this.target) ?? this.#placeholder(bubble);
	}

	#placeholder(bubble: Bubble): BubbleShape {
		const panel = this.find(bubble.id)?.panel.region ?? { x: 0, y: 0, w: 200, h: 100 };
		const w = Math.max(40, Math.round(panel.w / 3));
		const h = Math.max(24, Math.round(panel.h / 5));
		return { kind: 'rect', region: { x: panel.x + 8, y: panel.y + 8, w, h } };
	}

	/** The bubble's common shape, given one (its placeholder) when it had none. */
	#commonShape(bubble: Bubble): BubbleShape {
		bubble.shape ??= this.#placeholder(bubble);
		return bubble.shape;
	}

	hasOverride(bubble: Bubble): boolean {
		return !!bubble.shapeByLanguage?.[this.target];
	}

	status(bubble: Bubble, lang: string): TextStatus {
		return bubbleTextStatus(bubble, lang, this.manifest.languages);
	}

	/**
	 * Sets a text (NFC, as the validation requires). A changed translation is no longer reviewed; the
	 * reference language is the author's own text, whose status the author sets.
	 */
	setText(bubble: Bubble, lang: string, text: string): void {
		if (!this.mayWrite(lang)) return;
		const clean = text.normalize('NFC');
		if ((bubble.text[lang] ?? '') === clean) return;
		if (clean) bubble.text[lang] = clean;
		else delete bubble.text[lang];
		if (lang !== this.reference && this.status(bubble, lang) === 'reviewed')
			this.setStatus(bubble, lang, 'draft');
		this.dirty = true;
	}

	setStatus(bubble: Bubble, lang: string, status: 'draft' | 'reviewed'): void {
		if (!this.mayWrite(lang)) return;
		bubble.textStatus = { ...(bubble.textStatus ?? {}), [lang]: status };
		this.dirty = true;
	}

	/** Gives the bubble its own shape in the target language (a copy of the common one), or removes it. */
	setOverride(bubble: Bubble, on: boolean): void {
		if (this.textsOnly) return;
		const others = { ...(bubble.shapeByLanguage ?? {}) };
		if (on) others[this.target] = copy(this.shapeOf(bubble));
		else delete others[this.target];
		if (Object.keys(others).length) bubble.shapeByLanguage = others;
		else delete bubble.shapeByLanguage;
		this.dirty = true;
	}

	/** Changes the bubble's box: its override in the target language when it has one, else the common shape. */
	setBubbleRegion(bubble: Bubble, region: Region): void {
		if (this.textsOnly) return;
		const override = bubble.shapeByLanguage?.[this.target];
		if (override) override.region = region;
		else this.#commonShape(bubble).region = region;
		this.dirty = true;
	}

	setBubbleKind(bubble: Bubble, kind: BubbleShape['kind']): void {
		if (this.textsOnly) return;
		const override = bubble.shapeByLanguage?.[this.target];
		if (override) override.kind = kind;
		else this.#commonShape(bubble).kind = kind;
		this.dirty = true;
	}

	setTail(bubble: Bubble, tail: Point | null): void {
		if (this.textsOnly) return;
		if (tail) bubble.tail = tail;
		else delete bubble.tail;
		this.dirty = true;
	}

	setPanelRegion(panel: Panel, region: Region): void {
		if (this.textsOnly) return;
		panel.region = region;
		this.dirty = true;
	}

	moveBubble(panel: Panel, from: number, to: number): void {
		if (this.textsOnly) return;
		panel.bubbles = moveItem(panel.bubbles, from, to);
		this.dirty = true;
	}

	movePanel(from: number, to: number): void {
		if (this.textsOnly) return;
		this.page.panels = moveItem(this.page.panels, from, to);
		this.dirty = true;
	}

	#ids(): string[] {
		return this.pages.flatMap((page) => [
			page.id,
			...page.panels.flatMap((panel) => [panel.id, ...panel.bubbles.map((b) => b.id)])
		]);
	}

	/** A new speech bubble drawn at `region`, in the panel that holds its centre (else the last one). */
	addBubble(region: Region): Bubble | null {
		if (this.textsOnly) return null;
		const centre = { x: region.x + region.w / 2, y: region.y + region.h / 2 };
		const panel =
			this.page.panels.find((p) => contains(p.region, centre)) ??
			this.page.panels[this.page.panels.length - 1]!;
		const bubble: Bubble = {
			id: freeId(`${panel.id}-b`, this.#ids()),
			role: 'speech',
			shape: { kind: 'ellipse', region },
			text: {}
		};
		panel.bubbles.push(bubble);
		this.selected = bubble.id;
		this.dirty = true;
		return panel.bubbles[panel.bubbles.length - 1]!;
	}

	/** A new panel drawn at `region`, last in reading order; its description is written in the list. */
	addPanel(region: Region): Panel | null {
		if (this.textsOnly) return null;
		const panel: Panel = {
			id: freeId(`${this.page.id}-panel`, this.#ids()),
			region,
			description: {},
			bubbles: []
		};
		this.page.panels.push(panel);
		this.selected = panel.id;
		this.dirty = true;
		return this.page.panels[this.page.panels.length - 1]!;
	}

	setDescription(panel: Panel, lang: string, text: string): void {
		if (!this.mayWrite(lang)) return;
		const clean = text.normalize('NFC');
		if (clean) panel.description[lang] = clean;
		else delete panel.description[lang];
		this.dirty = true;
	}

	/** What the save form sends: pages' panels and bubbles, the fields the studio edits. */
	editJson(): string {
		return JSON.stringify({
			pages: this.pages.map((page) => ({
				id: page.id,
				panels: page.panels.map((panel) => ({
					id: panel.id,
					region: panel.region,
					description: panel.description,
					bubbles: panel.bubbles.map((b) => ({
						id: b.id,
						role: b.role,
						...(b.character ? { character: b.character } : {}),
						...(b.shape ? { shape: b.shape } : {}),
						...(b.shapeByLanguage ? { shapeByLanguage: b.shapeByLanguage } : {}),
						tail: b.tail ?? null,
						text: b.text,
						...(b.textStatus ? { textStatus: b.textStatus } : {})
					}))
				}))
			}))
		});
	}
}
