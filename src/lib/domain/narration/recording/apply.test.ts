import { describe, expect, it } from 'vitest';
import { checkNarration, staleClips } from '../checks';
import { TEXTS, testComic } from '../test-comic';
import type { Manifest } from '../../manifest/schema';
import { withRecordedTake, type RecordedTake } from './apply';

const take = (clips: RecordedTake['clips'], language = 'fr', voice = 'Awa Traoré'): RecordedTake => ({
	language,
	voice,
	audio: {
		id: 'rec-a1-0123abcd',
		sources: [
			{ src: 'audio/fr/rec-a1-0123abcd.ogg', type: 'audio/ogg; codecs=opus' },
			{ src: 'audio/fr/rec-a1-0123abcd.mp3', type: 'audio/mpeg' }
		],
		durationSec: 1.2345
	},
	clips
});

/** The comic with bubble a1's French text changed: its clip is stale. */
function staleComic(): Manifest {
	const m = testComic();
	m.pages[0]!.panels[0]!.bubbles[0]!.text.fr = 'Bonsoir !';
	return m;
}

describe('keeping a take in the manifest', () => {
	it('re-recording only the stale clip makes nothing stale and keeps the other clips as they were', () => {
		const before = staleComic();
		expect(staleClips(before, 'fr').map((s) => s.target)).toEqual(['a1']);
		const after = withRecordedTake(before, take([{ target: 'a1', startSec: 0, endSec: 1.2 }]));
		expect(staleClips(after, 'fr')).toEqual([]);
		const a1 = after.narration!.fr!.clips.filter((c) => c.target === 'a1');
		expect(a1).toEqual([expect.objectContaining({ audio: 'rec-a1-0123abcd', startSec: 0, endSec: 1.2 })]);
		for (const id of ['a2', 'b1', 'c1', 'c2'])
			expect(after.narration!.fr!.clips.find((c) => c.target === id)).toEqual(
				before.narration!.fr!.clips.find((c) => c.target === id)
			);
		expect(after.narration!.fr!.audio.map((a) => a.id)).toContain('rec-a1-0123abcd');
		expect(before.narration!.fr!.clips.find((c) => c.target === 'a1')!.audio).not.toBe('rec-a1-0123abcd');
		const problems: string[] = [];
		checkNarration(after, (_path, f) => problems.push(f.code), new Map());
		expect(problems).toEqual([]);
	});

	it('drops an audio file no clip uses any more (a page re-recorded in one take)', () => {
		const before = testComic();
		const page1 = before.narration!.fr!.clips.find((c) => c.target === 'a1')!.audio;
		const after = withRecordedTake(
			before,
			take([
				{ target: 'pa', startSec: 0, endSec: 0.5 },
				{ target: 'a1', startSec: 0.9, endSec: 1.5 },
				{ target: 'a2', startSec: 1.9, endSec: 2.5 },
				{ target: 'b1', startSec: 2.9, endSec: 3.5 }
			])
		);
		expect(after.narration!.fr!.clips.some((c) => c.audio === page1)).toBe(false);
		expect(after.narration!.fr!.audio.map((a) => a.id)).toEqual(['page-2', 'rec-a1-0123abcd']);
	});

	it('starts a language with no narration yet, partial, crediting the voice', () => {
		const after = withRecordedTake(testComic(), take([{ target: 'a1', startSec: 0, endSec: 1 }], 'en'));
		expect(after.narration!.en).toMatchObject({ status: 'partial', voice: 'Awa Traoré', synthetic: false });
		expect(after.narration!.en!.clips).toHaveLength(1);
		expect(after.narration!.en!.clips[0]!.textHash).toMatch(/^[0-9a-f]{64}$/);
		expect(after.credits).toContainEqual({ role: 'narration', name: 'Awa Traoré', language: 'en' });
	});

	it('names a second voice beside the first', () => {
		const after = withRecordedTake(testComic(), take([{ target: 'a1', startSec: 0, endSec: 1 }]));
		expect(after.narration!.fr!.voice.split(', ')).toEqual(
			expect.arrayContaining([testComic().narration!.fr!.voice, 'Awa Traoré'])
		);
	});

	it('refuses a target without text in the language', () => {
		expect(() => withRecordedTake(testComic(), take([{ target: 'nope', startSec: 0, endSec: 1 }]))).toThrow();
		expect(TEXTS.a1).toBe('Bonjour !');
	});
});
