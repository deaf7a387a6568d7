/**
 * The narration controller as a pure state machine: events in (a tap on "Read to me", a clip
 * ended, pause…), the next state and the effects to carry out (play this clip, move the camera)
 * out. The runes class in src/lib/state/narration.svelte.ts executes the effects with a Narrator
 * and the reader, so every rule here is tested without audio.
 */
import { cameraMoveBetween, type CameraMove, type NarrationTrack } from './timeline';

export type NarrationStatus =
	/** Nothing playing, nothing highlighted. */
	| 'idle'
	| 'playing'
	| 'paused'
	/** Stop-after-each-bubble: a clip ended and the student taps to continue. */
	| 'waiting'
	/** "Read to me" reached the last clip. */
	| 'ended';

export interface NarrationState {
	status: NarrationStatus;
	/** Index in `track.items` of the clip playing, paused or just finished; null when idle. */
	current: number | null;
	/** `all`: "Read to me" goes on through the queue; `one`: a tapped bubble, then stop. */
	scope: 'all' | 'one';
	/** Pause after every clip until the student taps to continue. */
	stopAfterEach: boolean;
}

export type NarrationEvent =
	| { type: 'readToMe'; from: number }
	| { type: 'playOne'; index: number }
	| { type: 'clipEnded' }
	| { type: 'pause' }
	| { type: 'resume' }
	/** Student taps to go on after a stop-after-each-bubble pause. */
	| { type: 'continue' }
	| { type: 'replay' }
	| { type: 'stop' }
	| { type: 'setStopAfterEach'; on: boolean };

export type NarrationEffect =
	| { type: 'play'; index: number }
	| { type: 'pause' }
	| { type: 'resume' }
	| { type: 'stop' }
	/** Show the panel of item `index` (the reader's camera; a page turn when `move` says so). */
	| { type: 'showPanel'; index: number; move: CameraMove | 'jump' };

export const initialNarrationState: NarrationState = {
	status: 'idle',
	current: null,
	scope: 'all',
	stopAfterEach: false
};

export interface Step {
	state: NarrationState;
	effects: NarrationEffect[];
}

/** Applies one event. Events that make no sense in the current state change nothing. */
export function narrationStep(track: NarrationTrack, state: NarrationState, event: NarrationEvent): Step {
	const same: Step = { state, effects: [] };
	const valid = (i: number) => Number.isInteger(i) && i >= 0 && i < track.items.length;
	switch (event.type) {
		case 'readToMe':
			if (!valid(event.from)) return same;
			return {
				state: { ...state, status: 'playing', current: event.from, scope: 'all' },
				effects: [
					{ type: 'stop' },
					{ type: 'showPanel', index: event.from, move: 'jump' },
					{ type: 'play', index: event.from }
				]
			};
		case 'playOne':
			if (!valid(event.index)) return same;
			return {
				state: { ...state, status: 'playing', current: event.index, scope: 'one' },
				effects: [{ type: 'stop' }, { type: 'play', index: event.index }]
			};
		case 'clipEnded': {
			if (state.status !== 'playing' || state.current === null) return same;
			if (state.scope === 'one') return { state: { ...state, status: 'idle', current: null }, effects: [] };
			if (state.current + 1 >= track.items.length) {
				return { state: { ...state, status: 'ended', current: null }, effects: [] };
			}
			if (state.stopAfterEach) return { state: { ...state, status: 'waiting' }, effects: [] };
			return advance(track, state);
		}
		case 'continue':
			if (state.status !== 'waiting' || state.current === null) return same;
			return advance(track, state);
		case 'pause':
			if (state.status !== 'playing') return same;
			return { state: { ...state, status: 'paused' }, effects: [{ type: 'pause' }] };
		case 'resume':
			if (state.status !== 'paused') return same;
			return { state: { ...state, status: 'playing' }, effects: [{ type: 'resume' }] };
		case 'replay':
			if (state.current === null) return same;
			return {
				state: { ...state, status: 'playing' },
				effects: [{ type: 'stop' }, { type: 'play', index: state.current }]
			};
		case 'stop':
			if (state.status === 'idle') return same;
			return { state: { ...state, status: 'idle', current: null }, effects: [{ type: 'stop' }] };
		case 'setStopAfterEach':
			return { state: { ...state, stopAfterEach: event.on }, effects: [] };
	}
}

/** Goes on to the next clip, moving the camera when it lies in another panel or page. */
function advance(track: NarrationTrack, state: NarrationState): Step {
	const from = state.current!;
	const next = from + 1;
	const move = cameraMoveBetween(track.items[from]!, track.items[next]!);
	const effects: NarrationEffect[] = [];
	if (move !== 'stay') effects.push({ type: 'showPanel', index: next, move });
	effects.push({ type: 'play', index: next });
	return { state: { ...state, status: 'playing', current: next }, effects };
}
