import { describe, expect, it } from 'vitest';
import { freeId, moveItem, moveRegion, regionBetween, resizeRegion, MIN_SIDE } from './geometry';

const page = { width: 400, height: 600 };

describe('studio geometry', () => {
	it('moves a region and keeps it on the page', () => {
		const r = { x: 10, y: 10, w: 100, h: 50 };
		expect(moveRegion(r, 30, 40, page)).toEqual({ x: 40, y: 50, w: 100, h: 50 });
		expect(moveRegion(r, -50, 9999, page)).toEqual({ x: 0, y: 550, w: 100, h: 50 });
	});
	it('resizes from the bottom-right corner, never below the smallest side nor past the page', () => {
		const r = { x: 300, y: 10, w: 50, h: 50 };
		expect(resizeRegion(r, 20, 10, page)).toEqual({ x: 300, y: 10, w: 70, h: 60 });
		expect(resizeRegion(r, 500, -500, page)).toEqual({ x: 300, y: 10, w: 100, h: MIN_SIDE });
	});
	it('draws a region from two corners in any direction', () => {
		expect(regionBetween({ x: 50, y: 80 }, { x: 10, y: 20 }, page)).toEqual({ x: 10, y: 20, w: 40, h: 60 });
		expect(regionBetween({ x: -5, y: 590 }, { x: 20, y: 700 }, page)).toEqual({ x: 0, y: 590, w: 20, h: 10 });
	});
	it('reorders by moving one item', () => {
		expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
		expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
		expect(moveItem(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
	});
	it('finds a free id', () => {
		expect(freeId('p1-1-b', new Set(['p1-1-b-1', 'p1-1-b-2']))).toBe('p1-1-b-3');
	});
});
