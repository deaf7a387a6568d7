import { describe, expect, it } from 'vitest';
import type { Quiz } from '../quiz/schema';
import { checkPackShare, PACK_PAGE_BUDGET_BYTES } from './budgets';
import type { Manifest } from './schema';

const KB = 1024;
const manifest = {
	cover: 'art/cover.webp',
	pages: [{ image: 'art/p1.webp' }, { image: 'art/p2.webp' }],
	narration: {
		fr: { audio: [{ sources: [{ src: 'audio/fr/p1.ogg' }, { src: 'audio/fr/p1.mp3' }] }] },
		en: { audio: [{ sources: [{ src: 'audio/en/p1.ogg' }] }] }
	}
} as unknown as Manifest;
const quiz = {
	questions: [
		{
			narration: {
				fr: {
					prompt: { sources: [{ src: 'audio/quiz/fr/q1.ogg' }, { src: 'audio/quiz/fr/q1.mp3' }] },
					options: { a: { sources: [{ src: 'audio/quiz/fr/q1.ogg' }] } }
				}
			}
		}
	]
} as unknown as Quiz;

function warnings(sizes: Record<string, number>, q: Quiz | null = quiz) {
	const found: string[] = [];
	checkPackShare(manifest, q, new Map(Object.entries(sizes)), (path, finding, severity) =>
		found.push(`${severity} ${path.join('.')} ${finding.code} ${JSON.stringify(finding.params)}`)
	);
	return found;
}

describe('a page’s share of the pack, per narration language', () => {
	const art = { 'art/cover.webp': 20 * KB, 'art/p1.webp': 80 * KB, 'art/p2.webp': 80 * KB };

	it.each([
		[
			'within: art 180 KB + 100 KB of French speech over 2 pages = 140 KB',
			{ 'audio/fr/p1.ogg': 60 * KB, 'audio/quiz/fr/q1.ogg': 40 * KB },
			[]
		],
		[
			'over in French only, the quiz narration counted (its clip once), the MP3 fallback not',
			{
				'audio/fr/p1.ogg': 60 * KB,
				'audio/quiz/fr/q1.ogg': 70 * KB,
				'audio/fr/p1.mp3': 900 * KB,
				'audio/en/p1.ogg': 10 * KB
			},
			['warning narration.fr packShareOverBudget {"language":"fr","kb":155,"budgetKb":150}']
		]
	])('%s', (_, audio, expected) => {
		expect(warnings({ ...art, ...audio })).toEqual(expected);
	});

	it('holds the budget of 150 KB exactly', () => {
		const exact = { ...art, 'audio/fr/p1.ogg': 2 * PACK_PAGE_BUDGET_BYTES - 180 * KB };
		expect(warnings(exact, null)).toEqual([]);
		expect(warnings({ ...exact, 'audio/fr/p1.ogg': exact['audio/fr/p1.ogg'] + 1 }, null)).toHaveLength(1);
	});
});
