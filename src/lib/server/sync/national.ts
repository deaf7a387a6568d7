/**
 * The national server's side of school sync (docs/national-deployment.md §3): who a school is (its
 * credential), the approved versions published since a school's cursor, the files of a published
 * version, and result batches received once each. Decides; the repository stores; routes parse.
 */
import type { VersionDocument } from '../../domain/signing/version';
import type { SignedWithdrawalList } from '../../domain/signing/withdrawal';
import {
	credentialText,
	cursorText,
	firstIssue,
	MAX_VERSION_PAGE,
	newCredential,
	parseCredential,
	parseCursor,
	resultBatchSchema,
	secretHash,
	secretMatches,
	type BatchAck,
	type VersionList
} from './protocol';
import type { SyncRepository } from './repository';

/** A refusal with its HTTP status and a reason that names the problem. */
export class SyncError extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 413,
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'SyncError';
	}
}

export interface NationalDeps {
	repo: SyncRepository;
	/** The stored document of a version (null when not stored). */
	loadDocument(versionHash: string): Promise<VersionDocument | null>;
	/** The state of a version, when it exists. */
	versionState(versionHash: string): Promise<string | undefined>;
	/** Where a stored blob lives (content store). */
	blobFile(hash: string): string;
	withdrawals(): Promise<SignedWithdrawalList>;
	now?: () => Date;
}

/** An authenticated school. */
export interface SchoolPrincipal {
	schoolId: string;
}

export class NationalSync {
	readonly #now: () => Date;
	constructor(private readonly deps: NationalDeps) {
		this.#now = deps.now ?? (() => new Date());
	}

	/** Issues (or re-issues, revoking the old one) the credential of a school; returns its text form. */
	async issueCredential(schoolId: string, name: string): Promise<string> {
		const credential = newCredential(schoolId);
		await this.deps.repo.addSchool(
			credential.schoolId,
			name,
			secretHash(credential.secret),
			this.#now().toISOString()
		);
		return credentialText(credential);
	}

	/** The school whose credential is in the `authorization` header, or a 401/403 SyncError. */
	async authenticate(authorization: string | null): Promise<SchoolPrincipal> {
		const bearer = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
		if (!bearer)
			throw new SyncError(
				401,
				'no-credential',
				'send the school credential: authorization: Bearer <school id>.<secret>'
			);
		const credential = parseCredential(bearer);
		if (!credential)
			throw new SyncError(
				401,
				'malformed-credential',
				'the credential is not of the form <school id>.<secret>'
			);
		const school = await this.deps.repo.school(credential.schoolId);
		if (!school || !secretMatches(credential.secret, school.secretHash)) {
			throw new SyncError(
				401,
				'unknown-credential',
				'this school credential is not known to the national server'
			);
		}
		if (school.disabled) throw new SyncError(403, 'school-disabled', `school "${school.id}" is disabled`);
		await this.deps.repo.seen(school.id, this.#now().toISOString());
		return { schoolId: school.id };
	}

	/** Approved versions published after the cursor, in publication order. */
	async versionsSince(since: string | null, limitText: string | null): Promise<VersionList> {
		const cursor = parseCursor(since);
		if (cursor === 'invalid')
			throw new SyncError(400, 'bad-cursor', '"since" is not a cursor this server gave');
		let limit = 50;
		if (limitText !== null) {
			limit = Number(limitText);
			if (!Number.isInteger(limit) || limit < 1 || limit > MAX_VERSION_PAGE) {
				throw new SyncError(400, 'bad-limit', `"limit" must be a whole number from 1 to ${MAX_VERSION_PAGE}`);
			}
		}
		const rows = await this.deps.repo.publishedSince(cursor, limit + 1);
		const page = rows.slice(0, limit);
		const last = page.at(-1);
		return {
			versions: page.map((r) => ({
				versionHash: r.versionHash,
				comicId: r.comicId,
				approval: r.approval as unknown as Record<string, unknown>,
				publishedAt: r.cursor.at
			})),
			cursor: last ? cursorText(last.cursor) : since || null,
			more: rows.length > limit
		};
	}

	/**
	 * The file on disk of `file` of a published version: `document` (the signed version document) or
	 * the SHA-256 of one of its assets. Drafts and withdrawn versions are not served.
	 */
	async versionFile(versionHash: string, file: string): Promise<string> {
		if (!/^[0-9a-f]{64}$/.test(versionHash)) throw new SyncError(400, 'bad-version', 'not a version hash');
		if (file !== 'document' && !/^[0-9a-f]{64}$/.test(file)) {
			throw new SyncError(400, 'bad-file', 'a file is "document" or the SHA-256 of an asset of the version');
		}
		if ((await this.deps.versionState(versionHash)) !== 'published') {
			throw new SyncError(404, 'not-published', `version ${versionHash.slice(0, 12)} is not published`);
		}
		if (file === 'document') return this.deps.blobFile(versionHash);
		const document = await this.deps.loadDocument(versionHash);
		if (!document || !Object.values(document.assets).includes(file)) {
			throw new SyncError(404, 'not-in-version', `file ${file.slice(0, 12)} is not an asset of this version`);
		}
		return this.deps.blobFile(file);
	}

	withdrawals(): Promise<SignedWithdrawalList> {
		return this.deps.withdrawals();
	}

	/** Stores a batch once; a batch already received is acknowledged again and counted nothing. */
	async receiveResults(school: SchoolPrincipal, body: unknown): Promise<BatchAck> {
		const parsed = resultBatchSchema.safeParse(body);
		if (!parsed.success)
			throw new SyncError(400, 'bad-batch', `result batch refused: ${firstIssue(parsed.error)}`);
		const { batchId, rows } = parsed.data;
		const stored = await this.deps.repo.receiveBatch(
			school.schoolId,
			batchId,
			rows,
			this.#now().toISOString()
		);
		return { batchId, accepted: true, duplicate: !stored };
	}
}
