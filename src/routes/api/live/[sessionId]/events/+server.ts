import { liveRefusal } from '$lib/server/live/http';
import { liveServices } from '$lib/server/live/server';
import { lastEventIdOf, liveStream } from '$lib/server/live/stream';
import { isTabletEvent, TABLET_STREAM_PARAM, TABLET_STREAM_VALUE } from '$lib/domain/live/events';

/**
 * `GET /api/live/<session>/events`: server-sent events of the session, resumed after
 * `Last-Event-ID` (or `?after=` for a page that kept its last number across a reload). A tablet
 * (`?for=tablet`) is sent only the events it acts on (`TABLET_EVENTS`).
 */
export async function GET({ params, request, url, locals }) {
	const { live, fanout } = await liveServices();
	if (!(await live.exists(params.sessionId))) return liveRefusal(locals.lang, 404, 'unknown-session');
	const after = lastEventIdOf(request.headers.get('last-event-id'), url.searchParams.get('after'));
	// An ended session has nothing more to say to a client that saw its end: 204 stops EventSource's
	// reconnecting (the stream itself closes after sending `ended`).
	if (await live.endedBy(params.sessionId, after)) return new Response(null, { status: 204 });
	const tablet = url.searchParams.get(TABLET_STREAM_PARAM) === TABLET_STREAM_VALUE;
	const stream = tablet
		? liveStream(live, fanout, params.sessionId, after, undefined, isTabletEvent)
		: liveStream(live, fanout, params.sessionId, after);
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			// Proxies (nginx) must pass events through at once.
			'x-accel-buffering': 'no'
		}
	});
}
