/**
 * The review workflow (issue 6): importing versions, the lifecycle transitions, comments, the rubric,
 * signing on approval and publishing. Decides; the repositories store and the routes parse. Every
 * change goes to the audit log. The read views it inherits are in views.ts.
 */
import { anchorProblem, type CommentAnchor } from '../../domain/review/anchors';
import { assertApprovable } from '../../domain/review/approval';
import {
	availableActions,
	transition,
	TransitionError,
	type ReviewAction
} from '../../domain/review/lifecycle';
import { isRubricCriterion, isRubricRating, type RubricRating } from '../../domain/review/rubric';
import { formatIssue } from '../../domain/manifest/issues';
import { ownTextsMarkedReviewed, translatorEditProblem } from '../../domain/studio/translator-edit';
import type { Manifest } from '../../domain/manifest/schema';
import { validateComic } from '../content/validate-version';
import { verifySignedVersion } from '../../domain/signing/verify';
import type { VersionDocument } from '../../domain/signing/version';
import type { Approval } from '../../domain/signing/signature';
import type { PreparedVersion } from '../store/versions';
import { actorOf, ReviewError, type ReviewUser } from './core';
import type {
	AuditAction,
	AuditRecord,
	CommentRecord,
	ReviewRepositories,
	RubricRecord,
	VersionRecord,
	VersionSource
} from './repositories';
import { ReviewViews, summaryOf, TRANSLATABLE_STATES } from './views';

const MAX_COMMENT = 2000;

/** A new draft version's record: nobody has submitted, approved or signed it yet. */
function draftRecord(fields: {
	versionHash: string;
	comicId: string;
	authorId: string;
	source: VersionRecord['source'];
	parentHash: string | null;
	demo: boolean;
	at: string;
}): VersionRecord {
	const { at, ...rest } = fields;
	return {
		...rest,
		state: 'draft',
		approval: null,
		approvedBy: null,
		approvedAt: null,
		submittedAt: null,
		createdAt: at,
		updatedAt: at
	};
}

/** The review service: the workflow below plus the read views of ReviewViews. */
export class ReviewService extends ReviewViews {
	#lastAuditMs = 0;

	/**
	 * Stores a validated version as a draft of `user`. Importing the same bytes again by the same
	 * author returns the existing version (idempotent: demo seeding runs at every start).
	 */
	async importVersion(
		user: ReviewUser,
		prepared: PreparedVersion,
		options: { source: VersionSource; demo?: boolean }
	): Promise<{ version: VersionRecord; created: boolean }> {
		this.may('import', null, user);
		const comicId = prepared.document.comicId;
		const existing = await this.repos.versions.get(prepared.versionHash);
		if (existing) {
			if (existing.authorId === user.id) return { version: existing, created: false };
			throw new ReviewError(
				409,
				'duplicate-version',
				`this exact version of "${comicId}" was already added by another author`,
				{
					comicId
				}
			);
		}
		const previous = await this.repos.versions.listByComic(comicId);
		// A comic belongs to its author: the versions translators made of it do not make it theirs.
		if (previous.some((v) => v.authorId !== user.id && v.source !== 'translation')) {
			throw new ReviewError(403, 'comic-owned', `comic "${comicId}" belongs to another author`, { comicId });
		}
		await this.store.save(prepared);
		const at = this.now().toISOString();
		const version = draftRecord({
			versionHash: prepared.versionHash,
			comicId,
			authorId: user.id,
			source: options.source,
			parentHash: previous[0]?.versionHash ?? null,
			demo: options.demo ?? false,
			at
		});
		await this.repos.transaction(async (repos) => {
			await repos.versions.insert(version);
			await repos.summaries.put(version.versionHash, summaryOf(prepared.document.manifest));
			await this.#audit(repos, user.id, 'import', version, null, 'draft', { source: options.source });
		});
		return { version, created: true };
	}

