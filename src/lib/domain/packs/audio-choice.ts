/**
 * One audio format per narration file on a tablet.
 *
 * A comic lists each narration file in several formats (Ogg Opus first, MP3 for browsers without
 * Opus), and so does its quiz; the pack listing carries them all, because the approval covers every
 * file of the version. A tablet needs only one of them: the first the browser can play. Storing
 * both would nearly double a pack (DESIGN.md §6: one page of art + its narration ≤ 150 KB).
 *
 * The listing alone does not say which files are formats of one another: comic.json and quiz.json
 * do. So a device reads those two (core files, checked against the listing like any other), turns
 * the pack into *units* — one file, or the formats of one audio file — and keeps one file per
 * unit. Whether a format plays is the browser's answer (`canPlayType`), passed in as `canPlay`:
 * this module stays pure. Light on purpose (no zod, no hashing), so pages can size a pack with it.
 */
import type { Manifest } from '../manifest/schema';
import type { PackFile, PackManifest } from './format';

/** Path of the quiz inside a pack (`QUIZ_FILE` of src/lib/domain/quiz/validate.ts). */
export const QUIZ_PATH = 'quiz.json';

/** One audio file as comic.json or quiz.json lists it: its formats, preferred first. */
export interface AudioAlternatives {
	/** Narration language the comic or quiz files it under. */
	language: string;
	/** Where it was listed: quiz audio carries no language in the pack listing. */
	from: 'comic' | 'quiz';
	sources: { src: string; type: string }[];
}

/** Says whether this device plays a MIME type such as `audio/ogg; codecs=opus`. */
export type CanPlayType = (type: string) => boolean;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function sourcesOf(value: unknown): { src: string; type: string }[] {
	const sources = isObject(value) && Array.isArray(value.sources) ? value.sources : [];
	return sources.flatMap((s: unknown) =>
		isObject(s) && typeof s.src === 'string' && typeof s.type === 'string'
			? [{ src: s.src, type: s.type }]
			: []
	);
}

/**
 * Every audio file comic.json and quiz.json list, with its formats. Both are read defensively
 * (parsed JSON of any shape): a missing or odd field contributes nothing.
 */
export function audioAlternatives(comic: unknown, quiz?: unknown): AudioAlternatives[] {
	const found: AudioAlternatives[] = [];
	const add = (language: string, from: AudioAlternatives['from'], value: unknown) => {
		const sources = sourcesOf(value);
		if (sources.length > 0) found.push({ language, from, sources });
	};
	const narration = isObject(comic) && isObject(comic.narration) ? comic.narration : {};
	for (const [language, n] of Object.entries(narration)) {
		for (const file of isObject(n) && Array.isArray(n.audio) ? n.audio : []) add(language, 'comic', file);
	}
	const questions = isObject(quiz) && Array.isArray(quiz.questions) ? quiz.questions : [];
	for (const question of questions) {
		const byLanguage = isObject(question) && isObject(question.narration) ? question.narration : {};
		for (const [language, clips] of Object.entries(byLanguage)) {
			if (!isObject(clips)) continue;
			add(language, 'quiz', clips.prompt);
			add(language, 'quiz', clips.explanation);
			for (const clip of Object.values(isObject(clips.options) ? clips.options : {}))
				add(language, 'quiz', clip);
		}
	}
	return found;
}

/** Something a device stores exactly one file of: a single file, or the formats of one audio file. */
export interface PackUnit {
	/** Narration language; undefined for the core every reader needs. */
	language: string | undefined;
	/**
	 * Where the language comes from: the pack listing (comic narration) or quiz.json (quiz audio,
	 * which the listing counts as core). Import uses it to tell a half-present language from one
	 * whose quiz audio an older tablet happened to carry.
	 */
	languageFrom: 'listing' | 'quiz' | null;
	/** The listed files that can stand for the unit, preferred first, with the type to ask about. */
	options: { file: PackFile; type: string }[];
}

/**
 * The pack as units. Each listed file belongs to exactly one unit: the first audio file that
 * names it, else a unit of its own. A file named by two different audio files (not something the
 * authoring tools make) stays with the first.
 */
export function packUnits(
	pack: Pick<PackManifest, 'files'>,
	alternatives: readonly AudioAlternatives[]
): PackUnit[] {
	const listed = new Map(pack.files.map((f) => [f.path, f]));
	const claimed = new Set<string>();
	const units: PackUnit[] = [];
	const seen = new Set<string>();
	for (const alt of alternatives) {
		const key = `${alt.language}\n${alt.sources.map((s) => s.src).join('\n')}`;
		if (seen.has(key)) continue; // quiz clips of one file repeat its sources
		seen.add(key);
		const options = alt.sources.flatMap((s) => {
			const file = listed.get(s.src);
			return file && !claimed.has(file.path) ? [{ file, type: s.type }] : [];
		});
		if (options.length === 0) continue;
		for (const o of options) claimed.add(o.file.path);
		const tagged = options.find((o) => o.file.language)?.file.language;
		// Comic narration keeps the listing's word (a file shared by two languages is core there).
		const language = tagged ?? (alt.from === 'quiz' ? alt.language : undefined);
		units.push({ language, languageFrom: tagged ? 'listing' : language ? 'quiz' : null, options });
	}
	for (const file of pack.files) {
		if (claimed.has(file.path)) continue;
		units.push({
			language: file.language,
			languageFrom: file.language ? 'listing' : null,
			options: [{ file, type: file.type }]
		});
	}
	return units;
}

