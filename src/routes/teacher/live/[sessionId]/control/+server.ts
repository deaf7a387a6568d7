import { jsonBody } from '$lib/server/auth/http';
import { liveJson, liveRefusal } from '$lib/server/live/http';
import { liveServices } from '$lib/server/live/server';

/** `POST /teacher/live/<session>/control` `{ action, panel? }`: the teacher drives the session. */
export async function POST({ params, request, locals }) {
	const body = await jsonBody(request);
	const user = locals.user!;
	const { live } = await liveServices();
	const id = params.sessionId;
	switch (body?.action) {
		case 'next':
			return liveJson(locals.lang, () => live.next(user, id));
		case 'close':
			return liveJson(locals.lang, () => live.close(user, id));
		case 'reveal':
			return liveJson(locals.lang, () => live.reveal(user, id));
		case 'end':
			return liveJson(locals.lang, () => live.end(user, id));
		case 'tablet-narration':
			if (typeof body.on !== 'boolean') return liveRefusal(locals.lang, 400, 'malformed');
			return liveJson(locals.lang, () => live.setTabletNarration(user, id, body.on === true));
		case 'follow':
			return liveJson(locals.lang, () =>
				live.follow(user, id, typeof body.panel === 'string' ? body.panel : null)
			);
		default:
			return liveRefusal(locals.lang, 400, 'malformed');
	}
}
