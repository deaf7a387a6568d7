/**
 * Reads and validates `quiz.json` in a comic folder against the comic's manifest. Relative
 * imports: `comics:check` runs this through tsx.
 */
import { parseJsonText } from '../../domain/manifest/json-text';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentIssue, type ContentIssue } from '../../domain/manifest/issues';
import type { Manifest } from '../../domain/manifest/schema';
import type { AssetProbe } from '../../domain/manifest/validate';
import type { Quiz } from '../../domain/quiz/schema';
import { QUIZ_FILE, referencedQuizAudio, validateQuiz } from '../../domain/quiz/validate';

export interface LoadedQuiz {
	/** null when there is no quiz or it has errors. */
	quiz: Quiz | null;
	/** false when the comic has no quiz.json (allowed). */
	present: boolean;
	issues: ContentIssue[];
}

async function isFile(file: string): Promise<boolean> {
	try {
		return (await stat(file)).isFile();
	} catch {
		return false;
	}
}

/** Loads `<dir>/quiz.json`. Never throws for bad content: problems become issues. */
export async function loadQuiz(
	dir: string,
	manifest: Manifest,
	knownObjectives?: ReadonlySet<string>
): Promise<LoadedQuiz> {
	const full = path.join(dir, QUIZ_FILE);
	let text: string;
	try {
		text = await readFile(full, 'utf8');
	} catch {
		return { quiz: null, present: false, issues: [] };
	}
	const parsed = parseJsonText(text);
	if (!parsed.ok)
		return { quiz: null, present: true, issues: [contentIssue(QUIZ_FILE, '$', parsed.finding)] };
	const raw = parsed.value;
	const assets = new Map<string, AssetProbe>();
	const root = path.resolve(dir) + path.sep;
	for (const src of referencedQuizAudio(raw)) {
		const file = path.resolve(dir, src);
		if (!file.startsWith(root))
			assets.set(src, { kind: 'unreadable', reason: 'path leaves the comic folder' });
		else assets.set(src, (await isFile(file)) ? { kind: 'audio', durationSec: 0 } : { kind: 'missing' });
	}
	const result = validateQuiz(raw, { manifest, knownObjectives, assets });
	return { quiz: result.quiz, present: true, issues: result.issues };
}
