/**
 * The review service's read views: one version for its reviewer or author, the reviewer's queue, an
 * author's versions, and the published versions students see (only those whose signature verifies).
 * Reads only; the workflow (workflow.ts) changes things.
 */
import { LRUCache } from 'lru-cache';
import { anchorProblem } from '../../domain/review/anchors';
import { approvalReadiness, type ApprovalReadiness } from '../../domain/review/approval';
import { languageTextCounts, type TextCounts } from '../../domain/studio/text-counts';
import { diffVersions, type Change } from '../../domain/review/diff';
import { availableActions, type ReviewAction } from '../../domain/review/lifecycle';
import { languageMatrix, type LanguageMatrix } from '../../domain/review/matrix';
import { rubricCriteria, type RubricCriterion } from '../../domain/review/rubric';
import type { TrustedKey } from '../../domain/signing/signature';
import { verifySignedVersion } from '../../domain/signing/verify';
import type { VersionDocument } from '../../domain/signing/version';
import { actorOf, ReviewCore, type ReviewUser } from './core';
import type { Manifest } from '../../domain/manifest/schema';
import type {
	AuditAction,
	AuditRecord,
	CommentRecord,
	RubricRecord,
	VersionRecord,
	VersionSummary
} from './repositories';

/** Everything a reviewer (or the version's author) sees about one version. */
export interface VersionDetail {
	version: VersionRecord;
	document: VersionDocument;
	matrix: LanguageMatrix;
	readiness: ApprovalReadiness;
	rubricCriteria: RubricCriterion[];
	rubric: RubricRecord[];
	/**
	 * The comments on this version and on the comic's earlier versions (they carry over, open or
	 * resolved), oldest first; `outdated` when the bubble, panel or clip they point at is gone.
	 */
	comments: Array<CommentRecord & { outdated: boolean }>;
	audit: AuditRecord[];
	/** Display names of everyone mentioned above. */
	names: Record<string, string>;
	/** The version this one is compared with (the last one reviewed), and what changed since. */
	since: { versionHash: string; state: VersionRecord['state']; changes: Change[] } | null;
	actions: ReviewAction[];
	/** Its author may delete it: a draft never submitted for review. */
	deletable: boolean;
}

/** A published version whose signature verified: what students may see. */
export interface PublishedVersion {
	version: VersionRecord & { approval: NonNullable<VersionRecord['approval']> };
	document: VersionDocument;
}

/** Verified published documents kept in memory: the comics being read right now, not the catalog. */
const VERIFIED_MAX = 200;

const DECISIONS: readonly AuditAction[] = ['request_changes', 'approve', 'reject'];

/** The reviewer queue's groups, in the order the page shows them. */
export const QUEUE_GROUPS = ['in_review', 'approved', 'published'] as const;
export type QueueGroup = (typeof QUEUE_GROUPS)[number];
export const QUEUE_PAGE_SIZE = 25;
/** The author's list: a page like the reviewer's queue. */
export const AUTHOR_PAGE_SIZE = QUEUE_PAGE_SIZE;

/** A version whose document is missing from the store lists with no title (the page shows its slug). */
const NO_SUMMARY: VersionSummary = { title: {}, languages: [] };

/** What lists show of a version: the one rule, used when a version is stored and when backfilling. */
export function summaryOf(manifest: Pick<Manifest, 'title' | 'languages'>): VersionSummary {
	return { title: manifest.title, languages: manifest.languages.map((l) => l.tag) };
}

/** One page of an author's versions. */
export interface AuthorVersions {
	items: Array<VersionRecord & { comments: number; title: Record<string, string> }>;
	total: number;
	page: number;
	pages: number;
}

/** A version as the queue lists it. */
export interface QueueItem extends VersionRecord {
	title: Record<string, string>;
	languages: string[];
	/** When it was submitted (for versions from before submissions were dated: when it was added). */
	waitingSince: string;
}

export interface ReviewQueue {
	/** Every listed version, group after group (the current page of each). */
	versions: QueueItem[];
	groups: Record<QueueGroup, { items: QueueItem[]; total: number; page: number; pages: number }>;
	names: Record<string, string>;
}

