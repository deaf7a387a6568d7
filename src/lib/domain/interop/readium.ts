/**
 * Kalanso comics as Readium Web Publications (Divina profile) with Readium Guided Navigation
 * documents, both ways (DESIGN.md §3, issue 20). Pure: no files, no media; the server reads and
 * writes the files and converts the media (src/lib/server/interop).
 *
 * Mapping:
 * - readingOrder: one image per page (`properties["kalanso:page"]` keeps the page id and its
 *   `textInArt`); `resources`: cover, narration audio (every source), quiz.json and its audio.
 * - one Guided Navigation document PER LANGUAGE (a Readium text object holds one language):
 *   a `panel` object per panel (`imgref` `page#xywh=x,y,w,h` in page pixels, `description` with
 *   the panel's text and its narration clip), its bubbles as children (`speechBubble`,
 *   `thoughtBubble`, `shoutBubble`, `caption`, `sound`; `imgref` = the bubble's box when it has one;
 *   `text` with its `language`; `audioref` `file#t=start,end`).
 * - Kalanso-only data in properties named `kalanso:*`: `metadata["kalanso:comic"]` (grades, themes,
 *   objectives, languages and their status, characters, credits, licence, narration files), and on
 *   objects `kalanso:bubble` (outline kind, tail, shapes per language, character id) and
 *   `kalanso:textHash` (the text a clip was recorded from). A round trip keeps everything.
 */
import { finding, type Finding } from '../manifest/findings';
import { contentIssue, jsonPath, type ContentIssue } from '../manifest/issues';
import type { Bubble, BubbleRole, Manifest, Narration, Page, Region } from '../manifest/schema';
import { letteredLanguages } from '../reader/lettering';

export const GUIDED_TYPE = 'application/guided-navigation+json';
export const DIVINA_TYPE = 'application/divina+json';
export const DIVINA_PROFILE = 'https://readium.org/webpub-manifest/profiles/divina';
export const PUBLICATION_FILE = 'manifest.json';
/** rel of the quiz file among the resources (a Kalanso extension relation). */
export const QUIZ_REL = 'kalanso:quiz';

/** A Readium Link Object (the fields Kalanso reads or writes). */
export interface ReadiumLink {
	href: string;
	type?: string;
	rel?: string | string[];
	width?: number | string;
	height?: number | string;
	language?: string | string[];
	duration?: number;
	title?: string;
	alternate?: ReadiumLink[];
	properties?: Record<string, unknown>;
	[extension: string]: unknown;
}

export interface ReadiumPublication {
	'@context'?: unknown;
	metadata: Record<string, unknown>;
	links: ReadiumLink[];
	readingOrder: ReadiumLink[];
	resources?: ReadiumLink[];
	[extension: string]: unknown;
}

export type GuidedText = string | { plain?: string; ssml?: string; language?: string };

export interface GuidedObject {
	id?: string;
	role?: string[];
	imgref?: string;
	audioref?: string;
	textref?: string;
	videoref?: string;
	text?: GuidedText;
	description?: GuidedObject | string;
	character?: string[];
	children?: GuidedObject[];
	[extension: string]: unknown;
}

export interface GuidedDocument {
	links?: ReadiumLink[];
	guided: GuidedObject[];
}

/** What `kalanso:bubble` keeps of a bubble that Guided Navigation has no words for. */
export interface BubbleExtension {
	kind?: NonNullable<Bubble['shape']>['kind'];
	tail?: Bubble['tail'];
	shapeByLanguage?: Bubble['shapeByLanguage'];
	character?: string;
	/** The bubble has a shape but its imgref is in another language's document only. */
	role?: BubbleRole;
}

/** What `metadata["kalanso:comic"]` keeps: the manifest but its pages, title and narration clips. */
export type ComicExtension = Omit<Manifest, 'pages' | 'title' | 'narration'> & {
	narration?: Record<string, Omit<Narration, 'clips'>>;
};

export const ROLE_TO_GUIDED: Record<BubbleRole, string> = {
	speech: 'speechBubble',
	thought: 'thoughtBubble',
	shout: 'shoutBubble',
	caption: 'caption',
	sound: 'sound'
};

export const GUIDED_TO_ROLE: Record<string, BubbleRole> = Object.fromEntries(
	Object.entries(ROLE_TO_GUIDED).map(([role, guided]) => [guided, role as BubbleRole])
);

/** Name of the Guided Navigation document of a language: the reference language's is `guided.json`. */
export function guidedFileName(manifest: Pick<Manifest, 'referenceLanguage'>, lang: string): string {
	return lang === manifest.referenceLanguage ? 'guided.json' : `guided-${lang}.json`;
}

/** `src#xywh=x,y,w,h` in page pixels (W3C Media Fragments, spatial dimension). */
export function xywhRef(src: string, r: Region): string {
	return `${src}#xywh=${r.x},${r.y},${r.w},${r.h}`;
}

/** Shortest decimal that reads back as the same number, never in exponent form. */
function formatSec(sec: number): string {
	const plain = String(sec);
	return plain.includes('e') ? sec.toFixed(9).replace(/0+$/, '').replace(/\.$/, '') : plain;
}