	/**
	 * A new draft from an existing version with some texts changed (the author's in-app fix).
	 * Assets are shared; narration recorded from an edited text becomes stale, as it should.
	 */
	async editTexts(
		user: ReviewUser,
		versionHash: string,
		edits: ReadonlyArray<{ target: string; language: string; text: string }>
	): Promise<VersionRecord> {
		const version = await this.getVersion(versionHash);
		this.may('edit', version, user);
		const document = await this.documentOf(version);
		const manifest: Manifest = structuredClone(document.manifest);
		const declared = new Set(manifest.languages.map((l) => l.tag));
		for (const edit of edits) {
			const text = edit.text.normalize('NFC').trim();
			if (!declared.has(edit.language)) {
				throw new ReviewError(400, 'unknown-language', `this comic has no language "${edit.language}"`, {
					language: edit.language
				});
			}
			const record = findTextRecord(manifest, edit.target);
			if (!record)
				throw new ReviewError(400, 'unknown-target', `this comic has no bubble or panel "${edit.target}"`, {
					target: edit.target
				});
			if (text) record[edit.language] = text;
			else delete record[edit.language];
		}
		await this.#mayRevise(user, version, document.manifest, manifest);
		// The same validation as comics:check and uploads: a text that overflows its bubble, a
		// language declared complete left with a gap… is refused here like anywhere else.
		const checked = await this.#validated(document, manifest, 400);
		const prepared = await this.store.derive(document, checked);
		return this.#storeRevision(user, version, prepared);
	}

	/**
	 * A new draft from an existing version whose manifest `revise` changed (the studio's texts,
	 * statuses and bubble geometry, issue 16): the same path as `editTexts`, through the one
	 * validation. `revise` gets a copy; a refused revision stores nothing.
	 */
	async reviseManifest(
		user: ReviewUser,
		versionHash: string,
		revise: (manifest: Manifest) => Manifest
	): Promise<VersionRecord> {
		const version = await this.getVersion(versionHash);
		this.may('edit', version, user);
		const document = await this.documentOf(version);
		const revised = revise(structuredClone(document.manifest));
		await this.#mayRevise(user, version, document.manifest, revised);
		const checked = await this.#validated(document, revised, 400);
		const prepared = await this.store.derive(document, checked);
		return this.#storeRevision(user, version, prepared);
	}

	/**
	 * A new draft from an existing version with a whole new manifest and some new files (the
	 * narration recorder's kept take, issue 16). Validated like every version, the new files over
	 * the version's own; the version it was made from is left as it was.
	 */
	async deriveVersion(
		user: ReviewUser,
		versionHash: string,
		manifest: unknown,
		added: ReadonlyMap<string, Uint8Array>
	): Promise<VersionRecord> {
		const version = await this.getVersion(versionHash);
		this.may('edit', version, user);
		const document = await this.documentOf(version);
		const checked = await this.#checked(document, manifest, 400, added);
		await this.#mayRevise(user, version, document.manifest, checked.manifest);
		// Only the files the new manifest uses: a clip recorded again leaves its old audio behind,
		// which would otherwise ride along in every pack of the comic.
		const prepared = await this.store.derive(document, checked.manifest, added, checked.files);
		return this.#storeRevision(user, version, prepared);
	}

