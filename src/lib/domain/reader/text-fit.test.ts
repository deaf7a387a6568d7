import { describe, expect, it } from 'vitest';
import type { BubbleShape } from '../manifest/schema';
import { balanceLines, fitText, fontRange, innerBox, shapeFor, wrapText, type MeasureText } from './text-fit';

/** Monospace stand-in: every character is 0.5 em wide. */
const mono: MeasureText = (text, fontPx) => text.length * fontPx * 0.5;

describe('wrapText', () => {
	it.each<[string, string, number, number, string[] | null]>([
		['fits on one line', 'Bonjour Awa', 100, 10, ['Bonjour Awa']],
		['wraps at spaces', 'un deux trois quatre', 50, 10, ['un deux', 'trois', 'quatre']],
		['keeps explicit line breaks', 'Oh !\nAwa', 200, 10, ['Oh !', 'Awa']],
		['a French "!" stays with its word', 'Bonjour Moussa !', 70, 10, ['Bonjour', 'Moussa !']],
		['« » stay with their words', '« Oui » dit-il', 35, 10, ['« Oui »', 'dit-il']],
		['a word wider than the box', 'anticonstitutionnellement', 50, 10, null],
		['collapses runs of spaces', 'a   b', 100, 10, ['a b']]
	])('%s', (_name, text, width, fontPx, expected) => {
		const lines = wrapText(text, width, fontPx, mono);
		// Non-breaking spaces are kept in the output so that a renderer keeps them together too.
		expect(lines?.map((l) => l.replace(/\u00a0/g, ' ')) ?? null).toEqual(expected);
	});
});

describe('balanceLines', () => {
	it.each<[string, number, string[]]>([
		['On y va après les cours !', 100, ['On y va après', 'les cours !']],
		['un deux trois quatre cinq six', 100, ['un deux trois', 'quatre cinq six']],
		['Oui', 100, ['Oui']]
	])('%s in %i px', (text, width, expected) => {
		const greedy = wrapText(text, width, 10, mono)!;
		const balanced = balanceLines(text, width, 10, mono)!;
		expect(balanced.map((l) => l.replace(/\u00a0/g, ' '))).toEqual(expected);
		expect(balanced).toHaveLength(greedy.length);
		const longest = (lines: string[]) => Math.max(...lines.map((l) => mono(l, 10)));
		expect(longest(balanced)).toBeLessThanOrEqual(longest(greedy));
	});
});

describe('fitText', () => {
	it.each<
		[
			string,
			string,
			{ w: number; h: number },
			number,
			number,
			{ fits: boolean; fontPx: number; lines: number }
		]
	>([
		[
			'short text gets the largest size',
			'Oui',
			{ w: 200, h: 100 },
			10,
			30,
			{ fits: true, fontPx: 30, lines: 1 }
		],
		// 20 chars at 0.5em in 100px: 10px fits one line (100px), 1 line × 12px height ok
		[
			'long text shrinks to one line',
			'aaaaaaaaaaaaaaaaaaaa',
			{ w: 100, h: 12 },
			6,
			30,
			{ fits: true, fontPx: 10, lines: 1 }
		],
		[
			'wraps before shrinking below the needed size',
			'aaaa bbbb cccc dddd',
			{ w: 100, h: 100 },
			8,
			30,
			{ fits: true, fontPx: 22, lines: 2 }
		],
		[
			'too tall even at the minimum',
			'a b c d e f g h i j',
			{ w: 10, h: 30 },
			10,
			30,
			{ fits: false, fontPx: 10, lines: 10 }
		],
		[
			'a word too wide even at the minimum',
			'incompréhensible',
			{ w: 20, h: 200 },
			8,
			30,
			{ fits: false, fontPx: 8, lines: 1 }
		]
	])('%s', (_name, text, box, minFontPx, maxFontPx, expected) => {
		const result = fitText(text, box, { measure: mono, minFontPx, maxFontPx });
		expect(result.fits).toBe(expected.fits);
		expect(result.fontPx).toBe(expected.fontPx);
		expect(result.lines).toHaveLength(expected.lines);
		if (result.fits) {
			for (const line of result.lines) expect(mono(line, result.fontPx)).toBeLessThanOrEqual(box.w);
			expect(result.lines.length * result.lineHeightPx).toBeLessThanOrEqual(box.h);
		} else {
			expect(result.reason).toMatch(/bubble/);
		}
	});

	it('names the word that is too wide', () => {
		const result = fitText(
			'le mot incompréhensible',
			{ w: 20, h: 200 },
			{ measure: mono, minFontPx: 8, maxFontPx: 9 }
		);
		expect(result.fits).toBe(false);
		expect(!result.fits && result.reason).toContain('"incompréhensible"');
	});
});

describe('innerBox', () => {
	const region = { x: 100, y: 100, w: 200, h: 100 };
	it.each<[BubbleShape['kind']]>([['rect'], ['rounded'], ['ellipse'], ['cloud'], ['burst']])(
		'%s: centred and inside the shape box',
		(kind) => {
			const box = innerBox({ kind, region });
			expect(box.x + box.w / 2).toBeCloseTo(200);
			expect(box.y + box.h / 2).toBeCloseTo(150);
			expect(box.w).toBeLessThan(region.w);
			expect(box.h).toBeLessThan(region.h);
		}
	);

	it('an ellipse keeps its inner box inside the outline (corners on or within the ellipse)', () => {
		const box = innerBox({ kind: 'ellipse', region });
		const nx = box.w / 2 / (region.w / 2);
		const ny = box.h / 2 / (region.h / 2);
		expect(nx * nx + ny * ny).toBeLessThanOrEqual(1);
	});

	it('more ornate shapes leave less room: rect > rounded > ellipse > cloud > burst', () => {
		const areas = (['rect', 'rounded', 'ellipse', 'cloud', 'burst'] as const).map((kind) => {
			const b = innerBox({ kind, region });
			return b.w * b.h;
		});
		expect([...areas].sort((a, b) => b - a)).toEqual(areas);
	});
});

describe('shapeFor and fontRange', () => {
	const bubble = {
		shape: { kind: 'ellipse' as const, region: { x: 0, y: 0, w: 10, h: 10 } },
		shapeByLanguage: { fr: { kind: 'rounded' as const, region: { x: 0, y: 0, w: 20, h: 10 } } }
	};
	it.each([
		['fr', 'rounded'],
		['en', 'ellipse']
	])('shape in %s is %s', (lang, kind) => {
		expect(shapeFor(bubble, lang)?.kind).toBe(kind);
	});

	it.each([
		[1536, 25, 52],
		[400, 8, 14]
	])('fontRange(%i) = %i..%i', (width, min, max) => {
		expect(fontRange(width)).toEqual({ minFontPx: min, maxFontPx: max });
	});
});