export function timeRef(src: string, startSec: number, endSec: number): string {
	return `${src}#t=${formatSec(startSec)},${formatSec(endSec)}`;
}

/** A parsed `#xywh=` reference: pixels or percent of the image, or no fragment (the whole image). */
export interface ParsedImgref {
	src: string;
	region: (Region & { unit: 'pixel' | 'percent' }) | null;
}

/** Parses an imgref; null when its fragment is not a rectangle Kalanso reads. */
export function parseImgref(ref: string): ParsedImgref | null {
	const hash = ref.indexOf('#');
	if (hash < 0) return { src: ref, region: null };
	const src = ref.slice(0, hash);
	const match = /^xywh=(?:(pixel|percent):)?(-?[\d.]+),(-?[\d.]+),([\d.]+),([\d.]+)$/.exec(
		ref.slice(hash + 1)
	);
	if (!match) return null;
	const [x, y, w, h] = match.slice(2).map(Number) as [number, number, number, number];
	if (![x, y, w, h].every(Number.isFinite)) return null;
	return { src, region: { unit: match[1] === 'percent' ? 'percent' : 'pixel', x, y, w, h } };
}

/** A parsed audioref: the file, and the `#t=` range when it has one (else the whole file). */
export function parseTimeRef(
	ref: string
): { src: string; startSec: number | null; endSec: number | null } | null {
	const hash = ref.indexOf('#');
	if (hash < 0) return { src: ref, startSec: null, endSec: null };
	const match = /^t=(?:npt:)?(\d+(?:\.\d+)?)?(?:,(\d+(?:\.\d+)?))?$/.exec(ref.slice(hash + 1));
	if (!match || (match[1] === undefined && match[2] === undefined)) return null;
	return {
		src: ref.slice(0, hash),
		startSec: match[1] === undefined ? 0 : Number(match[1]),
		endSec: match[2] === undefined ? null : Number(match[2])
	};
}

function guidedText(text: string, lang: string): GuidedText {
	return { plain: text, language: lang };
}

/** The publication manifest of a comic. `files` lists every file of the version (quiz included). */
export function exportPublication(manifest: Manifest, files: readonly string[]): ReadiumPublication {
	const tags = manifest.languages.map((l) => l.tag);
	const ref = manifest.referenceLanguage;
	const guidedLinks = tags.map((tag) => ({
		href: guidedFileName(manifest, tag),
		type: GUIDED_TYPE,
		language: tag
	}));
	const creditNames = (role: string) => manifest.credits.filter((c) => c.role === role).map((c) => c.name);
	const lettered = manifest.pages.some((page) => letteredLanguages(manifest, page).length > 0);
	const narrations = Object.entries(manifest.narration ?? {});
	const { pages: _pages, title: _title, narration, ...rest } = manifest;
	const comic: ComicExtension = { ...rest };
	if (narration) {
		comic.narration = Object.fromEntries(
			Object.entries(narration).map(([tag, n]) => [
				tag,
				{ status: n.status, voice: n.voice, synthetic: n.synthetic, audio: n.audio }
			])
		);
	}
	const audioTypes = new Map<string, string>();
	for (const [, n] of narrations)
		for (const file of n.audio) for (const s of file.sources) audioTypes.set(s.src, s.type);
	const resources: ReadiumLink[] = [];
	if (manifest.cover) resources.push({ href: manifest.cover, type: imageType(manifest.cover), rel: 'cover' });
	for (const [src, type] of audioTypes) resources.push({ href: src, type });
	const pageImages = new Set(manifest.pages.map((p) => p.image));
	for (const file of files) {
		if (pageImages.has(file) || audioTypes.has(file) || file === manifest.cover) continue;
		resources.push(
			file === 'quiz.json'
				? { href: file, type: 'application/json', rel: QUIZ_REL }
				: { href: file, type: mediaType(file) }
		);
	}
	const totalSec = narrations.reduce((sum, [, n]) => sum + n.audio.reduce((s, a) => s + a.durationSec, 0), 0);
	const metadata: Record<string, unknown> = {
		'@type': 'http://schema.org/ComicStory',
		conformsTo: DIVINA_PROFILE,
		identifier: `urn:kalanso:${manifest.id}`,
		title: manifest.title,
		description: manifest.summary[ref],
		language: tags,
		readingProgression: 'ltr',
		numberOfPages: manifest.pages.length,
		author: creditNames('story'),
		artist: creditNames('art'),
		translator: creditNames('translation'),
		accessibility: {
			accessMode: [
				'visual',
				'textual',
				...(lettered ? ['textOnVisual'] : []),
				...(narrations.length ? ['auditory'] : [])
			],
			accessModeSufficient: ['visual', 'textual'],
			feature: ['alternativeText', 'readingOrder', 'transcript'],
			hazard: ['none']
		},
		'kalanso:comic': comic
	};
	if (narrations.length) {
		metadata.duration = Math.round(totalSec * 1000) / 1000;
		metadata.narrator = [...new Set(narrations.map(([, n]) => n.voice))];
	}
	return {
		'@context': 'https://readium.org/webpub-manifest/context.jsonld',
		metadata,
		links: [
			{ rel: 'self', href: PUBLICATION_FILE, type: DIVINA_TYPE },
			...guidedLinks.map((l) => ({ rel: 'related', ...l }))
		],
		readingOrder: manifest.pages.map((page) => ({
			href: page.image,
			type: imageType(page.image),
			width: page.width,
			height: page.height,
			alternate: guidedLinks,
			properties: {
				'kalanso:page': page.textInArt ? { id: page.id, textInArt: page.textInArt } : { id: page.id }
			}
		})),
		resources
	};
}

