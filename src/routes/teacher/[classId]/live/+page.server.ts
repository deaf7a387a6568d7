import { redirect } from '@sveltejs/kit';
import { classroomLoad } from '$lib/server/classroom/http';
import { classroomService } from '$lib/server/classroom/server';
import { LiveError } from '$lib/server/live/service';
import { liveServices } from '$lib/server/live/server';
import { libraryService } from '$lib/server/library/server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const service = await classroomService();
	// The picker (issue 19): the library's own search, the first comics found, never the catalog.
	const find = (url.searchParams.get('find') ?? '').slice(0, 200);
	return classroomLoad(async () => {
		const cls = await service.getClass(locals.user!, params.classId);
		const picked = await (await libraryService()).pick(find);
		const comics = picked.items.map(({ versionHash, card }) => ({
			versionHash,
			slug: card.slug,
			title: card.title,
			referenceLanguage: card.referenceLanguage
		}));
		return { cls, comics, comicsFound: picked.total, find };
	});
};

export const actions: Actions = {
	async start({ request, locals, params }) {
		const form = await request.formData();
		const timer = Number(form.get('timerSec') || 0);
		const { live } = await liveServices();
		let id: string;
		try {
			id = (
				await live.start(locals.user!, params.classId, {
					versionHash: String(form.get('versionHash') ?? ''),
					language: locals.lang,
					options: {
						speedBonus: form.get('speedBonus') === 'on',
						leaderboard: form.get('leaderboard') === 'on',
						timerSec: timer > 0 ? timer : null
					}
				})
			).id;
		} catch (e) {
			if (e instanceof LiveError) return { error: e.code };
			throw e;
		}
		redirect(303, `/teacher/live/${id}`);
	}
};
