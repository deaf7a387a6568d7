/**
 * The full set of content checks that `comics:check`, the catalog and uploads run.
 * Features that add rules to the content (narration, text fitting, curriculum) plug in here.
 */
import type { ComicChecks } from './comic-folder';

export async function contentChecks(_root: string): Promise<ComicChecks> {
	return { extraChecks: [] };
}
