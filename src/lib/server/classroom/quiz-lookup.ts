import { readFile } from 'node:fs/promises';
import { LRUCache } from 'lru-cache';
import { QUIZ_PATH } from '../../domain/packs/audio-choice';
import { parseQuizPayload } from '../../domain/quiz/payload';
import type { Quiz } from '../../domain/quiz/schema';
import type { VersionStore } from '../store/versions';
import type { QuizLookup } from './service';

/**
 * Versions whose manifest and quiz are kept in memory: the ones classes are using now, not the
 * catalog (a version's manifest is tens of KB; keeping every version looked up grew with the catalog).
 */
export const QUIZ_VERSIONS_KEPT = 128;

type Found = ReturnType<QuizLookup['versionOf']>;

/**
 * Quizzes by version hash from the content store. Versions are immutable, so what was read stays
 * right; the `kept` most recently used are kept (least recently used dropped first), a dropped one
 * is read again when asked for.
 */
export function storeQuizLookup(store: VersionStore, kept = QUIZ_VERSIONS_KEPT): QuizLookup {
	const cache = new LRUCache<string, Found>({ max: kept });
	return {
		versionOf(versionHash) {
			let found = cache.get(versionHash);
			if (!found) {
				found = (async () => {
					const doc = await store.load(versionHash);
					if (!doc) return null;
					const file = store.assetFile(doc, QUIZ_PATH);
					let quiz: Quiz | null = null;
					// The same reading of a pack's quiz.json the tablet does (migrated, then parsed).
					if (file) quiz = parseQuizPayload({ quiz: JSON.parse(await readFile(file, 'utf8')) }).quiz;
					return { comic: doc.comicId, quiz, manifest: doc.manifest };
				})();
				// A failed read is not kept, so the next request tries again.
				found.catch(() => cache.delete(versionHash));
				cache.set(versionHash, found);
			}
			return found;
		}
	};
}

const shared = new WeakMap<VersionStore, QuizLookup>();

/**
 * The one lookup of a content store, shared by the classroom service, the live service and the
 * projector page, so that a version read for one is not read again for the others (a lookup made
 * per request kept nothing).
 */
export function sharedQuizLookup(store: VersionStore): QuizLookup {
	let lookup = shared.get(store);
	if (!lookup) shared.set(store, (lookup = storeQuizLookup(store)));
	return lookup;
}
