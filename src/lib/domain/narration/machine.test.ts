import { describe, expect, it } from 'vitest';
import { initialNarrationState, narrationStep, type NarrationEvent, type NarrationState } from './machine';
import { testComic } from './test-comic';
import { buildTrack } from './timeline';

const track = buildTrack(testComic(), 'fr')!;

/** Runs events from a state and returns the final state and every effect in order. */
function run(events: NarrationEvent[], state: NarrationState = initialNarrationState) {
	const effects: string[] = [];
	for (const event of events) {
		const step = narrationStep(track, state, event);
		state = step.state;
		for (const e of step.effects) {
			if (e.type === 'play') effects.push(`play ${track.items[e.index]!.target}`);
			else if (e.type === 'showPanel') effects.push(`${e.move} ${track.items[e.index]!.panelId}`);
			else effects.push(e.type);
		}
	}
	return { state, effects };
}

const ended: NarrationEvent = { type: 'clipEnded' };

describe('Read to me', () => {
	it('plays every bubble in reading order, moving the camera between panels and turning the page', () => {
		const { state, effects } = run([{ type: 'readToMe', from: 0 }, ended, ended, ended, ended, ended]);
		expect(effects).toEqual([
			'stop',
			'jump pa',
			'play a1',
			'play a2',
			'next-panel pb',
			'play b1',
			'turn-page pc',
			'play c1',
			'play c2'
		]);
		expect(state.status).toBe('ended');
		expect(state.current).toBeNull();
	});

	it('pauses and resumes on the same clip', () => {
		const { state, effects } = run([{ type: 'readToMe', from: 1 }, { type: 'pause' }, { type: 'resume' }]);
		expect(effects.slice(-2)).toEqual(['pause', 'resume']);
		expect(state).toMatchObject({ status: 'playing', current: 1 });
	});

	it('ignores a clip end while paused (a late event from the engine)', () => {
		const { state } = run([{ type: 'readToMe', from: 0 }, { type: 'pause' }, ended]);
		expect(state).toMatchObject({ status: 'paused', current: 0 });
	});
});

describe('stop after each bubble', () => {
	it('waits after every clip until the student taps to continue', () => {
		const { state, effects } = run([
			{ type: 'setStopAfterEach', on: true },
			{ type: 'readToMe', from: 1 },
			ended,
			ended // a duplicate end while waiting changes nothing
		]);
		expect(state).toMatchObject({ status: 'waiting', current: 1 });
		expect(effects).toEqual(['stop', 'jump pa', 'play a2']);
		const next = run([{ type: 'continue' }], state);
		expect(next.effects).toEqual(['next-panel pb', 'play b1']);
		expect(next.state).toMatchObject({ status: 'playing', current: 2 });
	});

	it('ends instead of waiting after the last clip', () => {
		const { state } = run([{ type: 'setStopAfterEach', on: true }, { type: 'readToMe', from: 4 }, ended]);
		expect(state.status).toBe('ended');
	});
});

describe('tap a bubble, replay, stop', () => {
	it('plays exactly one bubble and then stops', () => {
		const { state, effects } = run([{ type: 'playOne', index: 3 }, ended]);
		expect(effects).toEqual(['stop', 'play c1']);
		expect(state).toMatchObject({ status: 'idle', current: null });
	});

	it('replays the current bubble, also while waiting', () => {
		const { effects } = run([
			{ type: 'setStopAfterEach', on: true },
			{ type: 'readToMe', from: 0 },
			ended,
			{ type: 'replay' }
		]);
		expect(effects.slice(-2)).toEqual(['stop', 'play a1']);
	});

	it('stops from any state and ignores invalid indexes', () => {
		expect(run([{ type: 'readToMe', from: 2 }, { type: 'stop' }]).state).toMatchObject({
			status: 'idle',
			current: null
		});
		expect(run([{ type: 'readToMe', from: 99 }]).effects).toEqual([]);
		expect(run([{ type: 'replay' }]).effects).toEqual([]);
	});
});
