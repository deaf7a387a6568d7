import { describe, expect, it } from 'vitest';
import type { Manifest } from '$lib/domain/manifest/schema';
import { translatorEditProblem } from '$lib/domain/studio/translator-edit';
import { applyStudioEdit, parseStudioEdit } from '$lib/server/studio/text/edit';
import { StudioState } from './studio.svelte';

const manifest = {
	referenceLanguage: 'fr',
	languages: [
		{ tag: 'fr', status: 'reviewed' },
		{ tag: 'bm', status: 'draft' }
	],
	pages: [
		{
			id: 'p1',
			width: 400,
			height: 300,
			panels: [
				{
					id: 'p1-1',
					region: { x: 0, y: 0, w: 200, h: 150 },
					description: { fr: 'Une cour' },
					bubbles: [
						{
							id: 'p1-1-b1',
							role: 'speech',
							shape: { kind: 'ellipse', region: { x: 10, y: 10, w: 80, h: 40 } },
							text: { fr: 'Bonjour' }
						},
						{
							id: 'p1-1-b2',
							role: 'speech',
							shape: { kind: 'ellipse', region: { x: 100, y: 10, w: 80, h: 40 } },
							text: { fr: 'Au revoir' }
						}
					]
				},
				{ id: 'p1-2', region: { x: 200, y: 0, w: 200, h: 150 }, description: {}, bubbles: [] }
			]
		}
	]
} as unknown as Manifest;

/** The manifest the server's save makes of what the studio sends. */
const saved = (studio: StudioState): Manifest =>
	applyStudioEdit(manifest, parseStudioEdit(studio.editJson()));

describe("the studio of a translator's draft (issue 17)", () => {
	it('offers only the languages other than the reference, even when French is asked for', () => {
		const studio = new StudioState(manifest, 'fr', true);
		expect(studio.languages.map((l) => l.tag)).toEqual(['bm']);
		expect(studio.target).toBe('bm');
		expect(new StudioState(manifest, 'fr').target).toBe('fr');
	});

	it('changes the translation only: what the server would accept from a translator', () => {
		const studio = new StudioState(manifest, 'bm', true);
		const [b1, b2] = studio.page.panels[0]!.bubbles;
		studio.setText(b1!, 'bm', 'I ni ce');
		studio.setText(b1!, 'fr', 'Salut');
		studio.setDescription(studio.page.panels[0]!, 'fr', 'Une rue');
		studio.setBubbleRegion(b1!, { x: 50, y: 50, w: 10, h: 10 });
		studio.setBubbleKind(b2!, 'cloud');
		studio.setTail(b1!, { x: 1, y: 1 });
		studio.setOverride(b2!, true);
		studio.moveBubble(studio.page.panels[0]!, 0, 1);
		studio.movePanel(0, 1);
		expect(studio.addBubble({ x: 0, y: 0, w: 40, h: 40 })).toBeNull();
		expect(studio.addPanel({ x: 0, y: 0, w: 40, h: 40 })).toBeNull();
		const after = saved(studio);
		expect(after.pages[0]!.panels[0]!.bubbles[0]!.text).toEqual({ fr: 'Bonjour', bm: 'I ni ce' });
		expect(translatorEditProblem(manifest, after)).toBeNull();
	});

	it("an author's studio changes all of it (the same calls)", () => {
		const studio = new StudioState(manifest, 'fr');
		const [b1] = studio.page.panels[0]!.bubbles;
		studio.setText(b1!, 'fr', 'Salut');
		studio.setBubbleRegion(b1!, { x: 50, y: 50, w: 10, h: 10 });
		studio.movePanel(0, 1);
		expect(studio.addBubble({ x: 0, y: 0, w: 40, h: 40 })).not.toBeNull();
		expect(translatorEditProblem(manifest, saved(studio))).toMatchObject({ code: 'translator-reference' });
	});
});
