/**
 * The texts and bubbles studio (issue 16): side-by-side texts, per-language status per bubble and
 * bubble geometry. Saving makes a new draft version through the one validation; a refused save
 * stores nothing and sends the findings back, each with the bubble it concerns.
 */
import { fail, redirect } from '@sveltejs/kit';
import { validateComic } from '$lib/server/content/validate-version';
import { failure, pageFailure, reviewUser, contentContext } from '$lib/server/review/http';
import { reviewServices } from '$lib/server/review/server';
import { ReviewError } from '$lib/server/review/service';
import { applyStudioEdit, parseStudioEdit, StudioEditError } from '$lib/server/studio/text/edit';
import { findingTarget } from '$lib/domain/studio/finding-target';
import type { ContentIssue } from '$lib/domain/manifest/issues';
import type { Manifest } from '$lib/domain/manifest/schema';

/** A finding with the bubble, panel or page it concerns (null: the comic as a whole). */
export type TargetedIssue = ContentIssue & { target: string | null };

const targeted = (manifest: Manifest, issues: readonly ContentIssue[]): TargetedIssue[] =>
	issues.map((issue) => ({ ...issue, target: findingTarget(manifest, issue.path) }));

export async function load({ params, locals }) {
	const { service, store } = await reviewServices();
	const user = reviewUser(locals);
	try {
		const detail = await service.detail(user, params.hash);
		const document = detail.document;
		// What the one validation says of the version as stored (warnings: drafts that overflow…).
		const setup = await contentContext();
		const checked = await validateComic(
			document.manifest,
			store.files(document, setup.checks.probeAudio),
			setup
		);
		return {
			versionHash: detail.version.versionHash,
			comicId: detail.version.comicId,
			state: detail.version.state,
			// The same rule as the author's page: an own version not yet in review or approved.
			editable:
				detail.version.authorId === user.id &&
				(detail.version.state === 'draft' || detail.version.state === 'changes_requested'),
			// A translator's own translation (issue 17): the review service keeps their changes to
			// the texts of languages other than the reference; the page says so and leads back to /translate.
			translating: user.role === 'translator',
			manifest: document.manifest,
			findings: targeted(document.manifest, checked.issues)
		};
	} catch (err) {
		pageFailure(err);
	}
}

export const actions = {
	save: async ({ params, request, locals }) => {
		const user = reviewUser(locals);
		const { service } = await reviewServices();
		const form = await request.formData();
		const json = form.get('edit');
		let revised: Manifest | null = null;
		let hash: string;
		try {
			const edit = parseStudioEdit(typeof json === 'string' ? json : '');
			hash = (
				await service.reviseManifest(user, params.hash, (manifest) => {
					revised = applyStudioEdit(manifest, edit);
					return revised;
				})
			).versionHash;
		} catch (err) {
			if (err instanceof StudioEditError) {
				return fail(400, { code: err.code, message: err.message, params: err.params, findings: [] });
			}
			if (err instanceof ReviewError && revised) {
				return fail(err.status, {
					code: err.code,
					message: err.message,
					params: err.params,
					findings: targeted(revised, err.issues)
				});
			}
			return failure(err);
		}
		const lang = form.get('lang');
		const keep = typeof lang === 'string' && /^[a-zA-Z-]{2,12}$/.test(lang) ? `&lang=${lang}` : '';
		redirect(303, `/author/${hash}/texts?saved=1${keep}`);
	}
};
