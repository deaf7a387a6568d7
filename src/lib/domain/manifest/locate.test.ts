import { describe, expect, it } from 'vitest';
import { describePlace, locate, pathParts } from './locate';

const comic = {
	pages: [
		{ id: 'p1', panels: [{ id: 'p1-1', bubbles: [{ id: 'p1-b1' }] }] },
		{
			id: 'p2',
			panels: [
				{ id: 'p2-1', bubbles: [] },
				{ id: 'p2-2', bubbles: [{ id: 'p2-b1' }, { id: 'p2-b2' }] }
			]
		}
	],
	narration: { bm: { clips: [{ target: 'p1-b1' }, { target: 'p2-b2' }] } }
};

describe('locate', () => {
	it('counts pages from 1 and names panels and bubbles by id', () => {
		const place = locate('comic.json', comic, '$.pages[1].panels[1].bubbles[1].text.fr');
		expect(place).toEqual({ page: 2, panel: 'p2-2', bubble: 'p2-b2' });
		expect(describePlace(place)).toBe('page 2, panel p2-2, bubble p2-b2');
	});

	it('names a narration clip by its target and language', () => {
		const place = locate('comic.json', comic, '$.narration.bm.clips[1].endSec');
		expect(describePlace(place)).toBe('narration of p2-b2 (bm)');
	});

	it('names a quiz question by its id', () => {
		const quiz = { questions: [{ id: 'q1' }, { id: 'q-water' }] };
		expect(locate('quiz.json', quiz, '$.questions[1].options[0]')).toEqual({ question: 'q-water' });
	});

	it('falls back to a 1-based position when an item has no id', () => {
		expect(locate('comic.json', { pages: [{ panels: [{}] }] }, '$.pages[0].panels[0].region')).toEqual({
			page: 1,
			panel: '#1'
		});
	});

	it('gives nothing for a whole-file finding', () => {
		expect(locate('comic.json', comic, '$')).toEqual({});
		expect(describePlace({})).toBe('');
	});

	it('reads quoted keys', () => {
		expect(pathParts('$.a["x y"][3]')).toEqual(['a', 'x y', 3]);
	});
});
