/**
 * The quiz of a comic's published, signed version, read from the content store: what students
 * get (the quiz API), and what teachers read in their guide and reports. One function, so no page
 * reads a quiz from comics/ on disk that nobody approved (issue 11, gap 3).
 */
import { readFile } from 'node:fs/promises';
import type { QuizPayload } from '../../domain/quiz/payload';
import type { VersionDocument } from '../../domain/signing/version';
import { comicsRoot } from '../content/comic-folder';
import type { VersionRecord } from '../review/repositories';
import { reviewServices } from '../review/server';
import { getQuizPayload } from './quiz-service';

export interface PublishedQuiz {
	/** The published version (its manifest is what students read). */
	document: VersionDocument;
	/** Its quiz with the objectives' titles; null when the version has none. */
	payload: QuizPayload | null;
	/** The version's record: its approval (who, when) and its hash. */
	version: VersionRecord;
}

/** The published version of a comic and its quiz, or null when the comic is not published. */
export async function publishedQuiz(slug: string): Promise<PublishedQuiz | null> {
	const { service } = await reviewServices();
	const published = await service.publishedComic(slug);
	if (!published) return null;
	const payload = await getQuizPayload(
		published.document,
		async (document, assetPath) => {
			const file = service.assetFile(document, assetPath);
			return file ? new Uint8Array(await readFile(file)) : null;
		},
		comicsRoot()
	);
	return { document: published.document, payload, version: published.version };
}
