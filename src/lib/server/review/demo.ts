/**
 * Demo data (issue 6): on start, the sample comics in comics/ go through the SAME service code as real
 * ones — imported and submitted by the demo author, rated, approved (signed) and published by the
 * demo reviewer — so a newcomer sees approved comics at once. Versions are marked `demo`, and the
 * reviewer UI labels them. Runs after the platform's seeding (it needs the demo accounts).
 *
 * Idempotent: a comic whose folder hashes to a version that already exists is left alone. When a
 * sample comic changes on disk and every version of it is demo data, the new version goes through the
 * same steps and supersedes the old one. A comic a real author took over is never touched.
 */
import { rubricCriteria } from '../../domain/review/rubric';
import type { ComicChecks, LanguageInfo } from '../content/comic-folder';
import { listComicDirs } from '../content/comic-folder';
import { formatIssue } from '../../domain/manifest/issues';
import { prepareFromFolder } from '../store/prepare';
import { ReviewError, type ReviewService, type ReviewUser } from './service';

export interface DemoOutcome {
	comicId: string;
	outcome: 'published' | 'unchanged' | 'skipped' | 'invalid' | 'blocked';
	detail?: string;
}

export async function seedDemoComics(
	service: ReviewService,
	accounts: { author: ReviewUser | null; reviewer: ReviewUser | null },
	comicsRoot: string,
	languages: readonly LanguageInfo[],
	checks: ComicChecks
): Promise<DemoOutcome[]> {
	const { author, reviewer } = accounts;
	if (!author || !reviewer) return [];
	const outcomes: DemoOutcome[] = [];
	for (const dir of await listComicDirs(comicsRoot)) {
		const prepared = await prepareFromFolder(dir, languages, checks);
		if (!prepared.ok) {
			outcomes.push({
				comicId: dir,
				outcome: 'invalid',
				detail: prepared.issues.map(formatIssue).join('; ')
			});
			continue;
		}
		const comicId = prepared.version.document.comicId;
		const existing = await service.versionsOf(comicId);
		if (existing.some((v) => v.versionHash === prepared.version.versionHash)) {
			outcomes.push({ comicId, outcome: 'unchanged' });
			continue;
		}
		if (existing.some((v) => !v.demo || v.authorId !== author.id)) {
			outcomes.push({ comicId, outcome: 'skipped', detail: 'a real author owns this comic' });
			continue;
		}
		try {
			const { version } = await service.importVersion(author, prepared.version, {
				source: 'folder',
				demo: true
			});
			const hash = version.versionHash;
			await service.act(author, hash, 'submit');
			const languagesOfComic = prepared.version.document.manifest.languages.map((l) => l.tag);
			for (const criterion of rubricCriteria(languagesOfComic)) {
				await service.rate(reviewer, hash, criterion, 'meets');
			}
			await service.act(reviewer, hash, 'approve');
			await service.act(reviewer, hash, 'publish');
			outcomes.push({ comicId, outcome: 'published' });
		} catch (error) {
			// A sample comic with gaps stays in review, where the demo reviewer sees why.
			if (!(error instanceof ReviewError)) throw error;
			outcomes.push({ comicId, outcome: 'blocked', detail: error.message });
		}
	}
	return outcomes;
}
