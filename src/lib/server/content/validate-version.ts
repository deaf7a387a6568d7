/**
 * THE validation of a comic version (issue 11, gap 2): the manifest (schema, whole-comic rules,
 * assets, narration, text fitting, curriculum objectives) and its quiz.json (schema, answers among
 * the options, known panels and objectives, narration files). Every path that creates a version runs
 * it: `comics:check` and the start-up import of comics/ (a folder), an upload (a zip), and an
 * author's in-app text edit (a stored version). Only where the files come from differs, behind
 * `ComicFiles`; what is checked is decided here, once.
 */
import { parseJsonText } from '../../domain/manifest/json-text';
import { checkBudgets, checkPackShare, packShareAudio } from '../../domain/manifest/budgets';
import { contentIssue, jsonPath, type ContentIssue } from '../../domain/manifest/issues';
import { locate } from '../../domain/manifest/locate';
import type { Manifest } from '../../domain/manifest/schema';
import { referencedAssets, validateManifest, type AssetProbe } from '../../domain/manifest/validate';
import type { Quiz } from '../../domain/quiz/schema';
import { QUIZ_FILE, referencedQuizAudio, validateQuiz } from '../../domain/quiz/validate';
import type { ComicChecks, LanguageInfo } from './comic-folder';

export const MANIFEST_FILE = 'comic.json';

/** Where a comic's files come from (a folder, an unpacked zip, the content store). */
export interface ComicFiles {
	/** The bytes of a file by its path relative to the comic, or null when it has none. */
	read(relative: string): Promise<Uint8Array | null>;
	/** What an image file is (size), or why it cannot be used. */
	probeImage(relative: string): Promise<AssetProbe>;
	/**
	 * What an audio file is (duration), or why it cannot be used; undefined when this source only
	 * knows the file exists and nothing more can be said.
	 */
	probeAudio(relative: string): Promise<AssetProbe | undefined>;
}

export interface ValidatedComic {
	/** The validated manifest; null when anything is an error. */
	manifest: Manifest | null;
	/** The validated quiz; null when the comic has none or it has errors. */
	quiz: Quiz | null;
	issues: ContentIssue[];
	/** Every file the version is made of besides comic.json (images, audio, quiz.json, its audio). */
	files: string[];
}

/** The languages and checks the validation runs with (comics/languages.json, content/checks.ts). */
export interface ValidationSetup {
	languages: readonly LanguageInfo[];
	checks: ComicChecks;
}

const isError = (issue: ContentIssue) => issue.severity === 'error';

/** The narration file of each audio that tablets play (its first source). */
const firstAudioSources = (m: Manifest) =>
	Object.values(m.narration ?? {}).flatMap((n) => n.audio.map((a) => a.sources[0]!.src));

/** Validates a comic (its parsed comic.json and its files). Never throws for bad content. */
export async function validateComic(
	raw: unknown,
	source: ComicFiles,
	{ languages, checks }: ValidationSetup
): Promise<ValidatedComic> {
	const refs = referencedAssets(raw);
	const assets = new Map<string, AssetProbe>();
	for (const image of refs.images) assets.set(image, await source.probeImage(image));
	for (const audio of refs.audio) {
		const probe = await source.probeAudio(audio);
		if (probe) assets.set(audio, probe);
	}
	const result = validateManifest(raw, {
		file: MANIFEST_FILE,
		knownLanguages: new Set(languages.map((l) => l.tag)),
		knownObjectives: checks.knownObjectives,
		assets,
		extraChecks: checks.extraChecks
	});
	const issues = result.issues;
	// File sizes for the budgets (domain/manifest/budgets.ts), each file read once.
	const sizes = new Map<string, number>();
	const readSizes = async (files: string[]) => {
		for (const file of files) {
			if (sizes.has(file)) continue;
			const bytes = await source.read(file);
			if (bytes) sizes.set(file, bytes.byteLength);
		}
	};
	if (result.manifest) {
		// Budgets: warnings, whatever the comic's origin.
		await readSizes([...result.manifest.pages.map((p) => p.image), ...firstAudioSources(result.manifest)]);
		checkBudgets(result.manifest, sizes, assets, (path, found, severity = 'error') =>
			issues.push(contentIssue(MANIFEST_FILE, jsonPath(path), found, severity))
		);
	}
	const files = new Set([...refs.images, ...refs.audio]);
	let quiz: Quiz | null = null;
	let rawQuiz: unknown;
	const quizBytes = result.manifest ? await source.read(QUIZ_FILE) : null;
	if (result.manifest && quizBytes) {
		files.add(QUIZ_FILE);
		const parsedQuiz = parseJsonText(quizBytes);
		if (!parsedQuiz.ok) issues.push(contentIssue(QUIZ_FILE, '$', parsedQuiz.finding));
		rawQuiz = parsedQuiz.ok ? parsedQuiz.value : undefined;
		if (rawQuiz !== undefined) {
			const quizAssets = new Map<string, AssetProbe>();
			for (const src of referencedQuizAudio(rawQuiz)) {
				files.add(src);
				// A quiz clip must at least exist; its length is checked when the source can tell it.
				const exists = (await source.read(src)) !== null;
				const probe = exists ? await source.probeAudio(src) : undefined;
				quizAssets.set(src, probe ?? (exists ? { kind: 'audio', durationSec: 0 } : { kind: 'missing' }));
			}
			const checked = validateQuiz(rawQuiz, {
				manifest: result.manifest,
				knownObjectives: checks.knownObjectives,
				assets: quizAssets
			});
			issues.push(...checked.issues);
			quiz = checked.quiz;
		}
	}
	if (result.manifest) {
		// A page's share of what a tablet downloads in one language (issue 21): a warning.
		await readSizes([
			...(result.manifest.cover ? [result.manifest.cover] : []),
			...[...packShareAudio(result.manifest, quiz).values()].flat()
		]);
		checkPackShare(result.manifest, quiz, sizes, (path, found, severity = 'error') =>
			issues.push(contentIssue(MANIFEST_FILE, jsonPath(path), found, severity))
		);
	}
	// Name where each finding is the way its authors count: pages from 1, bubbles by their id.
	for (const issue of issues) {
		const source = issue.file === MANIFEST_FILE ? raw : issue.file === QUIZ_FILE ? rawQuiz : undefined;
		if (source === undefined || issue.path === '$') continue;
		const place = locate(issue.file, source, issue.path);
		if (Object.keys(place).length) issue.place = place;
	}
	const failed = issues.some(isError);
	return {
		manifest: failed ? null : result.manifest,
		quiz: failed ? null : quiz,
		issues,
		files: [...files]
	};
}
