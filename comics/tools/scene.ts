/**
 * A panel's drawing, and the page it sits on. Scenes are written in panel pixels (origin at the
 * panel's top-left corner) so a panel can move on the page without redrawing it; the page
 * composer clips each panel to its region and draws the border. Scenes also record where each
 * character's mouth is, so speech-bubble tails in comic.json can be checked against the art.
 */
import { INK } from './palette';
import { faceBox, headUnit, mouthOf, person, type PersonOptions } from './people';
import { Defs, el, g, n, type Pt } from './svg';

/** Where a character's mouth is drawn, and the head unit (≈ head height) at that size. */
export interface Mouth extends Pt {
	u: number;
}

export interface PanelDrawing {
	svg: string;
	/** Mouth of each speaking character, panel pixels. */
	mouths: Record<string, Mouth>;
	/** Face boxes of everyone drawn (named or not), panel pixels. */
	faces: Box[];
}

export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** Draws one panel of size w×h. */
export type PanelArt = (scene: Scene) => void;

/** Collects the drawing of one panel. */
export class Scene {
	private parts: string[] = [];
	readonly mouths: Record<string, Mouth> = {};
	readonly faces: Box[] = [];

	constructor(
		readonly w: number,
		readonly h: number,
		readonly defs: Defs
	) {}

	/** Adds already-built SVG (backgrounds, props). */
	add(...svg: string[]): this {
		this.parts.push(...svg);
		return this;
	}

	/** Adds a person; `id` (a character id of comic.json) records the mouth for bubble tails. */
	person(id: string | null, options: PersonOptions): this {
		this.parts.push(person(options, this.defs));
		if (id) this.mouths[id] = { ...mouthOf(options), u: headUnit(options.height, options.age) };
		// A figure seen from behind shows no face for bubbles to avoid.
		if (options.facing !== 'back') this.faces.push(faceBox(options));
		return this;
	}

	result(): PanelDrawing {
		return { svg: this.parts.join(''), mouths: this.mouths, faces: this.faces };
	}
}

/** The art of one comic: a drawing per panel id, and a cover. */
export interface ComicArt {
	slug: string;
	panels: Record<string, PanelArt>;
	/** The cover, drawn at the page's aspect ratio. */
	cover: PanelArt;
}

export interface PageLayout {
	width: number;
	height: number;
	panels: { id: string; region: { x: number; y: number; w: number; h: number } }[];
}

export const PAGE_BACKGROUND = '#fbf7ee';
export const BORDER = 6;

/** Composes a page: background, each panel clipped to its region, then the panel borders. */
export function composePage(
	layout: PageLayout,
	art: ComicArt
): { svg: string; mouths: Record<string, Record<string, Mouth>>; faces: Record<string, Box[]> } {
	const defs = new Defs();
	const clips: string[] = [];
	const bodies: string[] = [];
	const mouths: Record<string, Record<string, Mouth>> = {};
	const faces: Record<string, Box[]> = {};
	for (const panel of layout.panels) {
		const draw = art.panels[panel.id];
		const { x, y, w, h } = panel.region;
		if (!draw) throw new Error(`${art.slug}: no art for panel "${panel.id}"`);
		const scene = new Scene(w, h, defs);
		draw(scene);
		const drawing = scene.result();
		clips.push(el('clipPath', { id: `clip-${panel.id}` }, el('rect', { width: w, height: h })));
		bodies.push(
			g(
				{ transform: `translate(${n(x)} ${n(y)})` },
				g({ 'clip-path': `url(#clip-${panel.id})` }, drawing.svg)
			),
			el('rect', { x, y, width: w, height: h, fill: 'none', stroke: INK, 'stroke-width': BORDER })
		);
		faces[panel.id] = drawing.faces.map((f) => ({ ...f, x: f.x + x, y: f.y + y }));
		mouths[panel.id] = Object.fromEntries(
			Object.entries(drawing.mouths).map(([who, p]) => [
				who,
				{ x: Math.round(p.x + x), y: Math.round(p.y + y), u: p.u }
			])
		);
	}
	const svg = el(
		'svg',
		{
			xmlns: 'http://www.w3.org/2000/svg',
			width: layout.width,
			height: layout.height,
			viewBox: `0 0 ${layout.width} ${layout.height}`
		},
		defs.toString(),
		el('defs', {}, ...clips),
		el('rect', { width: layout.width, height: layout.height, fill: PAGE_BACKGROUND }),
		...bodies
	);
	return { svg, mouths, faces };
}

/** Composes the cover: one full-bleed drawing with a border. */
export function composeCover(width: number, height: number, art: ComicArt): string {
	const defs = new Defs();
	const scene = new Scene(width, height, defs);
	art.cover(scene);
	return el(
		'svg',
		{ xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}` },
		defs.toString(),
		scene.result().svg,
		el('rect', {
			x: 4,
			y: 4,
			width: width - 8,
			height: height - 8,
			fill: 'none',
			stroke: INK,
			'stroke-width': 8
		})
	);
}