/**
 * The file a device keeps for a unit: the first available option it can play, else the first
 * available one (`playable: false`: nothing here plays it, kept so the pack stays complete and
 * can be passed on). Null when no option is available.
 */
export function chooseUnitFile(
	unit: PackUnit,
	canPlay: CanPlayType,
	available: (path: string) => boolean = () => true
): { file: PackFile; playable: boolean } | null {
	const options = unit.options.filter((o) => available(o.file.path));
	if (options.length === 0) return null;
	// A single file (page art, a manifest) is not a choice of format.
	if (unit.options.length === 1) return { file: options[0]!.file, playable: true };
	const playable = options.find((o) => canPlay(o.type));
	return playable ? { file: playable.file, playable: true } : { file: options[0]!.file, playable: false };
}

/** What a device downloads of a pack, per unit: one file each, in the formats it plays. */
export interface DevicePlan {
	/** The file kept for each unit, with the unit's language (undefined: core). */
	files: { file: PackFile; language: string | undefined }[];
	/** Bytes of the core in the chosen formats (art, manifests, audio of no language). */
	coreBytes: number;
	/** Narration languages the pack offers and the bytes each adds, in the chosen formats. */
	languages: { tag: string; bytes: number }[];
}

/** The device's plan for a pack on the server, where every listed file can be fetched. */
export function devicePlan(
	pack: Pick<PackManifest, 'files'>,
	alternatives: readonly AudioAlternatives[],
	canPlay: CanPlayType
): DevicePlan {
	const chosen = new Map<string, string | undefined>();
	for (const unit of packUnits(pack, alternatives))
		chosen.set(chooseUnitFile(unit, canPlay)!.file.path, unit.language);
	// In listing order, so a download fetches files in the order the server lists them.
	const files = pack.files
		.filter((file) => chosen.has(file.path))
		.map((file) => ({ file, language: chosen.get(file.path) }));
	const bytes = new Map<string, number>();
	let coreBytes = 0;
	for (const { file, language } of files) {
		if (language) bytes.set(language, (bytes.get(language) ?? 0) + file.size);
		else coreBytes += file.size;
	}
	const languages = [...bytes]
		.map(([tag, n]) => ({ tag, bytes: n }))
		.sort((a, b) => a.tag.localeCompare(b.tag));
	return { files, coreBytes, languages };
}

/** The files of a plan for the chosen narration languages: the core plus those languages. */
export function planFiles(plan: DevicePlan, languages: readonly string[]): PackFile[] {
	return plan.files.filter((f) => !f.language || languages.includes(f.language)).map((f) => f.file);
}

// In ./files.ts with the other light helpers, so the library page's download buttons need not load this module.
export { planBytes } from './files';

/**
 * The comic manifest with audio sources limited to files on the device, so the narrator chooses
 * among what is stored, never a format left on the server. A language missing a file goes.
 */
export function narrationOnDevice(manifest: Manifest, has: (path: string) => boolean): Manifest {
	if (!manifest.narration) return manifest;
	const narration: NonNullable<Manifest['narration']> = {};
	for (const [tag, n] of Object.entries(manifest.narration)) {
		const audio = n.audio.map((file) => ({ ...file, sources: file.sources.filter((s) => has(s.src)) }));
		if (audio.every((file) => file.sources.length > 0)) narration[tag] = { ...n, audio };
	}
	const { narration: _dropped, ...rest } = manifest;
	return Object.keys(narration).length ? { ...rest, narration } : rest;
}

/**
 * The quiz (parsed JSON) with its narration clips limited to audio on the device: sources not
 * stored are dropped, and a clip with none left goes, so "Listen" is offered only where it plays.
 */
export function quizNarrationOnDevice(quiz: unknown, has: (path: string) => boolean): unknown {
	if (!isObject(quiz) || !Array.isArray(quiz.questions)) return quiz;
	const clip = (value: unknown): unknown => {
		if (!isObject(value) || !Array.isArray(value.sources)) return value;
		const sources = sourcesOf(value).filter((s) => has(s.src));
		return sources.length ? { ...value, sources } : undefined;
	};
	const questions = quiz.questions.map((question: unknown) => {
		if (!isObject(question) || !isObject(question.narration)) return question;
		const narration: Json = {};
		for (const [tag, clips] of Object.entries(question.narration)) {
			if (!isObject(clips)) continue;
			const kept: Json = {};
			for (const part of ['prompt', 'explanation'] as const) {
				const c = clip(clips[part]);
				if (c) kept[part] = c;
			}
			if (isObject(clips.options)) {
				const options = Object.fromEntries(
					Object.entries(clips.options).flatMap(([id, c]) => (clip(c) ? [[id, clip(c)]] : []))
				);
				if (Object.keys(options).length) kept.options = options;
			}
			if (Object.keys(kept).length) narration[tag] = kept;
		}
		const { narration: _dropped, ...rest } = question;
		return Object.keys(narration).length ? { ...rest, narration } : rest;
	});
	return { ...quiz, questions };
}