function imageType(src: string): string {
	if (/\.webp$/i.test(src)) return 'image/webp';
	if (/\.png$/i.test(src)) return 'image/png';
	return 'image/jpeg';
}

function mediaType(src: string): string {
	if (/\.(ogg|opus)$/i.test(src)) return 'audio/ogg';
	if (/\.mp3$/i.test(src)) return 'audio/mpeg';
	if (/\.webm$/i.test(src)) return 'audio/webm';
	if (/\.json$/i.test(src)) return 'application/json';
	return imageType(src);
}

/** The Guided Navigation document of one language: its texts, descriptions and narration clips. */
export function exportGuided(manifest: Manifest, lang: string): GuidedDocument {
	const narration = manifest.narration?.[lang];
	const clips = new Map((narration?.clips ?? []).map((c) => [c.target, c]));
	const audioFor = (target: string): Record<string, string> => {
		const clip = clips.get(target);
		if (!clip || !narration) return {};
		const file = narration.audio.find((a) => a.id === clip.audio);
		if (!file) return {};
		return {
			audioref: timeRef(file.sources[0]!.src, clip.startSec, clip.endSec),
			'kalanso:textHash': clip.textHash
		};
	};
	const guided: GuidedObject[] = [];
	for (const page of manifest.pages) {
		for (const panel of page.panels) {
			const description = panel.description[lang];
			const object: GuidedObject = {
				id: panel.id,
				role: ['panel'],
				imgref: xywhRef(page.image, panel.region)
			};
			if (description) object.description = { text: guidedText(description, lang), ...audioFor(panel.id) };
			const children = panel.bubbles.flatMap((bubble) =>
				exportBubble(page, bubble, lang, audioFor(bubble.id))
			);
			if (children.length) object.children = children;
			guided.push(object);
		}
	}
	return { guided };
}

function exportBubble(
	page: Page,
	bubble: Bubble,
	lang: string,
	audio: Record<string, string>
): GuidedObject[] {
	const text = bubble.text[lang];
	const object: GuidedObject = { id: bubble.id, role: [ROLE_TO_GUIDED[bubble.role]] };
	if (bubble.shape) object.imgref = xywhRef(page.image, bubble.shape.region);
	if (text) object.text = guidedText(text, lang);
	Object.assign(object, audio);
	const extension: BubbleExtension = {};
	if (bubble.shape) extension.kind = bubble.shape.kind;
	if (bubble.tail) extension.tail = bubble.tail;
	if (bubble.shapeByLanguage) extension.shapeByLanguage = bubble.shapeByLanguage;
	if (bubble.character) extension.character = bubble.character;
	if (Object.keys(extension).length) object['kalanso:bubble'] = extension;
	// A Guided Navigation object needs an image, a text or an audio reference: a bubble with none of
	// them in this language (no shape, no text here) is in the other languages' documents only.
	if (!object.imgref && !object.text && !object.audioref) return [];
	return [object];
}

// ————————————————————————————————————————— import —————————————————————————————————————————

/** Where a page's narration comes from before it is made one Opus file per page and language. */
export interface AudioSegment {
	/** Publication path of the audio file. */
	from: string;
	/** `#t=` range; null start/end: the file's start/end. */
	startSec: number | null;
	endSec: number | null;
	/** Bubble or panel id the clip narrates. */
	target: string;
	textHash: string;
}

/** One Opus file to make: a page's clips in one language, concatenated in reading order. */
export interface AudioJob {
	lang: string;
	audioId: string;
	/** Path of the file in the comic. */
	to: string;
	segments: AudioSegment[];
}

export interface ImportPlan {
	/** The Kalanso manifest, complete but for the narration of `audioJobs` (see `applyAudioJob`). */
	manifest: Record<string, unknown>;
	/** Images to bring into the comic (WebP within budget): publication path → comic path. */
	images: { from: string; to: string }[];
	/** Files copied byte for byte (a Kalanso export's own narration files, the quiz and its audio). */
	verbatim: string[];
	audioJobs: AudioJob[];
	/** What could not be carried over, was defaulted or looks wrong: each names its file and path. */
	issues: ContentIssue[];
}

