/**
 * The reading session in the browser: who is reading on this shared tablet now (asked again after
 * 20 idle minutes or when the app starts again: src/lib/domain/quiz/session.ts), and the reading
 * position of that student, stored in their profile rather than per device.
 */
import { activeReader } from '$lib/domain/quiz/session';
import { newId, type LearnerProfile, type LearnerStore } from '$lib/offline/learners';

const RUN_KEY = 'kalanso-run';
/** Where sessionStorage is unavailable, the run is this page load. */
let pageRun: string | null = null;

/**
 * The id of this app run: kept in sessionStorage, which survives reloads of the tab but not the
 * app being closed and opened again, which is what "a restart asks again" means on a tablet.
 */
export function currentRunId(): string {
	try {
		let id = sessionStorage.getItem(RUN_KEY);
		if (!id) {
			id = newId();
			sessionStorage.setItem(RUN_KEY, id);
		}
		return id;
	} catch (error) {
		console.warn('sessionStorage unavailable: the reader is asked again on each page load', error);
		return (pageRun ??= newId());
	}
}

/** The "Qui lit ?" page, coming back to `returnTo` once a student has chosen their profile. */
export function whoIsReadingHref(returnTo: string): string {
	return `/profiles?return=${encodeURIComponent(returnTo)}`;
}

/** The student reading now, or null when the tablet must ask. Counts as activity. */
export async function currentReader(
	store: LearnerStore,
	now: Date = new Date()
): Promise<LearnerProfile | null> {
	const runId = currentRunId();
	const id = activeReader(await store.readingSession(), runId, now);
	const profile = id ? await store.getProfile(id) : undefined;
	if (!profile) return null;
	await store.touchSession(profile.id, runId, now);
	return profile;
}

/** Keeps the session open: the student did something (an answer, a panel read). */
export function touchReader(store: LearnerStore, profileId: string): void {
	store
		.touchSession(profileId, currentRunId(), new Date())
		.catch((error) => console.warn('could not note the reader as active', error));
}

/**
 * A `Storage`-like view for the reader's position memory that keeps it in the student's profile:
 * reads come from `initial` (loaded before the reader opens, since the reader reads synchronously),
 * writes go to memory at once and to IndexedDB right after.
 */
export function profilePositionStorage(
	store: LearnerStore,
	profileId: string,
	comic: string,
	key: string,
	initial: string | null
): Pick<Storage, 'getItem' | 'setItem'> {
	let value = initial;
	return {
		getItem: (k) => (k === key ? value : null),
		setItem: (k, v) => {
			if (k !== key) return;
			value = v;
			store
				.setReadingPosition(profileId, comic, v, new Date())
				.catch((error) => console.warn('could not remember the reading position', error));
			touchReader(store, profileId);
		}
	};
}