/**
 * Versions a translator may start from (issue 17): submitted, approved or published, never someone's
 * private draft. The translator's list shows these and `startTranslation` accepts these.
 */
export const TRANSLATABLE_STATES: readonly VersionRecord['state'][] = ['published', 'approved', 'in_review'];
export const TRANSLATABLE_PAGE_SIZE = 20;

/** A version as the translator's list shows it, with how far its texts are in each language asked. */
export interface TranslatableItem {
	versionHash: string;
	comicId: string;
	state: VersionRecord['state'];
	title: Record<string, string>;
	referenceLanguage: string;
	/** By language tag: the bubbles whose text is missing, a draft, or reviewed (text-status.ts). */
	counts: Record<string, TextCounts>;
}

export class ReviewViews extends ReviewCore {
	/** Verified published documents by `hash|signature`: both are immutable, so a check holds forever. */
	readonly #verified = new LRUCache<string, VersionDocument>({ max: VERIFIED_MAX });

	/**
	 * A draft never submitted: what an author may delete (the one rule). `submittedAt` is set by every
	 * submission and was filled from the audit log for versions stored before it existed (migration 007).
	 */
	static neverSubmitted(version: VersionRecord): boolean {
		return version.state === 'draft' && !version.submittedAt;
	}

	get trustedKeys(): readonly TrustedKey[] {
		return this.trusted;
	}

	/**
	 * Stops trusting keys declared compromised while the server runs (a school learns it from the
	 * national withdrawal list): their approvals no longer verify, for installing, publishing and
	 * serving alike, and documents verified with them are forgotten. Returns how many trusted keys
	 * were removed.
	 */
	distrustKeys(keyIds: readonly string[]): number {
		const gone = new Set(keyIds);
		const kept = this.trusted.filter((k) => !gone.has(k.id));
		const removed = this.trusted.length - kept.length;
		if (removed) {
			this.trusted = kept;
			this.#verified.clear();
		}
		return removed;
	}

	/** One version with everything needed to review it or to read its comments. */
	async detail(user: ReviewUser, versionHash: string): Promise<VersionDetail> {
		const version = await this.getVersion(versionHash);
		this.may('view', version, user);
		const document = await this.documentOf(version);
		const rubric = await this.repos.rubric.list(versionHash);
		const comments = await this.#carriedComments(version, document);
		const audit = await this.repos.audit.list({ versionHash });
		const since = await this.#since(version, document, user);
		const ids = new Set<string>([
			version.authorId,
			...comments.map((c) => c.authorId),
			...rubric.map((r) => r.reviewerId)
		]);
		for (const a of audit) if (a.actorId) ids.add(a.actorId);
		if (version.approvedBy) ids.add(version.approvedBy);
		return {
			version,
			document,
			matrix: languageMatrix(document.manifest),
			readiness: approvalReadiness(document.manifest, rubric),
			rubricCriteria: rubricCriteria(document.manifest.languages.map((l) => l.tag)),
			rubric,
			comments,
			audit,
			names: Object.fromEntries(await this.repos.userNames([...ids])),
			since,
			actions: availableActions(version, actorOf(user)),
			deletable: version.authorId === user.id && ReviewViews.neverSubmitted(version)
		};
	}

