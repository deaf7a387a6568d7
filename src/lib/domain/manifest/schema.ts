/**
 * The comic manifest schema: the one source from which both the TypeScript types and the
 * validation come (DESIGN.md §3). Structural rules live here; rules that need the whole
 * manifest at once (unique ids, regions inside the page, language coverage) live in validate.ts.
 *
 * Units: every region, shape and tail is in page pixels of the page's art, origin top-left.
 * Narration times are in seconds of the referenced audio file.
 */
import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION } from './version';

export { CURRENT_SCHEMA_VERSION };

/** A slug or id: lowercase letters, digits and dashes; used in URLs and file names. */
export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'idFormat');

/** BCP-47 tag, well-formed. Whether it is a *known* language is checked against languages.json. */
export const languageTagSchema = z
	.string()
	.regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/, 'languageTagFormat');

/** Text per language: `{ "fr": "…", "en": "…" }`. */
export const localizedTextSchema = z.record(languageTagSchema, z.string().min(1, 'mustNotBeEmpty'));

export const regionSchema = z.strictObject({
	x: z.number().min(0),
	y: z.number().min(0),
	w: z.number().positive(),
	h: z.number().positive()
});

export const pointSchema = z.strictObject({ x: z.number(), y: z.number() });

export const bubbleRoleSchema = z.enum(['speech', 'thought', 'shout', 'caption', 'sound']);

/** The outline of a bubble: its box on the page and how the outline is drawn inside that box. */
export const bubbleShapeSchema = z.strictObject({
	kind: z.enum(['ellipse', 'rounded', 'rect', 'cloud', 'burst']),
	region: regionSchema
});

export const bubbleSchema = z.strictObject({
	id: idSchema,
	role: bubbleRoleSchema,
	/** id of a character in `characters`; absent for captions and sounds. */
	character: idSchema.optional(),
	/**
	 * Where the bubble is drawn. Absent only where the art carries the text itself (text in the art,
	 * see `textInArt`): such a bubble is read (transcript, screen readers, narration) but not drawn.
	 */
	shape: bubbleShapeSchema.optional(),
	/** Point the tail aims at (the speaker's mouth), page pixels. No tail when absent. */
	tail: pointSchema.optional(),
	/** A different shape for a language whose text runs longer or shorter. */
	shapeByLanguage: z.record(languageTagSchema, bubbleShapeSchema).optional(),
	text: localizedTextSchema,
	/**
	 * Where one bubble's text stands in a language, when it differs from its language's status
	 * (`draft`: written, awaiting a native speaker; `reviewed`: a native speaker checked it). Absent:
	 * the language's status decides (domain/studio/text-status.ts). Optional, so older comics stay valid.
	 */
	textStatus: z.record(languageTagSchema, z.enum(['draft', 'reviewed'])).optional()
});

export const panelSchema = z.strictObject({
	id: idSchema,
	region: regionSchema,
	/** What the panel shows, for screen readers and the transcript, per language. */
	description: localizedTextSchema,
	/** Bubbles in reading order. */
	bubbles: z.array(bubbleSchema)
});

export const pageSchema = z.strictObject({
	id: idSchema,
	/** Path of the page art relative to the comic folder (WebP built from the SVG source). */
	image: z.string().min(1),
	width: z.number().int().positive(),
	height: z.number().int().positive(),
	/** Panels in reading order. */
	panels: z.array(panelSchema).min(1, 'pageNeedsPanel'),
	/**
	 * The languages whose text this page's art carries (lettered in the drawing); overrides what the
	 * comic and its languages declare. `[]`: this page's art is textless.
	 */
	textInArt: z.array(languageTagSchema).optional()
});

export const languageStatusSchema = z.enum(['complete', 'draft']);

export const comicLanguageSchema = z.strictObject({
	tag: languageTagSchema,
	/** `complete`: every bubble and description has text. `draft`: awaiting a native speaker's review. */
	status: languageStatusSchema,
	/** Who wrote or translated it, and where the text comes from. */
	source: z.string().optional(),
	/** The art carries this language's text (lettered in the drawing) on every page that says nothing else. */
	textInArt: z.boolean().optional()
});

