import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, type Manifest } from './schema';
import { formatIssue, jsonPath } from './issues';
import { finding } from './findings';
import { migrateManifest } from './migrate';
import { validateManifest, referencedAssets, type AssetProbe, type ValidationContext } from './validate';

/** A small valid manifest; each case below breaks one thing in a copy of it. */
function valid(): Manifest {
	return {
		schemaVersion: 1,
		id: 'demo',
		title: { fr: 'Titre', en: 'Title' },
		summary: { fr: 'Résumé', en: 'Summary' },
		referenceLanguage: 'fr',
		languages: [
			{ tag: 'fr', status: 'complete' },
			{ tag: 'en', status: 'complete' },
			{ tag: 'bm', status: 'draft', source: 'test' }
		],
		gradeLevels: ['7'],
		themes: ['COLL'],
		objectives: ['SMP-ECM-7-COLL-04.1'],
		characters: [{ id: 'awa', name: { fr: 'Awa', en: 'Awa' } }],
		credits: [{ role: 'story', name: 'Tests' }],
		license: 'CC-BY-4.0',
		pages: [
			{
				id: 'p1',
				image: 'art/p1.webp',
				width: 1000,
				height: 1400,
				panels: [
					{
						id: 'p1-1',
						region: { x: 0, y: 0, w: 1000, h: 700 },
						description: { fr: 'Une rue.', en: 'A street.' },
						bubbles: [
							{
								id: 'b1',
								role: 'speech',
								character: 'awa',
								shape: { kind: 'ellipse', region: { x: 10, y: 10, w: 300, h: 150 } },
								tail: { x: 200, y: 400 },
								text: { fr: 'Bonjour !', en: 'Hello!', bm: 'I ni ce!' }
							}
						]
					},
					{
						id: 'p1-2',
						region: { x: 0, y: 700, w: 1000, h: 700 },
						description: { fr: 'La mairie.', en: 'The town hall.' },
						bubbles: []
					}
				]
			}
		]
	};
}

const image: AssetProbe = { kind: 'image', width: 1000, height: 1400 };

function ctx(overrides: Partial<ValidationContext> = {}): ValidationContext {
	return {
		knownLanguages: new Set(['fr', 'en', 'bm', 'ff', 'ses', 'snk', 'taq']),
		knownObjectives: new Set(['SMP-ECM-7-COLL-04.1']),
		assets: new Map([['art/p1.webp', image]]),
		...overrides
	};
}

function errorsOf(raw: unknown, context = ctx()) {
	return validateManifest(raw, context).issues.filter((i) => i.severity === 'error');
}