export interface ImportInput {
	publication: unknown;
	/** The publication's files by path (their bytes are not needed here). */
	files: ReadonlySet<string>;
	/** Reads a parsed JSON file of the publication (Guided Navigation documents), or null. */
	readJson: (path: string) => unknown;
	/** Width and height of each image of the reading order, as read from the file. */
	imageSizes: ReadonlyMap<string, { width: number; height: number }>;
	/** Comic id to use when the publication carries none of Kalanso's; empty: made from the title. */
	fallbackId: string;
	/** Language tags Kalanso knows. */
	knownLanguages: ReadonlySet<string>;
	/** textHash (SHA-256 of NFC text), injected to keep this module free of a hash import cycle. */
	textHash: (text: string) => string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const ID = /^[a-z0-9][a-z0-9-]*$/;

/** Properties of a guided object Kalanso reads; anything else is reported as not carried over. */
const OBJECT_KEYS = new Set([
	'id',
	'role',
	'imgref',
	'audioref',
	'text',
	'description',
	'character',
	'children',
	'kalanso:bubble',
	'kalanso:textHash'
]);
const DESCRIPTION_KEYS = new Set(['text', 'audioref', 'kalanso:textHash']);

function slug(text: string): string {
	const s = text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return s || 'x';
}

/** Plans the import of a Readium Web Publication (Divina) with its Guided Navigation documents. */
export function planImport(input: ImportInput): ImportPlan | { issues: ContentIssue[] } {
	const issues: ContentIssue[] = [];
	const report = (
		file: string,
		path: PropertyKey[],
		found: Finding,
		severity: 'error' | 'warning' = 'warning'
	) => issues.push(contentIssue(file, jsonPath(path), found, severity));
	const pub = input.publication;
	if (!isObject(pub) || !isObject(pub.metadata) || !Array.isArray(pub.readingOrder)) {
		report(
			PUBLICATION_FILE,
			[],
			finding('readiumNotPublication', { detail: 'no metadata or readingOrder' }),
			'error'
		);
		return { issues };
	}
	const meta = pub.metadata;
	const readingOrder = (pub.readingOrder as unknown[]).filter(isObject) as ReadiumLink[];
	const ext = isObject(meta['kalanso:comic']) ? (meta['kalanso:comic'] as unknown as ComicExtension) : null;
	const notCarried = (file: string, path: PropertyKey[], what: string, detail: string) =>
		report(file, path, finding('readiumNotCarried', { what, detail }));
	const nfc = (text: string, file: string, path: PropertyKey[]) => {
		const composed = text.normalize('NFC').trim();
		if (composed !== text)
			notCarried(file, path, 'text form', 'text normalised to Unicode NFC without surrounding spaces');
		return composed;
	};

	// Languages: the publication's, in order; the first is the reference unless Kalanso said otherwise.
	const pubLanguages = asArray(meta.language as string | string[] | undefined).filter(
		(t) => typeof t === 'string'
	);
	const referenceLanguage = ext?.referenceLanguage ?? pubLanguages[0] ?? 'fr';
	if (!ext && pubLanguages.length === 0) {
		report(
			PUBLICATION_FILE,
			['metadata', 'language'],
			finding('readiumDefaulted', { what: 'the language', value: 'fr' })
		);
	}

	// Pages, from the reading order (images only).
	const pages: Record<string, unknown>[] = [];
	const pageBySrc = new Map<string, { index: number; width: number; height: number; image: string }>();
	const images: ImportPlan['images'] = [];
	readingOrder.forEach((link, i) => {
		const where = ['readingOrder', i];
		if (typeof link.href !== 'string' || !(link.type ?? 'image/').startsWith('image/')) {
			return notCarried(
				PUBLICATION_FILE,
				where,
				'a reading-order item that is not an image',
				String(link.href)
			);
		}
		const size = input.imageSizes.get(link.href);
		if (!input.files.has(link.href) || !size) {
			return report(
				PUBLICATION_FILE,
				[...where, 'href'],
				finding('readiumBadReference', { ref: link.href, detail: 'no such image in the publication' }),
				'error'
			);
		}
		const n = pages.length + 1;
		const kp = isObject(link.properties?.['kalanso:page'])
			? (link.properties['kalanso:page'] as { id?: string; textInArt?: string[] })
			: {};
		const image = /\.webp$/i.test(link.href) ? link.href : `art/page-${n}.webp`;
		images.push({ from: link.href, to: image });
		const page: Record<string, unknown> = {
			id: kp.id && ID.test(kp.id) ? kp.id : `p${n}`,
			image,
			width: size.width,
			height: size.height,
			panels: []
		};
		if (kp.textInArt) page.textInArt = kp.textInArt;
		pageBySrc.set(link.href, { index: pages.length, ...size, image });
		pages.push(page);
	});
	if (pages.length === 0) {
		report(
			PUBLICATION_FILE,
			['readingOrder'],
			finding('readiumNotPublication', { detail: 'no page image in readingOrder' }),
			'error'
		);
		return { issues };
	}

	// Guided Navigation documents: publication links, else the pages' alternates, else guided.json.
	const guidedHrefs: { href: string; language?: string }[] = [];
	const addGuided = (l: ReadiumLink) => {
		if (l.type === GUIDED_TYPE && typeof l.href === 'string' && !guidedHrefs.some((g) => g.href === l.href)) {
			guidedHrefs.push({ href: l.href, language: asArray(l.language)[0] });
		}
	};
	for (const l of asArray(pub.links as ReadiumLink[] | undefined)) if (isObject(l)) addGuided(l);
	for (const l of readingOrder) for (const a of asArray(l.alternate)) if (isObject(a)) addGuided(a);
	if (guidedHrefs.length === 0 && input.files.has('guided.json')) guidedHrefs.push({ href: 'guided.json' });
	if (guidedHrefs.length === 0) {
		report(
			PUBLICATION_FILE,
			['links'],
			finding('readiumNotPublication', {
				detail: 'no Guided Navigation document (application/guided-navigation+json)'
			}),
			'error'
		);
		return { issues };
	}

	// Structure (panels, bubbles) comes from the first document; the others add their language's text.
	interface PanelDraft {
		id: string;
		region: Region;
		description: Record<string, string>;
		bubbles: BubbleDraft[];
		page: number;
	}
	interface BubbleDraft {
		id: string;
		role: BubbleRole;
		character?: string;
		shape?: { kind: string; region: Region };
		tail?: unknown;
		shapeByLanguage?: unknown;
		text: Record<string, string>;
	}
	const panels = new Map<string, PanelDraft>();
	const bubbles = new Map<string, BubbleDraft>();
	const characters = new Map<string, Record<string, string>>();
	const segments = new Map<string, { page: number; segments: AudioSegment[] }>();
	const docLanguages: string[] = [];

	const toPixels = (parsed: ParsedImgref, page: { width: number; height: number }): Region | null => {
		if (!parsed.region) return { x: 0, y: 0, w: page.width, h: page.height };
		const r = parsed.region;
		const k = r.unit === 'percent' ? { x: page.width / 100, y: page.height / 100 } : { x: 1, y: 1 };
		const round = (v: number) => Math.round(v * 1000) / 1000;
		const region = { x: round(r.x * k.x), y: round(r.y * k.y), w: round(r.w * k.x), h: round(r.h * k.y) };
		return region.w > 0 && region.h > 0 ? region : null;
	};
	const textOf = (
		t: unknown,
		lang: string,
		file: string,
		path: PropertyKey[]
	): { text: string; lang: string } | null => {
		if (typeof t === 'string' && t.trim()) return { text: nfc(t, file, path), lang };
		if (isObject(t)) {
			if (typeof t.ssml === 'string')
				notCarried(file, [...path, 'ssml'], 'SSML', 'Kalanso keeps the plain text only');
			const language = typeof t.language === 'string' ? t.language : lang;
			if (typeof t.plain === 'string' && t.plain.trim())
				return { text: nfc(t.plain, file, [...path, 'plain']), lang: language };
			if (typeof t.ssml === 'string')
				return { text: nfc(t.ssml.replace(/<[^>]*>/g, ''), file, [...path, 'ssml']), lang: language };
		}
		return null;
	};
	const docLanguageOf = (doc: GuidedDocument, declared: string | undefined): string => {
		if (declared) return declared;
		const seen: string[] = [];
		const visit = (o: GuidedObject) => {
			for (const t of [o.text, isObject(o.description) ? o.description.text : undefined]) {
				if (isObject(t) && typeof t.language === 'string') seen.push(t.language);
			}
			o.children?.forEach(visit);
		};
		doc.guided.forEach(visit);
		return (
			seen[0] ??
			(guidedHrefs.length === 1
				? referenceLanguage
				: (pubLanguages[docLanguages.length] ?? referenceLanguage))
		);
	};
	const addSegment = (
		lang: string,
		page: number,
		ref: string,
		target: string,
		text: string | undefined,
		hash: unknown,
		file: string,
		path: PropertyKey[]
	) => {
		const parsed = parseTimeRef(ref);
		if (!parsed || !input.files.has(parsed.src)) {
			return report(
				file,
				path,
				finding('readiumBadReference', {
					ref,
					detail: parsed ? 'no such audio file in the publication' : 'not a #t= time range'
				})
			);
		}
		if (parsed.endSec !== null && parsed.startSec !== null && parsed.endSec <= parsed.startSec) {
			return report(
				file,
				path,
				finding('readiumBadReference', { ref, detail: 'the range ends before it starts' })
			);
		}
		if (!text) return notCarried(file, path, 'an audio clip with no text in its language', ref);
		const key = `${lang}|${page}`;
		const entry = segments.get(key) ?? { page, segments: [] };
		entry.segments.push({
			from: parsed.src,
			startSec: parsed.startSec,
			endSec: parsed.endSec,
			target,
			textHash: typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash) ? hash : input.textHash(text)
		});
		segments.set(key, entry);
	};

