import { pageFailure, reviewUser } from '$lib/server/review/http';
import { reviewServices } from '$lib/server/review/server';

/** The narration studio of one version (issue 16): the version, and whether a newer one exists. */
export async function load({ params, locals }) {
	const { service } = await reviewServices();
	const user = reviewUser(locals);
	try {
		const detail = await service.detail(user, params.hash);
		const newer = (await service.versionsOf(detail.version.comicId)).find(
			(v) => v.createdAt > detail.version.createdAt
		);
		return {
			version: detail.version,
			manifest: detail.document.manifest,
			editable: detail.version.state === 'draft' || detail.version.state === 'changes_requested',
			newer: newer?.versionHash ?? null
		};
	} catch (err) {
		pageFailure(err);
	}
}