describe('validateManifest', () => {
	it('accepts the valid manifest and returns it typed', () => {
		const result = validateManifest(valid(), ctx());
		expect(result.issues).toEqual([]);
		expect(result.manifest?.pages[0]?.panels).toHaveLength(2);
	});

	// Each row: what is broken (manifests are edited as loose JSON, the way a typo would break them),, how, the JSON path and words the message must contain.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately untyped edits
	const cases: Array<[string, (m: Record<string, any>) => void, string, RegExp]> = [
		['missing field', (m) => delete m.title, '$.title', /required/],
		['unknown field', (m) => (m.colour = 'red'), '$', /unknown field.*"colour"/],
		[
			'bad role',
			(m) => (m.pages[0].panels[0].bubbles[0].role = 'whisper'),
			'$.pages[0].panels[0].bubbles[0].role',
			/speech/
		],
		['bad id', (m) => (m.pages[0].id = 'Page One'), '$.pages[0].id', /lowercase/],
		['malformed tag', (m) => (m.languages[0].tag = 'French'), '$.languages[0].tag', /BCP-47/],
		['negative region', (m) => (m.pages[0].panels[0].region.x = -5), '$.pages[0].panels[0].region.x', /0/],
		['page without panels', (m) => (m.pages[0].panels = []), '$.pages[0].panels', /at least one panel/],
		['wrong schema version', (m) => (m.schemaVersion = 0), '$.schemaVersion', /1/],
		[
			'future schema version',
			(m) => (m.schemaVersion = CURRENT_SCHEMA_VERSION + 1),
			'$.schemaVersion',
			/newer/
		],
		[
			'unknown language',
			(m) => m.languages.push({ tag: 'xx', status: 'draft' }),
			'$.languages[3].tag',
			/unknown language "xx"/
		],
		[
			'language twice',
			(m) => m.languages.push({ tag: 'en', status: 'draft' }),
			'$.languages[3].tag',
			/twice/
		],
		['text in undeclared language', (m) => (m.title.ff = 'Tiitoonde'), '$.title.ff', /not declared/],
		['text in unknown language', (m) => (m.title.xx = 'x'), '$.title.xx', /unknown language "xx"/],
		[
			'reference language not declared',
			(m) => (m.referenceLanguage = 'ses'),
			'$.referenceLanguage',
			/not in languages/
		],
		[
			'reference language is a draft',
			(m) => (m.referenceLanguage = 'bm'),
			'$.referenceLanguage',
			/must be complete/
		],
		[
			'duplicate panel id',
			(m) => (m.pages[0].panels[1].id = 'p1-1'),
			'$.pages[0].panels[1].id',
			/duplicate id "p1-1"/
		],
		[
			'bubble id = panel id',
			(m) => (m.pages[0].panels[0].bubbles[0].id = 'p1-2'),
			'$.pages[0].panels[1].id',
			/duplicate id "p1-2"/
		],
		[
			'duplicate character',
			(m) => m.characters.push({ id: 'awa', name: { fr: 'Awa 2' } }),
			'$.characters[1].id',
			/duplicate character/
		],
		[
			'unknown character',
			(m) => (m.pages[0].panels[0].bubbles[0].character = 'zz'),
			'$.pages[0].panels[0].bubbles[0].character',
			/unknown character "zz"/
		],
		[
			'panel outside page',
			(m) => (m.pages[0].panels[1].region.h = 800),
			'$.pages[0].panels[1].region',
			/outside the 1000×1400 page/
		],
		[
			'bubble outside page',
			(m) => (m.pages[0].panels[0].bubbles[0].shape.region.x = 900),
			'$.pages[0].panels[0].bubbles[0].shape.region',
			/outside/
		],
		[
			'per-language shape outside page',
			(m) =>
				(m.pages[0].panels[0].bubbles[0].shapeByLanguage = {
					fr: { kind: 'rect', region: { x: 0, y: 1300, w: 10, h: 200 } }
				}),
			'$.pages[0].panels[0].bubbles[0].shapeByLanguage.fr.region',
			/outside/
		],
		[
			'tail outside page',
			(m) => (m.pages[0].panels[0].bubbles[0].tail = { x: 1200, y: 5 }),
			'$.pages[0].panels[0].bubbles[0].tail',
			/outside/
		],
		[
			'missing image',
			(m) => (m.pages[0].image = 'art/none.webp'),
			'$.pages[0].image',
			/"art\/none.webp" is missing/
		],
		[
			'text not NFC',
			(m) => (m.pages[0].panels[0].bubbles[0].text.fr = 'Cafe\u0301'),
			'$.pages[0].panels[0].bubbles[0].text.fr',
			/NFC/
		],
		[
			'complete language missing a bubble',
			(m) => delete m.pages[0].panels[0].bubbles[0].text.en,
			'$.pages[0].panels[0].bubbles[0].text',
			/"en" is declared complete but bubble "b1"/
		],
		[
			'complete language missing a description',
			(m) => delete m.pages[0].panels[1].description.en,
			'$.pages[0].panels[1].description',
			/panel "p1-2" description/
		],
		[
			'unknown objective',
			(m) => (m.objectives = ['SMP-NOPE']),
			'$.objectives[0]',
			/unknown curriculum objective "SMP-NOPE"/
		],
		['empty text', (m) => (m.summary.en = ''), '$.summary.en', /empty/],
		// A wrong type is not a missing field (zod reports the input only when asked to).
		[
			'a wrong type',
			(m) => (m.pages[0].width = 'wide'),
			'$.pages[0].width',
			/expected number here, found string/
		]
	];

	it.each(cases)('%s → error at the right path', (_name, breakIt, path, words) => {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
		const m = valid() as unknown as Record<string, any>;
		breakIt(m);
		const errors = errorsOf(m);
		const match = errors.find((e) => e.path === path);
		expect(match, `issues: ${JSON.stringify(errors)}`).toBeDefined();
		expect(match!.message).toMatch(words);
		expect(validateManifest(m, ctx()).manifest).toBeNull();
	});

	it.each<[string, AssetProbe, RegExp]>([
		['unreadable image', { kind: 'unreadable', reason: 'bad header' }, /cannot be read: bad header/],
		[
			'image of another size',
			{ kind: 'image', width: 500, height: 700 },
			/500×700 pixels but the page says 1000×1400/
		],
		['audio where an image is expected', { kind: 'audio', durationSec: 3 }, /not an image/]
	])('%s', (_name, probe, words) => {
		const errors = errorsOf(valid(), ctx({ assets: new Map([['art/p1.webp', probe]]) }));
		expect(errors).toHaveLength(1);
		expect(errors[0]!.path).toBe('$.pages[0].image');
		expect(errors[0]!.message).toMatch(words);
	});

	it('a draft language may lack text', () => {
		const m = valid();
		delete m.pages[0]!.panels[0]!.bubbles[0]!.text.bm;
		expect(errorsOf(m)).toEqual([]);
	});

	it('accepts per-bubble statuses and shapes in declared languages, refuses them in others', () => {
		const m = valid();
		const bubble = m.pages[0]!.panels[0]!.bubbles[0]!;
		bubble.textStatus = { bm: 'reviewed', fr: 'draft' };
		bubble.shapeByLanguage = { fr: { kind: 'rounded', region: { x: 10, y: 10, w: 400, h: 160 } } };
		expect(errorsOf(m)).toEqual([]);
		bubble.textStatus = { ff: 'reviewed' };
		bubble.shapeByLanguage = { ff: { kind: 'rounded', region: { x: 10, y: 10, w: 400, h: 160 } } };
		expect(errorsOf(m).map((e) => e.path)).toEqual([
			'$.pages[0].panels[0].bubbles[0].textStatus.ff',
			'$.pages[0].panels[0].bubbles[0].shapeByLanguage.ff'
		]);
		bubble.textStatus = { bm: 'approved' as never };
		expect(errorsOf(m).length).toBeGreaterThan(0);
	});

	it('skips objective checks when no curriculum is given', () => {
		const m = valid();
		m.objectives = ['ANYTHING'];
		expect(errorsOf(m, ctx({ knownObjectives: undefined }))).toEqual([]);
	});

	it('warns (without failing) on text with edge spaces', () => {
		const m = valid();
		m.summary.fr = ' Résumé';
		const result = validateManifest(m, ctx());
		expect(result.issues).toEqual([expect.objectContaining({ severity: 'warning', path: '$.summary.fr' })]);
		expect(result.manifest).not.toBeNull();
	});

	it('runs extra checks on a structurally valid manifest', () => {
		const result = validateManifest(
			valid(),
			ctx({ extraChecks: [(_m, report) => report(['pages', 0], finding('pathLeavesFolder'))] })
		);
		expect(result.issues.map(formatIssue)).toEqual(['comic.json: $.pages[0]: path leaves the comic folder']);
		expect(result.issues[0]).toMatchObject({ code: 'pathLeavesFolder', params: {} });
	});
});

