import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/schema';
import {
	canStep,
	findPanel,
	firstPanelOfPage,
	pageOfPanel,
	pagesToKeep,
	positionLabel,
	readingOrder,
	step,
	type ReaderMode
} from './reading-order';

/** Three pages with 2, 3 and 1 panels: panel ids "a1 a2 | b1 b2 b3 | c1". */
const comic = {
	pages: [['a1', 'a2'], ['b1', 'b2', 'b3'], ['c1']].map((ids, p) => ({
		id: `p${p}`,
		panels: ids.map((id) => ({ id }))
	}))
} as unknown as Pick<Manifest, 'pages'>;
const order = readingOrder(comic);

describe('readingOrder', () => {
	it('flattens pages and panels in order', () => {
		expect(order.map((p) => p.panelId)).toEqual(['a1', 'a2', 'b1', 'b2', 'b3', 'c1']);
		expect(order[3]).toEqual({ index: 3, pageIndex: 1, panelIndex: 1, pageId: 'p1', panelId: 'b2' });
	});
});

describe('step', () => {
	it.each<[string, number, 1 | -1, ReaderMode, number]>([
		['guided next within a page', 0, 1, 'guided', 1],
		['guided next crosses to the next page', 1, 1, 'guided', 2],
		['guided prev crosses back', 2, -1, 'guided', 1],
		['guided next at the end stays', 5, 1, 'guided', 5],
		['guided prev at the start stays', 0, -1, 'guided', 0],
		['page next lands on the first panel of the next page', 0, 1, 'page', 2],
		['page next from a middle panel', 3, 1, 'page', 5],
		['page prev lands on the first panel of the previous page', 4, -1, 'page', 0],
		['page prev on the first page stays', 1, -1, 'page', 1],
		['page next on the last page stays', 5, 1, 'page', 5],
		['out-of-range index is clamped first', 99, -1, 'guided', 4]
	])('%s', (_name, index, direction, mode, expected) => {
		expect(step(order, index, direction, mode)).toBe(expected);
	});

	it.each<[number, 1 | -1, ReaderMode, boolean]>([
		[0, -1, 'guided', false],
		[0, 1, 'guided', true],
		[5, 1, 'page', false],
		[4, 1, 'page', true]
	])('canStep(%i, %i, %s) = %s', (index, direction, mode, expected) => {
		expect(canStep(order, index, direction, mode)).toBe(expected);
	});
});

describe('page and panel lookups', () => {
	it.each([
		[0, 0],
		[2, 1],
		[4, 1],
		[5, 2],
		[-3, 0],
		[42, 2]
	])('panel %i is on page %i', (index, page) => {
		expect(pageOfPanel(order, index)).toBe(page);
	});

	it.each([
		[0, 0],
		[1, 2],
		[2, 5],
		[7, 5]
	])('first panel of page %i is %i', (page, index) => {
		expect(firstPanelOfPage(order, page)).toBe(index);
	});

	it.each([
		['b3', 4],
		['a1', 0],
		['nope', -1]
	])('findPanel(%s) = %i', (id, index) => {
		expect(findPanel(order, id)).toBe(index);
	});

	it.each([
		[0, { page: 1, pages: 3, panel: 1, panelsOnPage: 2 }],
		[4, { page: 2, pages: 3, panel: 3, panelsOnPage: 3 }],
		[5, { page: 3, pages: 3, panel: 1, panelsOnPage: 1 }]
	])('positionLabel(%i)', (index, label) => {
		expect(positionLabel(order, index)).toEqual(label);
	});

	it('positionLabel of an empty comic is all zeros', () => {
		expect(positionLabel([], 0)).toEqual({ page: 0, pages: 0, panel: 0, panelsOnPage: 0 });
	});

	it.each([
		[0, 3, [0, 1]],
		[1, 3, [0, 1, 2]],
		[2, 3, [1, 2]],
		[0, 1, [0]]
	])('pagesToKeep(%i of %i) = %j', (page, count, keep) => {
		expect(pagesToKeep(page, count)).toEqual(keep);
	});
});