	/**
	 * A translator starts translating a comic into `language` (issue 17): a new draft of their own,
	 * derived from a submitted or published version, with the language declared (as a draft) and
	 * the translator credited. Its texts are then written in the studio (`reviseManifest`), it is
	 * submitted and reviewed like any version. Asking again while that draft is open returns it.
	 */
	async startTranslation(user: ReviewUser, versionHash: string, language: string): Promise<VersionRecord> {
		const version = await this.getVersion(versionHash);
		this.may('translate', version, user);
		if (!TRANSLATABLE_STATES.includes(version.state)) {
			throw new ReviewError(
				409,
				'not-translatable',
				`only a submitted or published version can be translated: this one is ${version.state.replace('_', ' ')}`,
				{ state: version.state }
			);
		}
		const document = await this.documentOf(version);
		const manifest: Manifest = structuredClone(document.manifest);
		if (language === manifest.referenceLanguage) {
			throw new ReviewError(
				400,
				'reference-language',
				`"${language}" is this comic's reference language: choose the language to translate into`,
				{ language }
			);
		}
		const name = (await this.repos.userNames([user.id])).get(user.id) ?? user.id;
		const open = await this.#openTranslation(user, version, name, language);
		if (open) return open;
		if (!manifest.languages.some((l) => l.tag === language)) {
			manifest.languages.push({ tag: language, status: 'draft', source: 'translated in Kalanso' });
		}
		if (
			!manifest.credits.some((c) => c.role === 'translation' && c.name === name && c.language === language)
		) {
			manifest.credits.push({ role: 'translation', name, language });
		}
		// Unknown languages (not in languages.json) and the rest are refused by the one validation.
		const checked = await this.#validated(document, manifest, 400);
		const prepared = await this.store.derive(document, checked);
		return this.#storeTranslation(user, version, prepared, 'start_translation', { language });
	}