describe('referencedAssets', () => {
	it('lists page images, the cover and narration audio, once each', () => {
		const m = valid() as Manifest;
		m.cover = 'art/cover.webp';
		m.narration = {
			fr: {
				status: 'partial',
				voice: 'test',
				synthetic: true,
				audio: [
					{
						id: 'a1',
						sources: [
							{ src: 'audio/fr/p1.webm', type: 'audio/webm' },
							{ src: 'audio/fr/p1.mp3', type: 'audio/mpeg' }
						],
						durationSec: 3
					}
				],
				clips: []
			}
		};
		expect(referencedAssets(m)).toEqual({
			images: ['art/p1.webp', 'art/cover.webp'],
			audio: ['audio/fr/p1.webm', 'audio/fr/p1.mp3']
		});
	});

	it('tolerates garbage', () => {
		expect(referencedAssets(null)).toEqual({ images: [], audio: [] });
		expect(referencedAssets({ pages: 'x' })).toEqual({ images: [], audio: [] });
	});
});

describe('jsonPath', () => {
	it.each<[PropertyKey[], string]>([
		[[], '$'],
		[['pages', 0, 'panels', 2, 'id'], '$.pages[0].panels[2].id'],
		[['title', 'ff-Latn'], '$.title["ff-Latn"]']
	])('%j → %s', (parts, expected) => expect(jsonPath(parts)).toBe(expected));
});

describe('migrateManifest', () => {
	it('leaves a current manifest as it is', () => {
		const m = valid();
		expect(migrateManifest(m)).toBe(m);
	});
	it('passes non-objects through for the schema to reject', () => {
		expect(migrateManifest('nope')).toBe('nope');
	});
});
