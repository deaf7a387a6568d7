import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../domain/manifest/schema';
import { applyStudioEdit, parseStudioEdit, StudioEditError } from './edit';

const stored = {
	schemaVersion: 1,
	id: 'demo',
	referenceLanguage: 'fr',
	languages: [
		{ tag: 'fr', status: 'complete' },
		{ tag: 'bm', status: 'draft' }
	],
	narration: { fr: { status: 'partial', voice: 'x', synthetic: true, audio: [], clips: [] } },
	pages: [
		{
			id: 'p1',
			image: 'art/p1.webp',
			width: 400,
			height: 600,
			panels: [
				{
					id: 'p1-1',
					region: { x: 0, y: 0, w: 400, h: 300 },
					description: { fr: 'Une rue.' },
					bubbles: [
						{
							id: 'b1',
							role: 'shout',
							character: 'awa',
							shape: { kind: 'burst', region: { x: 10, y: 10, w: 100, h: 50 } },
							tail: { x: 50, y: 200 },
							text: { fr: 'Oh !' }
						}
					]
				}
			]
		}
	]
} as unknown as Manifest;

const edit = (bubbles: unknown[], extraPanels: unknown[] = []) =>
	parseStudioEdit(
		JSON.stringify({
			pages: [
				{
					id: 'p1',
					panels: [{ id: 'p1-1', region: { x: 0, y: 0, w: 400, h: 300 }, bubbles }, ...extraPanels]
				}
			]
		})
	);

const b1 = {
	id: 'b1',
	role: 'speech',
	character: 'musa',
	shape: { kind: 'burst', region: { x: 10.4, y: 10.6, w: 100, h: 50 } },
	tail: { x: 60.2, y: 210 },
	text: { fr: ' Oh ! ', bm: 'Ko\u0301!', en: '' },
	textStatus: { bm: 'reviewed', en: 'reviewed' }
};

describe('applyStudioEdit', () => {
	it('takes texts (NFC, trimmed, empty left out), statuses of existing texts and whole-pixel geometry', () => {
		const out = applyStudioEdit(stored, edit([b1]));
		const bubble = out.pages[0]!.panels[0]!.bubbles[0]!;
		expect(bubble.text).toEqual({ fr: 'Oh !', bm: 'Kó!' });
		expect(bubble.textStatus).toEqual({ bm: 'reviewed' });
		expect(bubble.shape?.region).toEqual({ x: 10, y: 11, w: 100, h: 50 });
		expect(bubble.tail).toEqual({ x: 60, y: 210 });
		// A stored bubble keeps its role and speaker; the page, narration and description are kept.
		expect(bubble.role).toBe('shout');
		expect(bubble.character).toBe('awa');
		expect(out.pages[0]!.image).toBe('art/p1.webp');
		expect(out.pages[0]!.panels[0]!.description).toEqual({ fr: 'Une rue.' });
		expect(out.narration).toBe(stored.narration);
		expect(stored.pages[0]!.panels[0]!.bubbles[0]!.text).toEqual({ fr: 'Oh !' });
	});

	it('removes a tail set to null and adds new panels and bubbles', () => {
		const out = applyStudioEdit(
			stored,
			edit(
				[{ ...b1, tail: null }],
				[
					{
						id: 'p1-panel-1',
						region: { x: 0, y: 300, w: 400, h: 300 },
						description: { fr: 'La mairie.' },
						bubbles: [{ id: 'n1', shape: b1.shape, text: { fr: 'Salut' } }]
					}
				]
			)
		);
		expect(out.pages[0]!.panels[0]!.bubbles[0]!.tail).toBeUndefined();
		expect(out.pages[0]!.panels[1]!).toMatchObject({
			id: 'p1-panel-1',
			description: { fr: 'La mairie.' },
			bubbles: [{ id: 'n1', role: 'speech', text: { fr: 'Salut' } }]
		});
	});

	it('refuses an edit that drops a stored bubble or names an unknown page, and one of the wrong shape', () => {
		expect(() => applyStudioEdit(stored, edit([]))).toThrow(StudioEditError);
		expect(() =>
			applyStudioEdit(stored, parseStudioEdit(JSON.stringify({ pages: [{ id: 'p9', panels: [] }] })))
		).toThrow(/no page "p9"/);
		expect(() => parseStudioEdit('{')).toThrow(StudioEditError);
		expect(() => parseStudioEdit(JSON.stringify({ pages: [{ id: 'p1', panels: [], image: 'x' }] }))).toThrow(
			StudioEditError
		);
	});
});
