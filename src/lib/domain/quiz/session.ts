/**
 * Who is reading on a shared tablet. A reading session belongs to one student profile; the tablet
 * asks "Qui lit ?" again when the session has been idle too long (the next class has the tablet)
 * or when the app was started again (a run is one browser tab's life: reloads keep it, closing
 * and reopening the app starts a new one). Pure: the caller passes the run id and the time.
 */

/** Idle time after which the next student must say who is reading: 20 minutes. */
export const SESSION_IDLE_MS = 20 * 60_000;

/** The session stored on the tablet. */
export interface ReadingSession {
	profileId: string;
	/** Id of the app run (tab) the session was opened or last used in. */
	runId: string;
	/** ISO 8601: the last thing the student did (a panel read, an answer given). */
	lastActiveAt: string;
}

/** The profile reading now, or null when the tablet must ask "Qui lit ?". */
export function activeReader(
	session: ReadingSession | null,
	runId: string,
	now: Date,
	idleMs: number = SESSION_IDLE_MS
): string | null {
	if (!session || session.runId !== runId) return null;
	const idle = now.getTime() - Date.parse(session.lastActiveAt);
	// A clock set back (idle < 0) says nothing about who holds the tablet: ask.
	return idle >= 0 && idle < idleMs ? session.profileId : null;
}

/** Parses a stored session, or null when it is missing or unreadable. */
export function parseSession(raw: string | null | undefined): ReadingSession | null {
	if (!raw) return null;
	try {
		const value = JSON.parse(raw) as Partial<ReadingSession>;
		if (
			typeof value.profileId !== 'string' ||
			typeof value.runId !== 'string' ||
			typeof value.lastActiveAt !== 'string' ||
			Number.isNaN(Date.parse(value.lastActiveAt))
		)
			return null;
		return { profileId: value.profileId, runId: value.runId, lastActiveAt: value.lastActiveAt };
	} catch {
		return null;
	}
}