	guidedHrefs.forEach(({ href, language }, docIndex) => {
		const raw = input.readJson(href);
		if (!isObject(raw) || !Array.isArray(raw.guided)) {
			return report(
				href,
				[],
				finding('readiumBadReference', {
					ref: href,
					detail: 'not a Guided Navigation document (no "guided" list)'
				}),
				'error'
			);
		}
		const doc = raw as unknown as GuidedDocument;
		for (const key of Object.keys(raw))
			if (key !== 'guided' && key !== 'links')
				notCarried(href, [key], `"${key}"`, 'not a Guided Navigation property Kalanso reads');
		const lang = docLanguageOf(doc, language);
		if (docLanguages.includes(lang)) notCarried(href, [], 'a second document in the same language', lang);
		docLanguages.push(lang);
		const first = docIndex === 0;
		const panelCount = new Map<number, number>();
		const reportUnknown = (o: Record<string, unknown>, keys: Set<string>, path: PropertyKey[]) => {
			for (const key of Object.keys(o))
				if (!keys.has(key)) notCarried(href, [...path, key], `"${key}"`, 'no Kalanso equivalent');
		};

		const visitPanel = (o: GuidedObject, path: PropertyKey[]) => {
			reportUnknown(o, OBJECT_KEYS, path);
			const parsed = typeof o.imgref === 'string' ? parseImgref(o.imgref) : null;
			const page = parsed ? pageBySrc.get(parsed.src) : undefined;
			if (!parsed || !page) {
				return report(
					href,
					[...path, 'imgref'],
					finding('readiumBadReference', {
						ref: String(o.imgref),
						detail: 'a panel must point at a page of the reading order with #xywh='
					}),
					first ? 'error' : 'warning'
				);
			}
			// A whole-page object with children is a page grouping its panels.
			if (!parsed.region && o.children?.length && !(o.role ?? []).includes('panel')) {
				return o.children.forEach((c, i) => visitPanel(c, [...path, 'children', i]));
			}
			const region = toPixels(parsed, page);
			if (!region)
				return report(
					href,
					[...path, 'imgref'],
					finding('readiumBadReference', { ref: String(o.imgref), detail: 'empty region' })
				);
			if (!(o.role ?? []).includes('panel'))
				notCarried(href, [...path, 'role'], 'the role', `${JSON.stringify(o.role ?? [])}: read as a panel`);
			const n = (panelCount.get(page.index) ?? 0) + 1;
			panelCount.set(page.index, n);
			const key = typeof o.id === 'string' && ID.test(o.id) ? o.id : `${pages[page.index]!.id}-${n}`;
			let panel = panels.get(key);
			if (!panel) {
				if (!first) return notCarried(href, path, 'a panel missing from the first document', key);
				panel = { id: key, region, description: {}, bubbles: [], page: page.index };
				panels.set(key, panel);
			}
			if (Array.isArray(o.character) && o.character.length) {
				notCarried(
					href,
					[...path, 'character'],
					'characters of a panel',
					`${o.character.join(', ')} (Kalanso names the speaker of each bubble)`
				);
			}
			const d = o.description;
			if (d !== undefined) {
				const dPath = [...path, 'description'];
				const desc = typeof d === 'string' ? { text: d } : isObject(d) ? d : {};
				if (isObject(d)) reportUnknown(d, DESCRIPTION_KEYS, dPath);
				const text = textOf(desc.text, lang, href, [...dPath, 'text']);
				if (text) panel.description[text.lang] = text.text;
				if (typeof desc.audioref === 'string')
					addSegment(lang, page.index, desc.audioref, panel.id, text?.text, desc['kalanso:textHash'], href, [
						...dPath,
						'audioref'
					]);
			}
			(o.children ?? []).forEach((c, j) => visitBubble(c, panel!, page, j, [...path, 'children', j]));
		};

		const visitBubble = (
			o: GuidedObject,
			panel: PanelDraft,
			page: { index: number; width: number; height: number },
			j: number,
			path: PropertyKey[]
		) => {
			reportUnknown(o, OBJECT_KEYS, path);
			if (o.children)
				notCarried(href, [...path, 'children'], 'objects inside a bubble', `${o.children.length} object(s)`);
			const guidedRole = (o.role ?? []).find((r) => r in GUIDED_TO_ROLE);
			const ext = isObject(o['kalanso:bubble']) ? (o['kalanso:bubble'] as BubbleExtension) : {};
			if (!guidedRole)
				notCarried(
					href,
					[...path, 'role'],
					'the role',
					`${JSON.stringify(o.role ?? [])}: read as a speech bubble`
				);
			const key = typeof o.id === 'string' && ID.test(o.id) ? o.id : `${panel.id}-b${j + 1}`;
			let bubble = bubbles.get(key);
			if (!bubble) {
				bubble = { id: key, role: guidedRole ? GUIDED_TO_ROLE[guidedRole]! : 'speech', text: {} };
				bubbles.set(key, bubble);
				panel.bubbles.push(bubble);
			}
			if (typeof o.imgref === 'string' && !bubble.shape) {
				const parsed = parseImgref(o.imgref);
				const region =
					parsed && parsed.src === pages[page.index]!.image
						? toPixels(parsed, page)
						: parsed && pageBySrc.get(parsed.src)?.index === page.index
							? toPixels(parsed, page)
							: null;
				if (region && parsed?.region)
					bubble.shape = { kind: ext.kind ?? (bubble.role === 'caption' ? 'rect' : 'ellipse'), region };
				else
					report(
						href,
						[...path, 'imgref'],
						finding('readiumBadReference', {
							ref: o.imgref,
							detail: "a bubble region must be a #xywh= rectangle on its panel's page"
						})
					);
			}
			if (ext.tail) bubble.tail = ext.tail;
			if (ext.shapeByLanguage) bubble.shapeByLanguage = ext.shapeByLanguage;
			if (ext.character) bubble.character = ext.character;
			else if (Array.isArray(o.character) && o.character.length && !bubble.character) {
				const [name, ...others] = o.character as string[];
				const id = slug(name!);
				const names = characters.get(id) ?? {};
				names[lang] ??= name!;
				characters.set(id, names);
				bubble.character = id;
				if (others.length)
					notCarried(
						href,
						[...path, 'character'],
						'more than one character per bubble',
						`${others.join(', ')} (the first speaks)`
					);
			}
			const text = textOf(o.text, lang, href, [...path, 'text']);
			if (text) bubble.text[text.lang] = text.text;
			if (typeof o.audioref === 'string')
				addSegment(lang, page.index, o.audioref, bubble.id, text?.text, o['kalanso:textHash'], href, [
					...path,
					'audioref'
				]);
		};

		doc.guided.forEach((o, i) =>
			isObject(o) ? visitPanel(o, ['guided', i]) : notCarried(href, ['guided', i], 'an item', 'not an object')
		);
	});

