/**
 * The full set of content checks that `comics:check`, the catalog and uploads run.
 * Features that add rules to the content (narration, text fitting, curriculum) plug in here.
 */
import path from 'node:path';
import { checkNarration } from '../../domain/narration/checks';
import { probeAudio } from './audio-probe';
import type { ComicChecks } from './comic-folder';
import { requireValidCurriculum } from '../quiz/curriculum-files';
import { loadQuiz } from '../quiz/quiz-files';
import { textFitCheck } from './text-fit-check';
import { requireValidCast } from './cast-file';
import { checkCast } from '../../domain/manifest/cast';
import { contentIssue, jsonPath, type ContentIssue } from '../../domain/manifest/issues';

export async function contentChecks(root: string): Promise<ComicChecks> {
	// Curriculum: objective codes a comic or a question may reference (comics/curriculum/*.json).
	// A comics folder without a curriculum (test fixtures) leaves codes unchecked.
	const curriculum = await requireValidCurriculum(root);
	const knownObjectives = curriculum?.codes;
	const cast = await requireValidCast(root);
	return {
		// Narration: segments inside the real audio, no overlaps, known bubbles, completeness, stale clips.
		// Text fitting: every bubble's text fits its bubble at a readable size, with the bundled font.
		extraChecks: [checkNarration, await textFitCheck()],
		probeAudio,
		knownObjectives,
		// Quiz: quiz.json against the comic (panels, languages) and the curriculum.
		folderChecks: [
			async (dir, manifest) => (await loadQuiz(dir, manifest, knownObjectives)).issues,
			// Cast: one identity per character across the comics of this folder (comics/cast.json).
			// Comics elsewhere (an upload being reviewed) are not part of the collection yet.
			async (dir, manifest) => {
				if (!cast || path.resolve(path.dirname(dir)) !== path.resolve(root)) return [];
				const issues: ContentIssue[] = [];
				checkCast(cast, manifest, (at, found, severity) =>
					issues.push(contentIssue('comic.json', jsonPath(at), found, severity))
				);
				return issues;
			}
		]
	};
}
