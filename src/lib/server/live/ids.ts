import { createHash } from 'node:crypto';

/**
 * The id of a student's result of a live session: the same every time it is computed, so ending a
 * session twice (or on two instances) stores the result once.
 */
export function liveResultId(sessionId: string, studentId: string): string {
	const h = createHash('sha256').update(`live:${sessionId}:${studentId}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
