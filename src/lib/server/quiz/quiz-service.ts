/**
 * What the quiz player downloads for a comic: the quiz of the comic's PUBLISHED, SIGNED version
 * (quiz.json is an asset of the version document, so the reviewers approved exactly these bytes)
 * and the titles of the objectives it assesses, so the player needs no other request. Never the
 * comics/ folder on disk: that holds sources, which may differ from what was approved, and has
 * nothing of comics that were uploaded (issue 11, gap 3).
 */
import type { QuizPayload } from '../../domain/quiz/payload';
import { QUIZ_FILE, referencedQuizAudio, validateQuiz } from '../../domain/quiz/validate';
import type { AssetProbe } from '../../domain/manifest/validate';
import { formatIssue } from '../../domain/manifest/issues';
import { sha256Hex } from '../../domain/signing/hash';
import type { VersionDocument } from '../../domain/signing/version';
import { cachedCurriculum } from './curriculum-files';

/** Reads the bytes of one asset of a version (the content store), or null when it is not there. */
export type ReadVersionAsset = (document: VersionDocument, assetPath: string) => Promise<Uint8Array | null>;

/**
 * The payload of a published version, or null when that version has no quiz. Throws when the
 * stored quiz does not match the hash its signed version lists, or no longer reads as a quiz:
 * students then get an error, never unapproved questions.
 */
export async function getQuizPayload(
	document: VersionDocument,
	readAsset: ReadVersionAsset,
	comicsRoot: string
): Promise<QuizPayload | null> {
	const expected = document.assets[QUIZ_FILE];
	if (!expected) return null;
	const bytes = await readAsset(document, QUIZ_FILE);
	if (!bytes || sha256Hex(bytes) !== expected) {
		throw new Error(`quiz of "${document.comicId}" is missing or altered in the content store`);
	}
	const raw: unknown = JSON.parse(new TextDecoder().decode(bytes));
	// The audio the quiz names must be assets of the same signed version.
	const assets = new Map<string, AssetProbe>(
		referencedQuizAudio(raw).map((src) => [
			src,
			src in document.assets ? { kind: 'audio', durationSec: 0 } : { kind: 'missing' }
		])
	);
	// Objective codes were checked when the version was validated and approved; the curriculum is
	// read only for the objectives' titles, so a later curriculum edit cannot hide an approved quiz.
	const result = validateQuiz(raw, { manifest: document.manifest, assets });
	if (!result.quiz) {
		throw new Error(
			`quiz of "${document.comicId}" does not validate: ${result.issues.map(formatIssue).join('; ')}`
		);
	}
	const curriculum = await cachedCurriculum(comicsRoot);
	const wanted = new Set(result.quiz.questions.flatMap((q) => q.objectives));
	const objectives: QuizPayload['objectives'] = {};
	for (const o of curriculum?.objectives ?? []) {
		if (wanted.has(o.code))
			objectives[o.code] = { title: o.title, studentTitle: o.studentTitle, official: o.official };
	}
	return { quiz: result.quiz, objectives };
}
