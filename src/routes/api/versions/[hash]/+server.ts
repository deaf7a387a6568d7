import { json } from '@sveltejs/kit';
import { jsonFailure, reviewUser } from '$lib/server/review/http';
import { reviewServices } from '$lib/server/review/server';

/** The manifest of any version, for its author and reviewers (the reader's `?version=` view). */
export async function GET({ params, locals }) {
	const { service } = await reviewServices();
	try {
		const detail = await service.detail(reviewUser(locals), params.hash);
		return json(detail.document.manifest, { headers: { 'x-kalanso-version': detail.version.versionHash } });
	} catch (err) {
		return jsonFailure(err);
	}
}
