import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/schema';
import { panelClips } from './panel';

const manifest = {
	pages: [
		{
			id: 'p1',
			panels: [
				{ id: 'p1-1', bubbles: [{ id: 'b1' }, { id: 'b2' }] },
				{ id: 'p1-2', bubbles: [{ id: 'b3' }] }
			]
		}
	],
	narration: {
		fr: {
			status: 'complete',
			voice: 'x',
			synthetic: true,
			audio: [{ id: 'a1', sources: [{ src: 'audio/fr/p1.mp3', type: 'audio/mpeg' }], durationSec: 9 }],
			clips: [
				{ target: 'b1', audio: 'a1', startSec: 0, endSec: 1 },
				{ target: 'b2', audio: 'a1', startSec: 1, endSec: 2.5 },
				{ target: 'p1-2', audio: 'a1', startSec: 3, endSec: 4 },
				{ target: 'b3', audio: 'a1', startSec: 4, endSec: 5 }
			]
		}
	}
} as unknown as Manifest;

describe('panelClips', () => {
	it("gives a panel's description then its bubbles, in reading order, with the file's sources", () => {
		expect(panelClips(manifest, 'fr', 'p1-1')).toEqual([
			{ sources: [{ src: 'audio/fr/p1.mp3', type: 'audio/mpeg' }], startSec: 0, endSec: 1 },
			{ sources: [{ src: 'audio/fr/p1.mp3', type: 'audio/mpeg' }], startSec: 1, endSec: 2.5 }
		]);
		expect(panelClips(manifest, 'fr', 'p1-2').map((c) => c.startSec)).toEqual([3, 4]);
	});

	it('is empty without narration in that language', () => {
		expect(panelClips(manifest, 'bm', 'p1-1')).toEqual([]);
	});
});
