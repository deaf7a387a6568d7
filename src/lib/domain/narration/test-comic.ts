/**
 * A small two-page comic with French narration, shared by the narration unit tests.
 * Page 1: panel A (bubbles a1, a2), panel B (b1). Page 2: panel C (c1, c2). Page 1 is one audio
 * file, page 2 another; a gap of 0.3 s separates clips.
 */
import type { Manifest } from '../manifest/schema';
import { textHash } from '../signing/hash';

const bubble = (id: string, fr: string) => ({
	id,
	role: 'speech' as const,
	shape: { kind: 'ellipse' as const, region: { x: 0, y: 0, w: 10, h: 10 } },
	text: { fr, en: `${fr} (en)` }
});
const panel = (id: string, bubbles: ReturnType<typeof bubble>[]) => ({
	id,
	region: { x: 0, y: 0, w: 100, h: 100 },
	description: { fr: `Case ${id}`, en: `Panel ${id}` },
	bubbles
});

export const TEXTS: Record<string, string> = {
	a1: 'Bonjour !',
	a2: 'Ça va ?',
	b1: 'Oui, merci.',
	c1: 'Allons à la mairie.',
	c2: 'Trente jours, pas plus.'
};

export function testComic(): Manifest {
	const clip = (target: string, audio: string, startSec: number, endSec: number) => ({
		target,
		audio,
		startSec,
		endSec,
		textHash: textHash(TEXTS[target] ?? `Case ${target}`)
	});
	return {
		schemaVersion: 1,
		id: 'test',
		title: { fr: 'Test' },
		summary: { fr: 'Test' },
		referenceLanguage: 'fr',
		languages: [
			{ tag: 'fr', status: 'complete' },
			{ tag: 'en', status: 'draft' }
		],
		gradeLevels: ['7'],
		themes: ['COLL'],
		objectives: [],
		characters: [],
		credits: [{ role: 'story', name: 'tests' }],
		license: 'CC-BY-4.0',
		pages: [
			{
				id: 'p1',
				image: 'p1.webp',
				width: 100,
				height: 100,
				panels: [
					panel('pa', [bubble('a1', TEXTS.a1!), bubble('a2', TEXTS.a2!)]),
					panel('pb', [bubble('b1', TEXTS.b1!)])
				]
			},
			{
				id: 'p2',
				image: 'p2.webp',
				width: 100,
				height: 100,
				panels: [panel('pc', [bubble('c1', TEXTS.c1!), bubble('c2', TEXTS.c2!)])]
			}
		],
		narration: {
			fr: {
				status: 'complete',
				voice: 'espeak-ng',
				synthetic: true,
				audio: [
					{
						id: 'page-1',
						sources: [{ src: 'audio/fr/p1.webm', type: 'audio/webm; codecs=opus' }],
						durationSec: 5
					},
					{
						id: 'page-2',
						sources: [{ src: 'audio/fr/p2.webm', type: 'audio/webm; codecs=opus' }],
						durationSec: 4
					}
				],
				clips: [
					// Out of order on purpose: the track follows reading order, not clip order.
					clip('b1', 'page-1', 3.3, 4.8),
					clip('a1', 'page-1', 0.3, 1.5),
					clip('a2', 'page-1', 1.8, 3),
					clip('pa', 'page-1', 0, 0.3),
					clip('c1', 'page-2', 0.3, 2),
					clip('c2', 'page-2', 2.3, 3.9)
				]
			}
		}
	};
}
