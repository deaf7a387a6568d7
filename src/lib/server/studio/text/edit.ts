/**
 * The studio's save (issue 16): what the browser sends, checked for shape, and applied to a stored
 * manifest. Only texts, per-bubble statuses, bubble geometry (shape, per-language shapes, tail),
 * panel regions, reading order and new panels or bubbles come from the browser; page art, sizes,
 * narration and everything else are kept from the stored version. Whether the result is a valid
 * comic is decided by the one validation (`validateComic`, through `ReviewService.reviseManifest`).
 */
import { z } from 'zod';
import {
	bubbleRoleSchema,
	bubbleShapeSchema,
	idSchema,
	languageTagSchema,
	pointSchema,
	regionSchema,
	type Bubble,
	type BubbleShape,
	type Manifest,
	type Panel,
	type Region
} from '../../../domain/manifest/schema';

const textRecord = z.record(languageTagSchema, z.string().max(2000));

const bubbleEditSchema = z.strictObject({
	id: idSchema,
	/** Only read for a new bubble; a stored bubble keeps its role and character. */
	role: bubbleRoleSchema.optional(),
	character: idSchema.optional(),
	shape: bubbleShapeSchema,
	shapeByLanguage: z.record(languageTagSchema, bubbleShapeSchema).optional(),
	tail: pointSchema.nullable().optional(),
	text: textRecord,
	textStatus: z.record(languageTagSchema, z.enum(['draft', 'reviewed'])).optional()
});

const panelEditSchema = z.strictObject({
	id: idSchema,
	region: regionSchema,
	description: textRecord.optional(),
	bubbles: z.array(bubbleEditSchema).max(200)
});

export const studioEditSchema = z.strictObject({
	pages: z.array(z.strictObject({ id: idSchema, panels: z.array(panelEditSchema).max(100) })).max(500)
});

export type StudioEdit = z.infer<typeof studioEditSchema>;
export type StudioBubbleEdit = z.infer<typeof bubbleEditSchema>;

/** The edit cannot apply to this version (it was made for another one, or loses stored content). */
export class StudioEditError extends Error {
	constructor(
		readonly code: 'edit-invalid' | 'edit-unknown-page' | 'edit-lost-content',
		message: string,
		readonly params: Record<string, string> = {}
	) {
		super(message);
	}
}

/** Parses the JSON the studio form sends. */
export function parseStudioEdit(json: string): StudioEdit {
	let raw: unknown;
	try {
		raw = JSON.parse(json);
	} catch {
		throw new StudioEditError('edit-invalid', 'the studio sent something that is not JSON');
	}
	const parsed = studioEditSchema.safeParse(raw);
	if (!parsed.success) {
		throw new StudioEditError(
			'edit-invalid',
			`the studio sent an edit of the wrong shape: ${parsed.error.message}`
		);
	}
	return parsed.data;
}

/** Whole page pixels: dragging gives fractions nobody can see, and they would make diffs noisy. */
const px = (v: number) => Math.round(v);
const roundRegion = (r: Region): Region => ({
	x: px(r.x),
	y: px(r.y),
	w: Math.max(1, px(r.w)),
	h: Math.max(1, px(r.h))
});
const roundShape = (s: BubbleShape): BubbleShape => ({ kind: s.kind, region: roundRegion(s.region) });

/** NFC, trimmed; empty texts are left out (a missing text is missing, not ""). */
function cleanTexts(record: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [lang, text] of Object.entries(record)) {
		const clean = text.normalize('NFC').trim();
		if (clean) out[lang] = clean;
	}
	return out;
}

/**
 * The stored manifest with the studio's edit applied (a new object; `stored` is not changed).
 * Every stored panel and bubble must still be there: the studio moves and reorders, it does not
 * delete (a deletion would silently drop narration clips and review comments that point at them).
 */
export function applyStudioEdit(stored: Manifest, edit: StudioEdit): Manifest {
	const bubbles = new Map<string, Bubble>();
	const panels = new Map<string, Panel>();
	for (const page of stored.pages) {
		for (const panel of page.panels) {
			panels.set(panel.id, panel);
			for (const bubble of panel.bubbles) bubbles.set(bubble.id, bubble);
		}
	}
	const edited = new Map(edit.pages.map((p) => [p.id, p]));
	for (const id of edited.keys()) {
		if (!stored.pages.some((p) => p.id === id))
			throw new StudioEditError('edit-unknown-page', `this version has no page "${id}"`, { page: id });
	}
	const seen = new Set<string>();
	const pages = stored.pages.map((page) => {
		const change = edited.get(page.id);
		if (!change) {
			for (const panel of page.panels) {
				seen.add(panel.id);
				for (const bubble of panel.bubbles) seen.add(bubble.id);
			}
			return page;
		}
		return {
			...page,
			panels: change.panels.map((p): Panel => {
				seen.add(p.id);
				const before = panels.get(p.id);
				return {
					id: p.id,
					region: roundRegion(p.region),
					description: p.description ? cleanTexts(p.description) : (before?.description ?? {}),
					bubbles: p.bubbles.map((b): Bubble => {
						seen.add(b.id);
						return reviseBubble(bubbles.get(b.id), b);
					})
				};
			})
		};
	});
	const lost = [...panels.keys(), ...bubbles.keys()].filter((id) => !seen.has(id));
	if (lost.length) {
		throw new StudioEditError('edit-lost-content', `the edit leaves out ${lost.join(', ')}`, {
			ids: lost.join(', ')
		});
	}
	return { ...stored, pages };
}

function reviseBubble(before: Bubble | undefined, b: StudioBubbleEdit): Bubble {
	const text = cleanTexts(b.text);
	// A status only means something for a text that exists.
	const status = Object.entries(b.textStatus ?? {}).filter(([lang]) => text[lang]);
	const byLanguage = Object.entries(b.shapeByLanguage ?? {});
	const tail = b.tail === undefined ? before?.tail : (b.tail ?? undefined);
	const role = before?.role ?? b.role ?? 'speech';
	const character = before ? before.character : b.character;
	return {
		id: b.id,
		role,
		...(character ? { character } : {}),
		shape: roundShape(b.shape),
		...(tail ? { tail: { x: px(tail.x), y: px(tail.y) } } : {}),
		...(byLanguage.length
			? { shapeByLanguage: Object.fromEntries(byLanguage.map(([l, s]) => [l, roundShape(s)])) }
			: {}),
		text,
		...(status.length ? { textStatus: Object.fromEntries(status) } : {})
	};
}
