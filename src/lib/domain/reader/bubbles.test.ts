import { describe, expect, it } from 'vitest';
import type { Manifest, Page } from '../manifest/schema';
import { bubbleAt, insideBubble, panelTranscript } from './bubbles';

const page = {
	id: 'p1',
	image: 'p1.webp',
	width: 400,
	height: 600,
	panels: [
		{
			id: 'p1-1',
			region: { x: 0, y: 0, w: 400, h: 300 },
			description: { fr: 'Awa devant la mairie.', en: 'Awa at the town hall.' },
			bubbles: [
				{
					id: 'b1',
					role: 'speech',
					character: 'awa',
					shape: { kind: 'ellipse', region: { x: 100, y: 50, w: 200, h: 100 } },
					shapeByLanguage: { en: { kind: 'rect', region: { x: 100, y: 50, w: 200, h: 100 } } },
					text: { fr: 'Bonjour !', en: 'Hello!' }
				},
				{
					id: 'b2',
					role: 'caption',
					shape: { kind: 'rect', region: { x: 120, y: 60, w: 40, h: 40 } },
					text: { fr: 'Le matin', bm: 'Sɔgɔma' }
				}
			]
		},
		{
			id: 'p1-2',
			region: { x: 0, y: 300, w: 400, h: 300 },
			description: { fr: 'Vide.' },
			bubbles: []
		}
	]
} as Page;

describe('insideBubble', () => {
	it.each([
		['centre of the ellipse', 'fr', { x: 200, y: 100 }, true],
		['corner of the box is outside the ellipse', 'fr', { x: 102, y: 52 }, false],
		['the same corner is inside the English rect shape', 'en', { x: 102, y: 52 }, true],
		['far away', 'fr', { x: 10, y: 500 }, false]
	])('%s', (_name, lang, point, inside) => {
		expect(insideBubble(page.panels[0]!.bubbles[0]!, lang, point)).toBe(inside);
	});
});

describe('bubbleAt', () => {
	it.each([
		[{ x: 130, y: 70 }, 'b2'],
		[{ x: 250, y: 100 }, 'b1'],
		[{ x: 380, y: 580 }, null]
	])('at %j → %s', (point, id) => {
		expect(bubbleAt(page, 'fr', point)?.id ?? null).toBe(id);
	});
});

describe('panelTranscript', () => {
	const manifest = {
		referenceLanguage: 'fr',
		characters: [{ id: 'awa', name: { fr: 'Awa', en: 'Awa (en)' } }],
		pages: [page]
	} as unknown as Manifest;

	it('gives speaker, text and description in the language', () => {
		expect(panelTranscript(manifest, 0, 0, 'en')).toEqual({
			panelId: 'p1-1',
			description: { text: 'Awa at the town hall.', lang: 'en' },
			lines: [
				{ bubbleId: 'b1', role: 'speech', speaker: 'Awa (en)', text: 'Hello!', lang: 'en' },
				{ bubbleId: 'b2', role: 'caption', speaker: null, text: 'Le matin', lang: 'fr' }
			]
		});
	});

	it.each([
		['bm', 'Sɔgɔma', 'bm'],
		['fr', 'Le matin', 'fr']
	])('falls back to the reference language only where %s lacks text', (lang, text, used) => {
		const line = panelTranscript(manifest, 0, 0, lang)!.lines[1]!;
		expect(line).toMatchObject({ text, lang: used });
	});

	it('is null for a panel that does not exist', () => {
		expect(panelTranscript(manifest, 3, 0, 'fr')).toBeNull();
	});
});