	/**
	 * The newest draft of `user`'s own still open (not submitted) that translates `from` into
	 * `language`: it descends from `from` through the user's own versions and credits them for it.
	 */
	async #openTranslation(
		user: ReviewUser,
		from: VersionRecord,
		name: string,
		language: string
	): Promise<VersionRecord | null> {
		const versions = await this.repos.versions.listByComic(from.comicId);
		const byHash = new Map(versions.map((v) => [v.versionHash, v]));
		for (const v of versions) {
			if (v.authorId !== user.id || v.source !== 'translation') continue;
			if (v.state !== 'draft' && v.state !== 'changes_requested') continue;
			let at: VersionRecord | undefined = v;
			while (at && at.authorId === user.id && at.versionHash !== from.versionHash)
				at = at.parentHash ? byHash.get(at.parentHash) : undefined;
			if (at?.versionHash !== from.versionHash) continue;
			const { credits } = (await this.documentOf(v)).manifest;
			if (credits.some((c) => c.role === 'translation' && c.name === name && c.language === language))
				return v;
		}
		return null;
	}

	/**
	 * Stores a revision of `from` made by `user`: an author's goes through `importVersion` as ever;
	 * a translator's stays a translation, derived from the version it revises.
	 */
	async #storeRevision(
		user: ReviewUser,
		from: VersionRecord,
		prepared: PreparedVersion
	): Promise<VersionRecord> {
		if (from.source !== 'translation')
			return (await this.importVersion(user, prepared, { source: 'edit' })).version;
		return this.#storeTranslation(user, from, prepared, 'import', { source: 'translation' });
	}

	/** Stores `prepared` as a translation draft of `user` derived from `from`, with its audit entry. */
	async #storeTranslation(
		user: ReviewUser,
		from: VersionRecord,
		prepared: PreparedVersion,
		action: AuditAction,
		detail: Record<string, string>
	): Promise<VersionRecord> {
		const existing = await this.repos.versions.get(prepared.versionHash);
		if (existing) {
			if (
				existing.authorId === user.id &&
				(existing.state === 'draft' || existing.state === 'changes_requested')
			)
				return existing;
			throw new ReviewError(
				409,
				'duplicate-version',
				`this exact version of "${from.comicId}" already exists: change a text first`,
				{ comicId: from.comicId }
			);
		}
		await this.store.save(prepared);
		const at = this.now().toISOString();
		const version = draftRecord({
			versionHash: prepared.versionHash,
			comicId: from.comicId,
			authorId: user.id,
			source: 'translation',
			parentHash: from.versionHash,
			demo: false,
			at
		});
		await this.repos.transaction(async (repos) => {
			await repos.versions.insert(version);
			await repos.summaries.put(version.versionHash, summaryOf(prepared.document.manifest));
			await this.#audit(repos, user.id, action, version, null, 'draft', {
				...detail,
				from: from.versionHash
			});
		});
		return version;
	}

	/**
	 * Refuses (400) what a translator may not change: the reference text, geometry and the rest
	 * (translator-edit.ts), and marking reviewed a text they wrote themselves. Authors keep full
	 * rights on their own versions.
	 */
	async #mayRevise(
		user: ReviewUser,
		version: VersionRecord,
		before: Manifest,
		after: Manifest
	): Promise<void> {
		if (user.role !== 'translator') return;
		const problem = translatorEditProblem(before, after);
		if (problem) {
			const message =
				problem.code === 'translator-reference'
					? `a translator cannot change the ${problem.params.language} reference text (${problem.params.target}): only its author can`
					: "a translator changes texts of languages other than the reference only: bubble geometry, reading order, languages and narration are the author's";
			throw new ReviewError(403, problem.code, message, problem.params);
		}
		const own = ownTextsMarkedReviewed(await this.#translationBase(user, version), after);
		if (own.length) {
			const [first] = own;
			throw new ReviewError(
				403,
				'own-text-reviewed',
				`you wrote the ${first!.language} text of ${first!.target}: another translator or a reviewer must mark it reviewed (mark it draft)`,
				{ target: first!.target, language: first!.language, count: String(own.length) }
			);
		}
	}

	/** The manifest of the last version before `version` that someone other than `user` made, if any. */
	async #translationBase(user: ReviewUser, version: VersionRecord): Promise<Manifest | null> {
		let at: VersionRecord | undefined = version;
		while (at && at.authorId === user.id)
			at = at.parentHash ? await this.repos.versions.get(at.parentHash) : undefined;
		return at ? (await this.documentOf(at)).manifest : null;
	}

	/** Applies a lifecycle action. Approving signs; publishing withdraws the comic's older published version. */
	async act(
		user: ReviewUser,
		versionHash: string,
		action: ReviewAction,
		reason?: string
	): Promise<VersionRecord> {
		const version = await this.getVersion(versionHash);
		let next;
		try {
			next = transition(version, action, actorOf(user));
		} catch (error) {
			if (error instanceof TransitionError) throw ReviewError.from(error);
			throw error;
		}
		const at = this.now().toISOString();
		const patch: Parameters<ReviewRepositories['versions']['updateState']>[2] = {
			state: next,
			updatedAt: at
		};
		if (next === 'in_review') patch.submittedAt = at;
		// A version stored before a rule existed, or by any path that skipped it, stops here: nothing
		// comics:check refuses goes to a reviewer or gets signed.
		if (action === 'submit' || action === 'approve') {
			const document = await this.documentOf(version);
			await this.#validated(document, document.manifest, 409);
		}
		if (action === 'approve') {
			const document = await this.documentOf(version);
			const rubric = await this.repos.rubric.list(versionHash);
			try {
				assertApprovable(document.manifest, rubric);
			} catch (error) {
				if (error instanceof TransitionError) throw ReviewError.from(error);
				throw error;
			}
			patch.approval = this.signer.sign({ comicId: version.comicId, versionHash });
			patch.approvedBy = user.id;
			patch.approvedAt = at;
		}
		if (action === 'publish') {
			const document = await this.documentOf(version);
			const verdict = verifySignedVersion({ document, approval: version.approval }, this.trusted);
			if (!verdict.ok) {
				throw new ReviewError(409, 'signature-invalid', `cannot publish: ${verdict.message}`, {
					problem: verdict.problem
				});
			}
		}
		const detail: Record<string, string> = reason ? { reason } : {};
		if (patch.approval) detail.keyId = patch.approval.keyId;
		// The decision, its audit entry and the withdrawals it causes: one transaction.
		await this.repos.transaction(async (repos) => {
			if (!(await repos.versions.updateState(versionHash, version.state, patch))) {
				throw new ReviewError(
					409,
					'changed-meanwhile',
					'someone else changed this version meanwhile: reload and try again'
				);
			}
			await this.#audit(repos, user.id, action, version, version.state, next, detail);
			if (action === 'publish') await this.#supersedeOthers(repos, version.comicId, versionHash, at);
		});
		return { ...version, ...patch };
	}

	/** Publishing withdraws the comic's older published version (superseded), with its audit entry. */
	async #supersedeOthers(
		repos: ReviewRepositories,
		comicId: string,
		versionHash: string,
		at: string
	): Promise<void> {
		for (const other of await repos.versions.listByComic(comicId)) {
			if (other.versionHash === versionHash || other.state !== 'published') continue;
			const withdrawn = { state: 'withdrawn' as const, updatedAt: at };
			if (await repos.versions.updateState(other.versionHash, 'published', withdrawn)) {
				await this.#audit(repos, null, 'withdraw', other, 'published', 'withdrawn', {
					reason: 'superseded',
					by: versionHash
				});
			}
		}
	}

	/**
	 * Installs, published, a version another server approved: the national server, on a school
	 * server (src/lib/server/sync). The caller has checked its files and approval with
	 * verifySignedVersion, the check tablets run; here the approval is checked again against this
	 * server's trusted keys, the version goes through the one content validation and into the content
	 * store, and it is published by the same rule as `act('publish')` (the comic's older published
	 * version is superseded), with its audit entries, in one transaction. `ownerId` is the account
	 * that holds installed versions. Idempotent: a version already held is left as it is.
	 */
	async installApproved(
		ownerId: string,
		prepared: PreparedVersion,
		approval: Approval,
		detail: Record<string, string> = {}
	): Promise<{ version: VersionRecord; created: boolean }> {
		const existing = await this.repos.versions.get(prepared.versionHash);
		if (existing) return { version: existing, created: false };
		const verdict = verifySignedVersion(
			{ document: prepared.document, approval, files: prepared.files },
			this.trusted
		);
		if (!verdict.ok) {
			throw new ReviewError(409, 'signature-invalid', `cannot install: ${verdict.message}`, {
				problem: verdict.problem
			});
		}
		await this.store.save(prepared);
		await this.#validated(prepared.document, prepared.document.manifest, 409);
		const comicId = prepared.document.comicId;
		const previous = await this.repos.versions.listByComic(comicId);
		const at = this.now().toISOString();
		const version: VersionRecord = {
			versionHash: prepared.versionHash,
			comicId,
			authorId: ownerId,
			state: 'published',
			source: 'upload',
			parentHash: previous[0]?.versionHash ?? null,
			demo: false,
			approval,
			approvedBy: null,
			approvedAt: at,
			submittedAt: null,
			createdAt: at,
			updatedAt: at
		};
		await this.repos.transaction(async (repos) => {
			await repos.versions.insert(version);
			await this.#audit(repos, null, 'import', version, null, 'published', {
				...detail,
				keyId: approval.keyId
			});
			await this.#supersedeOthers(repos, comicId, version.versionHash, at);
		});
		return { version, created: true };
	}

	/**
	 * Withdraws a version because the server that approved it withdrew it (the national withdrawal
	 * list, on a school server). This server's own withdrawal list then names it, so its tablets
	 * delete it at their next contact. Returns whether it changed anything.
	 */
	async withdrawApproved(versionHash: string, detail: Record<string, string>): Promise<boolean> {
		const version = await this.repos.versions.get(versionHash);
		if (!version || (version.state !== 'published' && version.state !== 'approved')) return false;
		const at = this.now().toISOString();
		return this.repos.transaction(async (repos) => {
			const moved = await repos.versions.updateState(versionHash, version.state, {
				state: 'withdrawn',
				updatedAt: at
			});
			if (moved) await this.#audit(repos, null, 'withdraw', version, version.state, 'withdrawn', detail);
			return moved;
		});
	}

	/** Pins a reviewer's comment to the comic, a panel, a bubble or a narration moment. */
	async comment(
		user: ReviewUser,
		versionHash: string,
		anchor: CommentAnchor,
		body: string
	): Promise<CommentRecord> {
		const version = await this.getVersion(versionHash);
		this.may('comment', version, user);
		if (version.state !== 'in_review') {
			throw new ReviewError(
				409,
				'not-under-review',
				`comments are closed: this version is ${version.state.replace('_', ' ')}`
			);
		}
		const text = body.normalize('NFC').trim();
		if (!text || text.length > MAX_COMMENT) {
			throw new ReviewError(400, 'comment-length', `a comment needs 1 to ${MAX_COMMENT} characters`, {
				max: String(MAX_COMMENT)
			});
		}
		const document = await this.documentOf(version);
		const problem = anchorProblem(document.manifest, anchor);
		if (problem) throw new ReviewError(400, problem.code, problem.message, problem.params);
		const comment: CommentRecord = {
			id: this.newId(),
			versionHash,
			comicId: version.comicId,
			authorId: user.id,
			anchor,
			body: text,
			createdAt: this.now().toISOString(),
			resolvedAt: null,
			resolvedBy: null
		};
		await this.repos.transaction(async (repos) => {
			await repos.comments.add(comment);
			await this.#audit(repos, user.id, 'comment', version, null, null, {
				commentId: comment.id,
				anchor: anchor.kind
			});
		});
		return comment;
	}

	/** Rates one rubric line of a version under review. */
	async rate(
		user: ReviewUser,
		versionHash: string,
		criterion: string,
		rating: unknown,
		note?: string
	): Promise<RubricRecord> {
		const [entry] = await this.rateAll(user, versionHash, [{ criterion, rating, note }]);
		return entry!;
	}

	/**
	 * The whole rubric in one form, saved at once: every line is checked first, then all are stored
	 * with their audit entries in one transaction (a refused line leaves nothing half-saved).
	 */
	async rateAll(
		user: ReviewUser,
		versionHash: string,
		lines: ReadonlyArray<{ criterion: string; rating: unknown; note?: string }>
	): Promise<RubricRecord[]> {
		const version = await this.getVersion(versionHash);
		// Rating is a review act: same people as approving, and only while approving is possible.
		this.may('rate', version, user);
		if (!availableActions(version, actorOf(user)).includes('approve')) {
			throw new ReviewError(
				409,
				'not-under-review',
				`the rubric is closed: this version is ${version.state.replace('_', ' ')}`
			);
		}
		const document = await this.documentOf(version);
		const languages = document.manifest.languages.map((l) => l.tag);
		const at = this.now().toISOString();
		const entries: RubricRecord[] = [];
		for (const line of lines) {
			if (!isRubricCriterion(line.criterion, languages)) {
				throw new ReviewError(
					400,
					'unknown-criterion',
					`"${line.criterion}" is not a rubric line of this comic`,
					{ criterion: line.criterion }
				);
			}
			if (!isRubricRating(line.rating))
				throw new ReviewError(400, 'bad-rating', 'a rating is meets, needs_work or fails');
			entries.push({
				versionHash,
				criterion: line.criterion,
				rating: line.rating as RubricRating,
				note: line.note?.trim() ? line.note.trim().slice(0, MAX_COMMENT) : null,
				reviewerId: user.id,
				updatedAt: at
			});
		}
		await this.repos.transaction(async (repos) => {
			for (const entry of entries) {
				await repos.rubric.set(entry);
				await this.#audit(repos, user.id, 'rate', version, null, null, {
					criterion: entry.criterion,
					rating: entry.rating
				});
			}
		});
		return entries;
	}

	/**
	 * Marks a comment resolved, or open again. Comments carry over from version to version, so the
	 * author answers them on the version that fixes them; reviewers may resolve or reopen any.
	 */
	async resolveComment(
		user: ReviewUser,
		versionHash: string,
		commentId: string,
		resolved: boolean
	): Promise<CommentRecord> {
		const version = await this.getVersion(versionHash);
		this.may('resolve', version, user);
		const comment = await this.repos.comments.get(commentId);
		if (!comment || comment.comicId !== version.comicId) {
			throw new ReviewError(404, 'comment-not-found', `no comment ${commentId.slice(0, 12)} on this comic`);
		}
		const at = this.now().toISOString();
		const [by, when] = resolved ? [user.id, at] : [null, null];
		await this.repos.transaction(async (repos) => {
			await repos.comments.setResolved(commentId, by, when);
			await this.#audit(
				repos,
				user.id,
				resolved ? 'resolve_comment' : 'reopen_comment',
				version,
				null,
				null,
				{
					commentId
				}
			);
		});
		return { ...comment, resolvedBy: by, resolvedAt: when };
	}

	/**
	 * Deletes a version its author never submitted: a draft no reviewer has seen. Anything that has
	 * been submitted stays, whatever happened to it since (its history is the review's record).
	 */
	async deleteVersion(user: ReviewUser, versionHash: string): Promise<void> {
		const version = await this.getVersion(versionHash);
		this.may('delete', version, user);
		if (!ReviewViews.neverSubmitted(version)) {
			throw new ReviewError(
				409,
				'not-deletable',
				'only a draft that was never submitted for review can be deleted'
			);
		}
		await this.repos.transaction(async (repos) => {
			await repos.comments.deleteByVersion(versionHash);
			await repos.rubric.deleteByVersion(versionHash);
			await repos.versions.delete(versionHash);
			await this.#audit(repos, user.id, 'delete_version', version, 'draft', null, {});
		});
	}

	/** The manifest validated with the version's files by the one validation, or a `content-refused` error. */
	async #validated(document: VersionDocument, manifest: unknown, status: 400 | 409): Promise<Manifest> {
		return (await this.#checked(document, manifest, status)).manifest;
	}

	/** The same, with the files the version is made of; `added` files are read before the version's own. */
	async #checked(
		document: VersionDocument,
		manifest: unknown,
		status: 400 | 409,
		added?: ReadonlyMap<string, Uint8Array>
	): Promise<{ manifest: Manifest; files: string[] }> {
		const setup = await this.validation();
		const files = this.store.files(document, setup.checks.probeAudio, added);
		const checked = await validateComic(manifest, files, setup);
		if (checked.manifest) return { manifest: checked.manifest, files: checked.files };
		const errors = checked.issues.filter((i) => i.severity === 'error');
		throw new ReviewError(
			status,
			'content-refused',
			`comics:check refuses this version: ${errors.slice(0, 3).map(formatIssue).join('; ')}`,
			{ count: String(errors.length) },
			errors
		);
	}

	/** Appends to the audit log through `repos`: the transaction of the change it records. */
	async #audit(
		repos: ReviewRepositories,
		actorId: string | null,
		action: AuditAction,
		version: VersionRecord,
		fromState: AuditRecord['fromState'],
		toState: AuditRecord['toState'],
		detail: Record<string, string>
	): Promise<void> {
		// Strictly increasing times within a process, so the log reads in the order things happened
		// even when a publish and the withdrawal it causes fall in the same millisecond.
		const ms = Math.max(this.now().getTime(), this.#lastAuditMs + 1);
		this.#lastAuditMs = ms;
		await repos.audit.append({
			id: this.newId(),
			at: new Date(ms).toISOString(),
			actorId,
			action,
			comicId: version.comicId,
			versionHash: version.versionHash,
			fromState,
			toState,
			detail
		});
	}
}

/** The localized-text record of a bubble (by bubble id) or a panel description (by panel id). */
function findTextRecord(manifest: Manifest, target: string): Record<string, string> | null {
	for (const page of manifest.pages) {
		for (const panel of page.panels) {
			if (panel.id === target) return panel.description;
			for (const bubble of panel.bubbles) if (bubble.id === target) return bubble.text;
		}
	}
	return null;
}
