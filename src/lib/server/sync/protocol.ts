/**
 * What a school server and the national server say to each other (docs/national-deployment.md §3):
 * the shapes both sides parse, the cursor, the credential. One module so the two sides cannot drift.
 *
 *   GET  /api/sync/versions?since=<cursor>&limit=<n>   approved versions published since the cursor
 *   GET  /api/sync/versions/<hash>/files/document       the signed version document (canonical JSON)
 *   GET  /api/sync/versions/<hash>/files/<sha256>       an asset of that version (Range supported)
 *   GET  /api/sync/withdrawals                          the signed withdrawal list
 *   POST /api/sync/results                              one batch of aggregated results
 *
 * Every request carries `authorization: Bearer <school id>.<secret>`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { HEX_SHA256 } from '../../domain/signing/hash';

/** The credential header's value, as issued by the national admin: `<school id>.<secret>`. */
export interface SchoolCredential {
	schoolId: string;
	secret: string;
}

const SCHOOL_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const SECRET = /^[A-Za-z0-9_-]{32,128}$/;

/** A new credential for a school (the national admin hands the text form to the school). */
export function newCredential(schoolId: string): SchoolCredential {
	if (!SCHOOL_ID.test(schoolId)) {
		throw new Error(
			`"${schoolId}" is not a usable school id: 3–64 lowercase letters, digits or dashes, starting with a letter or digit`
		);
	}
	return { schoolId, secret: randomBytes(32).toString('base64url') };
}

export function credentialText(credential: SchoolCredential): string {
	return `${credential.schoolId}.${credential.secret}`;
}

/** Parses `<school id>.<secret>`; null when it is not one. */
export function parseCredential(text: string | null | undefined): SchoolCredential | null {
	const match = /^([a-z0-9][a-z0-9-]{2,63})\.([A-Za-z0-9_-]{32,128})$/.exec((text ?? '').trim());
	return match ? { schoolId: match[1]!, secret: match[2]! } : null;
}

/** What the national server keeps of a secret: its SHA-256 (the secret is 256 random bits). */
export function secretHash(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}

/** Whether `secret` is the one whose hash is stored, in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
	if (!SECRET.test(secret) || !HEX_SHA256.test(storedHash)) return false;
	return timingSafeEqual(Buffer.from(secretHash(secret), 'hex'), Buffer.from(storedHash, 'hex'));
}

/**
 * Where a school is in the national list of published versions: the time and id of the last
 * publish entry of the audit log it received. Opaque to the school.
 */
export interface VersionCursor {
	at: string;
	id: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function cursorText(cursor: VersionCursor): string {
	return Buffer.from(`${cursor.at}|${cursor.id}`).toString('base64url');
}

/** The cursor in `text`, null for none (from the start), or 'invalid'. */
export function parseCursor(text: string | null): VersionCursor | null | 'invalid' {
	if (text === null || text === '') return null;
	if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return 'invalid';
	const [at, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
	if (!at || !id || rest.length || !ISO.test(at) || !/^[A-Za-z0-9-]{1,64}$/.test(id)) return 'invalid';
	return { at, id };
}

/** One approved version in the list a school pulls. */
export const syncedVersionSchema = z.object({
	versionHash: z.string().regex(HEX_SHA256),
	comicId: z.string().min(1),
	/** The approval, as signed (its shape is checked by verifySignedVersion). */
	approval: z.record(z.string(), z.unknown()),
	publishedAt: z.string()
});
export type SyncedVersion = z.infer<typeof syncedVersionSchema>;

export const versionListSchema = z.object({
	versions: z.array(syncedVersionSchema),
	/** The cursor to send next time (unchanged when nothing is new). */
	cursor: z.string().nullable(),
	/** More versions wait after this page. */
	more: z.boolean()
});
export type VersionList = z.infer<typeof versionListSchema>;

/** Largest page of the version list. */
export const MAX_VERSION_PAGE = 200;

const label = (max: number) =>
	z
		.string()
		.min(1)
		.max(max)
		.refine((text) => ![...text].some((c) => c.charCodeAt(0) < 0x20), 'no control characters');

/**
 * One row of a result batch: counts for one class, comic, curriculum objective and week. The
 * class is an opaque reference made by the school server (aggregate.ts); no student appears at all.
 */
export const aggregateRowSchema = z.strictObject({
	classRef: label(64),
	grade: label(16),
	schoolYear: label(16),
	comic: label(128),
	objective: label(64),
	/** The Monday of the week (UTC), as the classroom reports count weeks (`weekOf`). */
	week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'the Monday of a week, such as 2026-11-30'),
	/** Answers given to questions on this objective. */
	attempts: z.number().int().positive().max(1_000_000),
	/** Their credit summed (a partly right answer counts a part). */
	correct: z.number().min(0).max(1_000_000)
});
export type AggregateRow = z.infer<typeof aggregateRowSchema>;

/** A batch as a school sends it. Its id is made from the results it counts, so a re-send is the same batch. */
export const resultBatchSchema = z
	.strictObject({
		batchId: z.string().regex(HEX_SHA256, 'a SHA-256 in hex'),
		rows: z.array(aggregateRowSchema).min(1).max(10_000)
	})
	.refine((b) => b.rows.every((r) => r.correct <= r.attempts), {
		message: 'a row counts more correct answers than attempts',
		path: ['rows']
	});
export type ResultBatch = z.infer<typeof resultBatchSchema>;

/** What the national server answers to a batch. `duplicate`: it already had it (counted once). */
export interface BatchAck {
	batchId: string;
	accepted: true;
	duplicate: boolean;
}

/** A refusal the national server sends: the HTTP status carries the kind, `reason` names the problem. */
export interface SyncRefusal {
	error: string;
	reason: string;
}

/** The first problem zod found, as one readable line: `rows.0.week: the Monday of a week, such as 2026-11-30`. */
export function firstIssue(error: z.ZodError): string {
	const issue = error.issues[0];
	if (!issue) return 'invalid';
	const where = issue.path.map(String).join('.');
	return where ? `${where}: ${issue.message}` : issue.message;
}
