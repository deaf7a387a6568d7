import { describe, expect, it } from 'vitest';
import { CLOTH, FLAG, HAIR, INK, SKIN } from '../../../comics/tools/palette';
import { fillFor } from './bubble-drawing';
import {
	contrastRatio,
	HIGHLIGHT_CORE,
	HIGHLIGHT_EDGE,
	HIGHLIGHT_HALO,
	relativeLuminance
} from './highlight-style';

const hex = (css: string) => parseInt(css.slice(1), 16);

describe('contrastRatio (WCAG 2.2)', () => {
	it.each([
		[0x000000, 0xffffff, 21],
		[0xffffff, 0xffffff, 1],
		[0x767676, 0xffffff, 4.54],
		[0xf39c12, 0xffffff, 2.19]
	])('%s on %s is %s:1', (a, b, ratio) => {
		expect(contrastRatio(a, b)).toBeCloseTo(ratio, 2);
		expect(relativeLuminance(0xffffff)).toBeCloseTo(1, 6);
	});
});

describe('the highlight of the bubble being read', () => {
	// Every colour the outline can sit on: the bubble fills and the art kit's palette.
	const backgrounds: [string, number][] = [
		['speech bubble', fillFor('speech')],
		['caption', fillFor('caption')],
		['sound', fillFor('sound')],
		['ink', hex(INK)],
		...[SKIN, FLAG, HAIR, CLOTH].flatMap((group) =>
			Object.entries(group).map(([name, css]) => [name, hex(css)] as [string, number])
		)
	];

	it.each(backgrounds)('stands out at 3:1 or more on %s (SC 1.4.11)', (_name, colour) => {
		const best = Math.max(contrastRatio(HIGHLIGHT_HALO, colour), contrastRatio(HIGHLIGHT_EDGE, colour));
		expect(best).toBeGreaterThanOrEqual(3);
	});

	it('has bands that stand out from one another at 3:1 or more', () => {
		expect(contrastRatio(HIGHLIGHT_HALO, HIGHLIGHT_EDGE)).toBeGreaterThanOrEqual(3);
		expect(contrastRatio(HIGHLIGHT_CORE, HIGHLIGHT_EDGE)).toBeGreaterThanOrEqual(3);
	});
});
