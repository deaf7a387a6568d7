import { describe, expect, it } from 'vitest';
import { testComic } from './test-comic';
import {
	activeItemAt,
	buildTrack,
	cameraMoveBetween,
	hasNarratedDescriptions,
	itemIndexOf,
	narrationLanguages,
	playQueue,
	startIndexFrom
} from './timeline';

const track = buildTrack(testComic(), 'fr')!;

describe('buildTrack', () => {
	it('orders clips by page, panel and bubble, whatever the clip order in the file', () => {
		expect(track.items.map((i) => i.target)).toEqual(['a1', 'a2', 'b1', 'c1', 'c2']);
		expect(track.items.map((i) => [i.pageIndex, i.panelIndex])).toEqual([
			[0, 0],
			[0, 0],
			[0, 1],
			[1, 0],
			[1, 0]
		]);
	});

	it('puts a panel description first when descriptions are asked for', () => {
		const withDescriptions = buildTrack(testComic(), 'fr', { descriptions: true })!;
		expect(withDescriptions.items.map((i) => `${i.kind}:${i.target}`).slice(0, 3)).toEqual([
			'description:pa',
			'bubble:a1',
			'bubble:a2'
		]);
	});

	it('narrates a page whose panels have only descriptions', () => {
		const m = testComic();
		m.pages[1]!.panels[0]!.bubbles = [];
		const fr = m.narration!.fr!;
		fr.clips = fr.clips.filter((c) => c.audio !== 'page-2');
		fr.clips.push({ ...fr.clips.find((c) => c.target === 'pa')!, target: 'pc', audio: 'page-2' });
		const page2 = (descriptions: boolean) =>
			buildTrack(m, 'fr', { descriptions })!
				.items.filter((i) => i.pageIndex === 1)
				.map((i) => `${i.kind}:${i.target}`);
		expect(page2(true)).toEqual(['description:pc']);
		expect(page2(false)).toEqual([]);
	});

	it('tells whether a language has narrated panel descriptions', () => {
		expect(hasNarratedDescriptions(testComic(), 'fr')).toBe(true);
		expect(hasNarratedDescriptions(testComic(), 'en')).toBe(false);
		const m = testComic();
		m.narration!.fr!.clips = m.narration!.fr!.clips.filter((c) => c.target !== 'pa');
		expect(hasNarratedDescriptions(m, 'fr')).toBe(false);
	});

	it('is null for a language without narration and lists bubbles without a clip', () => {
		expect(buildTrack(testComic(), 'en')).toBeNull();
		const m = testComic();
		m.narration!.fr!.clips = m.narration!.fr!.clips.filter((c) => c.target !== 'b1');
		expect(buildTrack(m, 'fr')!.missing).toEqual(['b1']);
		expect(narrationLanguages(testComic())).toEqual(['fr']);
	});
});

describe('activeItemAt (file seconds)', () => {
	it.each([
		['page-1', 0, null, 'before the first clip (description is not in the bubble track)'],
		['page-1', 0.3, 'a1', 'at the exact start'],
		['page-1', 1.0, 'a1', 'inside'],
		['page-1', 1.5, null, 'at the exact end: the end is exclusive'],
		['page-1', 1.6, null, 'in the gap between clips'],
		['page-1', 1.8, 'a2', 'next clip starts'],
		['page-1', 4.79, 'b1', 'just before the end of the page'],
		['page-1', 4.8, null, 'after the last clip of the file'],
		['page-2', 0.3, 'c1', 'another file'],
		['page-2', 2.0, null, 'end of c1'],
		['nope', 1, null, 'unknown file']
	])('%s at %s s → %s (%s)', (audio, sec, expected, _why) => {
		const i = activeItemAt(track, audio, sec);
		expect(i === null ? null : track.items[i]!.target).toBe(expected);
	});

	it('takes the later clip at a boundary shared by two clips', () => {
		const m = testComic();
		const b1 = m.narration!.fr!.clips.find((c) => c.target === 'b1')!;
		b1.startSec = 3; // a2 ends at 3
		const t = buildTrack(m, 'fr')!;
		expect(t.items[activeItemAt(t, 'page-1', 3)!]!.target).toBe('b1');
	});
});

describe('reading position and queue', () => {
	it.each([
		[{ pageIndex: 0, panelIndex: 0 }, 'a1'],
		[{ pageIndex: 0, panelIndex: 1 }, 'b1'],
		[{ pageIndex: 1, panelIndex: 0 }, 'c1'],
		[{ pageIndex: 2, panelIndex: 0 }, null]
	])('Read to me from %o starts at %s', (position, expected) => {
		const i = startIndexFrom(track, position);
		expect(i === null ? null : track.items[i]!.target).toBe(expected);
	});

	it('starts from the next narrated panel when the current one has no clip', () => {
		const m = testComic();
		m.narration!.fr!.clips = m.narration!.fr!.clips.filter((c) => c.target !== 'b1');
		const t = buildTrack(m, 'fr')!;
		expect(t.items[startIndexFrom(t, { pageIndex: 0, panelIndex: 1 })!]!.target).toBe('c1');
	});

	it('queues the rest of the comic across panels and pages', () => {
		expect(playQueue(track, 2).map((i) => i.target)).toEqual(['b1', 'c1', 'c2']);
		expect(itemIndexOf(track, 'c2')).toBe(4);
		expect(itemIndexOf(track, 'zz')).toBeNull();
	});

	it.each([
		[0, 1, 'stay'],
		[1, 2, 'next-panel'],
		[2, 3, 'turn-page'],
		[3, 4, 'stay']
	])('camera between item %i and %i: %s', (a, b, move) => {
		expect(cameraMoveBetween(track.items[a]!, track.items[b]!)).toBe(move);
	});
});
