import { describe, expect, it } from 'vitest';
import { activeReader, parseSession, SESSION_IDLE_MS, type ReadingSession } from './session';

const at = (iso: string) => new Date(iso);
const session: ReadingSession = {
	profileId: 'awa',
	runId: 'run-1',
	lastActiveAt: '2026-11-12T10:00:00.000Z'
};

describe('activeReader', () => {
	it.each([
		['same run, 5 minutes later', 'run-1', '2026-11-12T10:05:00Z', 'awa'],
		['same run, 19 min 59 s later', 'run-1', '2026-11-12T10:19:59Z', 'awa'],
		['same run, 20 minutes later (idle: next student)', 'run-1', '2026-11-12T10:20:00Z', null],
		['the app was restarted (new run)', 'run-2', '2026-11-12T10:01:00Z', null],
		['the clock went back', 'run-1', '2026-11-12T09:00:00Z', null]
	])('%s', (_, runId, now, expected) => {
		expect(activeReader(session, runId, at(now))).toBe(expected);
	});

	it('asks when there is no session', () => {
		expect(activeReader(null, 'run-1', at('2026-11-12T10:00:00Z'))).toBeNull();
	});

	it('uses 20 minutes by default', () => {
		expect(SESSION_IDLE_MS).toBe(20 * 60_000);
	});
});

describe('parseSession', () => {
	it('reads a stored session back', () => {
		expect(parseSession(JSON.stringify(session))).toEqual(session);
	});
	it.each([null, '', '{', '{"profileId":"a"}', '{"profileId":"a","runId":"r","lastActiveAt":"soon"}'])(
		'ignores %j',
		(raw) => expect(parseSession(raw)).toBeNull()
	);
});
