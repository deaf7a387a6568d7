import { fail, redirect } from '@sveltejs/kit';
import { formatIssue } from '$lib/domain/manifest/issues';
import { contentContext, failure, reviewUser } from '$lib/server/review/http';
import { reviewServices } from '$lib/server/review/server';
import { prepareFromZip } from '$lib/server/store/prepare';

export async function load({ locals }) {
	const { service } = await reviewServices();
	return { versions: await service.authorVersions(reviewUser(locals)) };
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
		const { languages, checks } = await contentContext();
		const prepared = await prepareFromZip(new Uint8Array(await pack.arrayBuffer()), languages, checks);
		if (!prepared.ok) {
			return fail(400, {
				code: 'invalid-pack',
				message: 'The pack was refused.',
				issues: prepared.issues.map(formatIssue)
			});
		}
		const { service } = await reviewServices();
		let hash: string;
		try {
			hash = (await service.importVersion(user, prepared.version, { source: 'upload' })).version.versionHash;
		} catch (err) {
			return failure(err);
		}
		redirect(303, `/author/${hash}?uploaded=1`);
	}
};
