import { fail, redirect } from '@sveltejs/kit';
import { failure, reviewUser } from '$lib/server/review/http';
import { reviewServices } from '$lib/server/review/server';
import { prepareUpload } from '$lib/server/store/prepare-pool';
import { uploadLimitBytes } from '$lib/server/store/upload-limit';

/** `?page=2`: a page of the author's versions (25 a page, like the reviewer's queue). */
export async function load({ locals, url }) {
	const { service } = await reviewServices();
	const page = Number(url.searchParams.get('page'));
	return {
		versions: await service.authorVersions(reviewUser(locals), Number.isInteger(page) && page > 0 ? page : 1),
		maxUploadBytes: uploadLimitBytes()
	};
}

export const actions = {
	/** A zip of a comic folder: validated completely, stored only when everything is right. */
	upload: async ({ request, locals }) => {
		const user = reviewUser(locals);
		const form = await request.formData();
		const pack = form.get('pack');
		if (!(pack instanceof File) || pack.size === 0) {
			return fail(400, { code: 'no-file', message: 'Choose a .zip file.' });
		}
		// On an upload worker, with limits on entries, unpacked size and time (prepare-pool.ts).
		const prepared = await prepareUpload(new Uint8Array(await pack.arrayBuffer()));
		if (!prepared.ok) {
			return fail(400, {
				code: 'invalid-pack',
				message: 'The pack was refused.',
				issues: prepared.issues
			});
		}
		const { service } = await reviewServices();
		let hash: string;
		try {
			hash = (await service.importVersion(user, prepared.version, { source: 'upload' })).version.versionHash;
		} catch (err) {
			return failure(err);
		}
		// Remarks that did not stop the upload (files not stored, stale narration…) are shown before moving on.
		if (prepared.warnings.length) return { code: 'uploaded', hash, warnings: prepared.warnings };
		redirect(303, `/author/${hash}?uploaded=1`);
	}
};