	for (const panel of panels.values()) {
		(pages[panel.page]!.panels as unknown[]).push({
			id: panel.id,
			region: panel.region,
			description: panel.description,
			bubbles: panel.bubbles.map((b) => {
				const out: Record<string, unknown> = { id: b.id, role: b.role };
				if (b.character) out.character = b.character;
				if (b.shape) out.shape = b.shape;
				if (b.tail) out.tail = b.tail;
				if (b.shapeByLanguage) out.shapeByLanguage = b.shapeByLanguage;
				out.text = b.text;
				return out;
			})
		});
	}

	// Narration: a Kalanso export names its files (kept as they are); anything else becomes one Opus
	// file per page and language, its clips concatenated in reading order.
	const verbatim: string[] = [];
	const audioJobs: AudioJob[] = [];
	const narration: Record<string, Narration> = {};
	for (const [key, entry] of segments) {
		const lang = key.split('|')[0]!;
		const known = ext?.narration?.[lang];
		const n = (narration[lang] ??= {
			status: known?.status ?? 'partial',
			voice:
				known?.voice ??
				asArray(meta.narrator as string | string[] | undefined).find((v) => typeof v === 'string') ??
				'unknown',
			synthetic: known?.synthetic ?? false,
			audio: [],
			clips: []
		});
		const files = known?.audio ?? [];
		const fileOf = (src: string) => files.find((f) => f.sources[0]!.src === src);
		if (entry.segments.every((s) => fileOf(s.from) && s.startSec !== null && s.endSec !== null)) {
			for (const s of entry.segments) {
				const file = fileOf(s.from)!;
				if (!n.audio.includes(file)) {
					n.audio.push(file);
					for (const source of file.sources) if (!verbatim.includes(source.src)) verbatim.push(source.src);
				}
				n.clips.push({
					target: s.target,
					audio: file.id,
					startSec: s.startSec!,
					endSec: s.endSec!,
					textHash: s.textHash
				});
			}
		} else {
			const pageId = pages[entry.page]!.id as string;
			audioJobs.push({
				lang,
				audioId: `${pageId}-${lang}`,
				to: `audio/${lang}/${pageId}.ogg`,
				segments: entry.segments
			});
		}
	}
	if (!ext && Object.keys(narration).length) {
		report(
			PUBLICATION_FILE,
			['metadata'],
			finding('readiumDefaulted', { what: 'the narration status', value: '"partial"' })
		);
	}

