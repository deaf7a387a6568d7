/**
 * Which live-session events a tablet is sent. The teacher's page and the projector get every event;
 * a tablet reads its state again on these only, so the others (the answer `count`s of a whole
 * class, `joined` with classmates' names, the `lobby`) are not sent to it at all: 40 tablets would
 * each receive every count of the class for nothing.
 */
export const TABLET_EVENTS = ['question', 'closed', 'revealed', 'follow', 'options', 'ended'] as const;

export type TabletEvent = (typeof TABLET_EVENTS)[number];

/** Whether a tablet's stream carries events of type `type`. */
export function isTabletEvent(type: string): type is TabletEvent {
	return (TABLET_EVENTS as readonly string[]).includes(type);
}

/** The query parameter a tablet's EventSource adds to ask for its events only. */
export const TABLET_STREAM_PARAM = 'for';
export const TABLET_STREAM_VALUE = 'tablet';
