import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/schema';
import { findingLanguage, findingTarget } from './finding-target';

const manifest = {
	pages: [
		{ id: 'p1', panels: [{ id: 'p1-1', bubbles: [{ id: 'p1-1-b1' }] }] },
		{ id: 'p2', panels: [{ id: 'p2-1', bubbles: [] }] }
	]
} as unknown as Pick<Manifest, 'pages'>;

describe('findingTarget', () => {
	it('names the bubble, else the panel, else the page a path points into', () => {
		expect(findingTarget(manifest, '$.pages[0].panels[0].bubbles[0].text.bm')).toBe('p1-1-b1');
		expect(findingTarget(manifest, '$.pages[1].panels[0].region')).toBe('p2-1');
		expect(findingTarget(manifest, '$.pages[0].panels[0].bubbles[5].text')).toBe('p1-1');
		expect(findingTarget(manifest, '$.pages[1].image')).toBe('p2');
	});

	it('is null for what is not on a page', () => {
		expect(findingTarget(manifest, '$.languages[2].tag')).toBeNull();
		expect(findingTarget(manifest, '$.narration.fr.clips[0].endSec')).toBeNull();
		expect(findingTarget(manifest, '$')).toBeNull();
	});

	it('reads the language a path names', () => {
		expect(findingLanguage('$.pages[0].panels[0].bubbles[0].shapeByLanguage.bm.region')).toBe('bm');
		expect(findingLanguage('$.pages[0].image')).toBeNull();
	});
});