	// The comic: Kalanso's own data when the publication carries it, else what Readium says.
	const title = isObject(meta.title)
		? (meta.title as Record<string, string>)
		: typeof meta.title === 'string'
			? { [referenceLanguage]: meta.title }
			: {};
	const defaulted = (what: string, value: unknown, path: PropertyKey[] = ['metadata']) => {
		report(PUBLICATION_FILE, path, finding('readiumDefaulted', { what, value: JSON.stringify(value) }));
		return value;
	};
	let manifest: Record<string, unknown>;
	if (ext) {
		manifest = { ...ext, title, pages };
		if (Object.keys(narration).length) manifest.narration = narration;
		else delete manifest.narration;
		if (ext.narration) {
			for (const tag of Object.keys(ext.narration))
				if (!narration[tag])
					notCarried(
						PUBLICATION_FILE,
						['metadata', 'kalanso:comic', 'narration', tag],
						'a narration',
						'no audioref in its Guided Navigation document'
					);
		}
	} else {
		const lettered = asArray(
			(meta.accessibility as { accessMode?: string[] } | undefined)?.accessMode
		).includes('textOnVisual');
		const anyShapeless = [...bubbles.values()].some((b) => !b.shape);
		const langs = [...new Set([referenceLanguage, ...docLanguages, ...pubLanguages])];
		const unknown = langs.filter((t) => !input.knownLanguages.has(t));
		for (const tag of unknown)
			report(PUBLICATION_FILE, ['metadata', 'language'], finding('unknownLanguage', { tag }), 'error');
		const credits = [
			...asArray(meta.author as unknown).map((a) => ({ role: 'story', name: nameOf(a) })),
			...asArray(meta.artist as unknown).map((a) => ({ role: 'art', name: nameOf(a) })),
			...asArray(meta.translator as unknown).map((a) => ({ role: 'translation', name: nameOf(a) })),
			...asArray(meta.narrator as unknown).map((a) => ({ role: 'narration', name: nameOf(a) }))
		].filter((c) => c.name);
		for (const key of ['contributor', 'publisher', 'belongsTo', 'published', 'subject']) {
			if (meta[key] !== undefined)
				notCarried(PUBLICATION_FILE, ['metadata', key], `"${key}"`, 'no Kalanso equivalent');
		}
		const id =
			typeof meta.identifier === 'string' && /^urn:kalanso:([a-z0-9-]+)$/.test(meta.identifier)
				? meta.identifier.slice(12)
				: input.fallbackId || slug(Object.values(title)[0] ?? 'imported');
		const summary =
			typeof meta.description === 'string'
				? { [referenceLanguage]: nfc(meta.description, PUBLICATION_FILE, ['metadata', 'description']) }
				: (defaulted('the summary', title, ['metadata', 'description']) as Record<string, string>);
		// A language is complete only with its own title and summary; else a draft for a translator.
		const status = (tag: string) => {
			if (tag === referenceLanguage || (title[tag] && summary[tag])) return 'complete';
			defaulted(`the title and summary in "${tag}"`, 'a draft language', ['metadata', 'title']);
			return 'draft';
		};
		manifest = {
			schemaVersion: 1,
			id,
			title,
			summary,
			referenceLanguage,
			languages: langs.map((tag) => ({
				tag,
				status: status(tag),
				...((lettered || anyShapeless) && tag === referenceLanguage ? { textInArt: true } : {})
			})),
			gradeLevels: defaulted('the school grades (Kalanso)', ['7', '8', '9']),
			themes: defaulted('the curriculum domains (Kalanso)', ['DROITS']),
			objectives: [],
			characters: [...characters].map(([cid, name]) => ({ id: cid, name })),
			credits: credits.length
				? credits
				: defaulted('the credits', [{ role: 'story', name: 'unknown' }], ['metadata', 'author']),
			license:
				typeof meta['kalanso:license'] === 'string'
					? meta['kalanso:license']
					: defaulted('the licence (SPDX id)', 'NOASSERTION'),
			pages
		};
		if (!lettered && anyShapeless) {
			defaulted(
				'"textOnVisual" (text in the art)',
				"the reference language's text is in the art, since some bubbles have no region",
				['metadata', 'accessibility']
			);
		}
		if (Object.keys(narration).length) manifest.narration = narration;
	}
	const cover = asArray(pub.resources as ReadiumLink[] | undefined).find(
		(l) => isObject(l) && asArray(l.rel).includes('cover') && !pageBySrc.has(l.href)
	);
	if (ext?.cover && cover && input.files.has(cover.href)) images.push({ from: cover.href, to: ext.cover });
	const quiz = asArray(pub.resources as ReadiumLink[] | undefined).find(
		(l) => isObject(l) && asArray(l.rel).includes(QUIZ_REL)
	);
	if (quiz && input.files.has(quiz.href)) {
		verbatim.push(quiz.href);
		// The quiz's own audio is listed among the resources too; it is copied with it.
		for (const l of asArray(pub.resources as ReadiumLink[] | undefined)) {
			if (isObject(l) && l.href.startsWith('audio/quiz/') && input.files.has(l.href)) verbatim.push(l.href);
		}
	}
	return { manifest, images, verbatim, audioJobs, issues };
}

