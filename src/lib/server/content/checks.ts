/**
 * The full set of content checks that `comics:check`, the catalog, uploads and in-app edits run
 * (through the one validation, content/validate-version.ts).
 * Features that add rules to the content (narration, text fitting, curriculum) plug in here.
 */
import { checkNarration } from '../../domain/narration/checks';
import { probeAudio } from './audio-probe';
import type { ComicChecks } from './comic-folder';
import { requireValidCurriculum } from '../quiz/curriculum-files';
import { textFitCheck } from './text-fit-check';
import { requireValidCast } from './cast-file';
import { checkCast } from '../../domain/manifest/cast';
import type { Manifest } from '../../domain/manifest/schema';
import type { Reporter } from '../../domain/manifest/validate';

export async function contentChecks(root: string): Promise<ComicChecks> {
	// Curriculum: objective codes a comic or a question may reference (comics/curriculum/*.json).
	// A comics folder without a curriculum (test fixtures) leaves codes unchecked.
	const curriculum = await requireValidCurriculum(root);
	const knownObjectives = curriculum?.codes;
	// Cast: one identity per character across the collection (comics/cast.json), on every path
	// (folder, upload, in-app edit); see domain/manifest/cast.ts for comics new to the collection.
	const cast = await requireValidCast(root);
	const castCheck = (manifest: Manifest, report: Reporter) => {
		if (cast) checkCast(cast, manifest, report);
	};
	return {
		// Narration: segments inside the real audio, no overlaps, known bubbles, completeness, stale clips.
		// Text fitting: every bubble's text fits its bubble at a readable size, with the bundled font.
		extraChecks: [checkNarration, await textFitCheck(), castCheck],
		probeAudio,
		// Also checks quiz.json against the comic and the curriculum (content/validate-version.ts).
		knownObjectives
	};
}
