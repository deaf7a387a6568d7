/**
 * The full set of content checks that `comics:check`, the catalog and uploads run.
 * Features that add rules to the content (narration, text fitting, curriculum) plug in here.
 */
import { checkNarration } from '../../domain/narration/checks';
import { probeAudio } from './audio-probe';
import type { ComicChecks } from './comic-folder';

export async function contentChecks(_root: string): Promise<ComicChecks> {
	return {
		// Narration: segments inside the real audio, no overlaps, known bubbles, completeness, stale clips.
		extraChecks: [checkNarration],
		probeAudio
	};
}