function nameOf(value: unknown): string {
	if (typeof value === 'string') return value;
	if (isObject(value) && typeof value.name === 'string') return value.name;
	if (isObject(value) && isObject(value.name)) return String(Object.values(value.name)[0] ?? '');
	return '';
}

/**
 * Completes the manifest with one audio job once its file is made: each segment's duration in the
 * new file (as measured), so the clips follow each other in the concatenated timeline.
 */
export function applyAudioJob(
	manifest: Record<string, unknown>,
	job: AudioJob,
	durationsSec: readonly number[],
	totalSec: number
): void {
	const narration = (manifest.narration as Record<string, Narration>)[job.lang]!;
	narration.audio.push({
		id: job.audioId,
		sources: [{ src: job.to, type: 'audio/ogg; codecs=opus' }],
		durationSec: round3(totalSec)
	});
	let at = 0;
	job.segments.forEach((s, i) => {
		const length = durationsSec[i]!;
		narration.clips.push({
			target: s.target,
			audio: job.audioId,
			startSec: round3(at),
			endSec: round3(Math.min(at + length, totalSec)),
			textHash: s.textHash
		});
		at += length;
	});
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** JSON paths where two values differ (for the round trip's findings). */
export function differences(a: unknown, b: unknown, path: PropertyKey[] = []): string[] {
	if (Object.is(a, b)) return [];
	if (Array.isArray(a) && Array.isArray(b)) {
		const out: string[] = [];
		for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...differences(a[i], b[i], [...path, i]));
		return out;
	}
	if (isObject(a) && isObject(b)) {
		const out: string[] = [];
		for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
			out.push(...differences(a[key], b[key], [...path, key]));
		return out;
	}
	return [jsonPath(path)];
}