	/**
	 * The reviewer's queue, a page per group: versions waiting for a decision (the longest waiting
	 * first), approved ones waiting to be published, and published ones (newest first). Drafts are
	 * never listed: reviewers see submitted versions only. `pages` are 1-based page numbers per group.
	 */
	async queue(pages: Partial<Record<QueueGroup, number>> = {}): Promise<ReviewQueue> {
		const groups = {} as ReviewQueue['groups'];
		for (const group of QUEUE_GROUPS) {
			const wanted = Math.max(1, Math.floor(Number(pages[group]) || 1));
			const { rows, total } = await this.repos.versions.pageByStates([group], {
				limit: QUEUE_PAGE_SIZE,
				offset: (wanted - 1) * QUEUE_PAGE_SIZE,
				order: group === 'in_review' ? 'waiting' : 'newest'
			});
			const summaries = await this.summariesOf(rows);
			const items: QueueItem[] = rows.map((v) => ({
				...v,
				...(summaries.get(v.versionHash) ?? NO_SUMMARY),
				waitingSince: v.submittedAt ?? v.createdAt
			}));
			groups[group] = {
				items,
				total,
				page: wanted,
				pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE))
			};
		}
		const versions = QUEUE_GROUPS.flatMap((g) => groups[g].items);
		const names = await this.repos.userNames([...new Set(versions.map((v) => v.authorId))]);
		return { versions, groups, names: Object.fromEntries(names) };
	}

	/**
	 * A page of an author's own versions, newest first, with the number of reviewer comments on each:
	 * three queries whatever the number of versions (the page, its count, the comments counted at once)
	 * and titles from `version_summaries`, not from each version's document.
	 */
	async authorVersions(user: ReviewUser, page = 1): Promise<AuthorVersions> {
		let wanted = Math.max(1, Math.floor(Number(page) || 1));
		const pageOf = (n: number) =>
			this.repos.versions.pageByAuthor(user.id, {
				limit: AUTHOR_PAGE_SIZE,
				offset: (n - 1) * AUTHOR_PAGE_SIZE
			});
		let { rows, total } = await pageOf(wanted);
		// A page past the end (versions deleted since the link was made) shows the last one.
		const last = Math.max(1, Math.ceil(total / AUTHOR_PAGE_SIZE));
		if (wanted > last) ({ rows, total } = await pageOf((wanted = last)));
		const hashes = rows.map((v) => v.versionHash);
		const [summaries, comments] = [
			await this.summariesOf(rows),
			await this.repos.comments.countByVersions(hashes)
		];
		return {
			items: rows.map((v) => ({
				...v,
				comments: comments.get(v.versionHash) ?? 0,
				title: (summaries.get(v.versionHash) ?? NO_SUMMARY).title
			})),
			total,
			page: wanted,
			pages: last
		};
	}

	/**
	 * The titles and languages of listed versions, from `version_summaries` (one query). A version
	 * stored before that table existed gets its row here, from its document, once.
	 */
	protected async summariesOf(versions: readonly VersionRecord[]): Promise<Map<string, VersionSummary>> {
		const found = await this.repos.summaries.get(versions.map((v) => v.versionHash));
		for (const v of versions) {
			if (found.has(v.versionHash)) continue;
			const manifest = (await this.store.load(v.versionHash))?.manifest;
			if (!manifest) continue;
			const summary = summaryOf(manifest);
			await this.repos.summaries.put(v.versionHash, summary);
			found.set(v.versionHash, summary);
		}
		return found;
	}

	/**
	 * Submitted, approved and published versions, newest first, `page` (1-based) of them, with the
	 * text counts of each of `languages` (not only the comic's own: a translator may start a new one).
	 */
	async translatable(
		languages: readonly string[],
		page = 1
	): Promise<{ items: TranslatableItem[]; total: number; page: number; pages: number }> {
		const wanted = Math.max(1, Math.floor(Number(page) || 1));
		const { rows, total } = await this.repos.versions.pageByStates(TRANSLATABLE_STATES, {
			limit: TRANSLATABLE_PAGE_SIZE,
			offset: (wanted - 1) * TRANSLATABLE_PAGE_SIZE,
			order: 'newest'
		});
		const items: TranslatableItem[] = [];
		for (const v of rows) {
			const manifest = (await this.store.load(v.versionHash))?.manifest;
			if (!manifest) continue;
			items.push({
				versionHash: v.versionHash,
				comicId: v.comicId,
				state: v.state,
				title: manifest.title,
				referenceLanguage: manifest.referenceLanguage,
				counts: Object.fromEntries(
					languages
						.filter((l) => l !== manifest.referenceLanguage)
						.map((l) => [l, languageTextCounts(manifest, l)])
				)
			});
		}
		return { items, total, page: wanted, pages: Math.max(1, Math.ceil(total / TRANSLATABLE_PAGE_SIZE)) };
	}

	/** Published versions whose approval verifies with a trusted key: the only ones students see. */
	async published(): Promise<PublishedVersion[]> {
		const out: PublishedVersion[] = [];
		for (const version of await this.repos.versions.listByStates(['published'])) {
			const document = await this.publishedDocument(version);
			if (document) out.push({ version: version as PublishedVersion['version'], document });
		}
		return out.sort((a, b) => (a.version.comicId < b.version.comicId ? -1 : 1));
	}

	/** This version if it is published and its signature verifies (one row by its key), or null. */
	async publishedVersion(versionHash: string): Promise<PublishedVersion | null> {
		const version = await this.repos.versions.get(versionHash);
		if (version?.state !== 'published') return null;
		const document = await this.publishedDocument(version);
		return document && { version: version as PublishedVersion['version'], document };
	}

	/** The comic's published, verified version, or null. */
	async publishedComic(comicId: string): Promise<PublishedVersion | null> {
		for (const version of await this.repos.versions.listByComic(comicId)) {
			if (version.state !== 'published') continue;
			const document = await this.publishedDocument(version);
			if (document) return { version: version as PublishedVersion['version'], document };
		}
		return null;
	}

	/** An asset file of any version, for staff: authors their own versions, reviewers and admins all. */
	async versionAsset(user: ReviewUser, versionHash: string, assetPath: string): Promise<string | null> {
		const version = await this.getVersion(versionHash);
		this.may('view', version, user);
		return this.store.assetFile(await this.documentOf(version), assetPath);
	}

	/** Path of an asset file of a version in the content store. */
	assetFile(document: VersionDocument, assetPath: string): string | null {
		return this.store.assetFile(document, assetPath);
	}

	/** The document of a published version if its signature verifies; logs and returns null otherwise. */
	async publishedDocument(version: VersionRecord): Promise<VersionDocument | null> {
		if (!version.approval) return null;
		const key = `${version.versionHash}|${version.approval.signature}`;
		const cached = this.#verified.get(key);
		if (cached) return cached;
		const document = await this.store.load(version.versionHash);
		if (!document) {
			console.error(
				`[review] published version of "${version.comicId}" left out: missing or altered in the content store`
			);
			return null;
		}
		const verdict = verifySignedVersion({ document, approval: version.approval }, this.trusted);
		if (!verdict.ok) {
			console.error(`[review] published version of "${version.comicId}" left out: ${verdict.message}`);
			return null;
		}
		// Bounded (least recently used out first): with thousands of comics, indexing the library
		// verifies every published version once, and keeping every document would grow the server's
		// memory with them; the comics being read (pack file requests) stay verified.
		this.#verified.set(key, verdict.document);
		return verdict.document;
	}

	/** Every version of a comic, newest first. */
	versionsOf(comicId: string): Promise<VersionRecord[]> {
		return this.repos.versions.listByComic(comicId);
	}

	/** Comments of this version and of the comic's versions created before it. */
	async #carriedComments(
		version: VersionRecord,
		document: VersionDocument
	): Promise<VersionDetail['comments']> {
		const versions = await this.repos.versions.listByComic(version.comicId);
		const earlier = new Set(
			versions.filter((v) => v.createdAt <= version.createdAt).map((v) => v.versionHash)
		);
		earlier.add(version.versionHash);
		const all = await this.repos.comments.listByComic(version.comicId);
		return all
			.filter((c) => earlier.has(c.versionHash))
			.map((c) => ({ ...c, outdated: anchorProblem(document.manifest, c.anchor) !== null }));
	}

	async #since(
		version: VersionRecord,
		document: VersionDocument,
		user: ReviewUser
	): Promise<VersionDetail['since']> {
		// The version last decided on (by this reviewer if they decided one, else by anyone), older than this one.
		const audit = await this.repos.audit.list({ comicId: version.comicId });
		const decided = audit.filter(
			(a) => DECISIONS.includes(a.action) && a.versionHash !== version.versionHash
		);
		const mine = decided.filter((a) => a.actorId === user.id);
		const pick = (mine.length ? mine : decided).at(-1);
		if (!pick) return null;
		const other = await this.repos.versions.get(pick.versionHash);
		const otherDoc = other && (await this.store.load(other.versionHash));
		if (!other || !otherDoc || other.createdAt > version.createdAt) return null;
		return {
			versionHash: other.versionHash,
			state: other.state,
			changes: diffVersions(otherDoc, document)
		};
	}
}