export const characterSchema = z.strictObject({
	id: idSchema,
	name: localizedTextSchema,
	/** One line on who this is, per language (age, role in the story). */
	about: localizedTextSchema.optional()
});

export const creditSchema = z.strictObject({
	role: z.enum(['story', 'art', 'translation', 'narration', 'review', 'voice']),
	name: z.string().min(1),
	language: languageTagSchema.optional(),
	note: z.string().optional()
});

/** One audio file of a narration, offered in several formats (Opus first, MP3 fallback). */
export const audioFileSchema = z.strictObject({
	id: idSchema,
	sources: z
		.array(
			z.strictObject({
				src: z.string().min(1),
				type: z.string().regex(/^audio\//, 'audioMimeFormat')
			})
		)
		.min(1),
	durationSec: z.number().positive()
});

/** One narrated segment: a bubble (or a panel's description) inside one audio file. */
export const clipSchema = z.strictObject({
	/** A bubble id, or a panel id for that panel's description. */
	target: idSchema,
	audio: idSchema,
	startSec: z.number().min(0),
	endSec: z.number().positive(),
	/** SHA-256 (hex) of the NFC text the clip was recorded from; a mismatch means the clip is stale. */
	textHash: z.string().regex(/^[0-9a-f]{64}$/, 'sha256Format')
});

export const narrationSchema = z.strictObject({
	/** `complete`: a clip for every bubble in this language. */
	status: z.enum(['complete', 'partial']),
	/** Who or what speaks: a person's name, or e.g. "espeak-ng (synthetic voice)". */
	voice: z.string().min(1),
	synthetic: z.boolean(),
	audio: z.array(audioFileSchema).min(1),
	clips: z.array(clipSchema)
});

export const manifestSchema = z.strictObject({
	schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
	id: idSchema,
	title: localizedTextSchema,
	summary: localizedTextSchema,
	/** Language of the reference text (French in Kalanso). */
	referenceLanguage: languageTagSchema,
	languages: z.array(comicLanguageSchema).min(1),
	/** School grades as counted in Mali: "7", "8", "9" for 7e–9e année. */
	gradeLevels: z.array(z.enum(['6', '7', '8', '9', '10'])).min(1),
	/** Curriculum domain codes (e.g. "COLL", "SERV"); labels come from the curriculum data. */
	themes: z.array(z.string().regex(/^[A-Z]{2,8}$/)).min(1),
	/** Curriculum objective codes; the sample codes start with "SMP-". */
	objectives: z.array(z.string().min(1)),
	characters: z.array(characterSchema),
	credits: z.array(creditSchema).min(1),
	/** SPDX licence id. */
	license: z.string().min(1),
	/** Cover image path relative to the comic folder; defaults to the first page. */
	cover: z.string().optional(),
	pages: z.array(pageSchema).min(1),
	/** Narration per language tag. */
	narration: z.record(languageTagSchema, narrationSchema).optional(),
	/**
	 * The comic's art carries its text in the reference language (as most existing comics do); the
	 * same as `textInArt: true` on the reference language. See domain/reader/lettering.ts.
	 */
	textInArt: z.boolean().optional()
});

export type Region = z.infer<typeof regionSchema>;
export type Point = z.infer<typeof pointSchema>;
export type BubbleRole = z.infer<typeof bubbleRoleSchema>;
export type BubbleShape = z.infer<typeof bubbleShapeSchema>;
export type Bubble = z.infer<typeof bubbleSchema>;
export type BubbleTextStatus = NonNullable<Bubble['textStatus']>[string];
export type Panel = z.infer<typeof panelSchema>;
export type Page = z.infer<typeof pageSchema>;
export type ComicLanguage = z.infer<typeof comicLanguageSchema>;
export type Character = z.infer<typeof characterSchema>;
export type Credit = z.infer<typeof creditSchema>;
export type AudioFile = z.infer<typeof audioFileSchema>;
export type Clip = z.infer<typeof clipSchema>;
export type Narration = z.infer<typeof narrationSchema>;
export type Manifest = z.infer<typeof manifestSchema>;
export type LocalizedText = z.infer<typeof localizedTextSchema>;
