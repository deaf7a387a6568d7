import { json } from '@sveltejs/kit';
import { serverMessage } from '$lib/server/auth/messages';
import { ClassroomError } from '$lib/server/classroom/service';
import { classroomService } from '$lib/server/classroom/server';

/**
 * `GET /api/classroom/join?code=…`: what a tablet needs to join a class — the class, its roster
 * (display names and pictograms only) and its assignments. Public: students have no accounts; the
 * class code is what lets a tablet in.
 */
export async function GET({ url, locals }) {
	const service = await classroomService();
	try {
		return json(await service.joinInfo(url.searchParams.get('code') ?? ''), {
			headers: { 'cache-control': 'no-store' }
		});
	} catch (error) {
		if (!(error instanceof ClassroomError)) throw error;
		return json(
			{ code: error.code, message: serverMessage(locals.lang, `classroom.error.${error.code}`) },
			{ status: error.status }
		);
	}
}
