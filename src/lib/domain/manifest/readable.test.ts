import { describe, expect, it } from 'vitest';
import { readableManifest } from './readable';
import { manifestSchema } from './schema';
import { CURRENT_SCHEMA_VERSION } from './version';

/** Every comic manifest of the repository: the sample comics and the test fixture. */
const manifests = import.meta.glob<unknown>(['/comics/*/comic.json', '/tests/fixtures/comics/*/comic.json'], {
	eager: true,
	import: 'default'
});

type Json = Record<string, unknown>;

const tiny = () => structuredClone(manifests['/tests/fixtures/comics/tiny/comic.json']) as Json;

/** The object at a path of keys and indexes inside a manifest, e.g. `at(m, 'pages', 0)`. */
function at(m: Json, ...path: (string | number)[]): Json {
	return path.reduce<unknown>((o, key) => (o as Json)[key], m) as Json;
}

/** The first narration language of a manifest. */
const firstNarration = (m: Json) => Object.values(at(m, 'narration'))[0] as Json;

type Damage = [string, (m: Json) => void];

describe('readableManifest', () => {
	it('finds the manifests it is checked against', () => {
		expect(Object.keys(manifests).length).toBeGreaterThanOrEqual(2);
	});

	it.each(Object.keys(manifests))('reads %s, which the full schema accepts, as it is', async (file) => {
		const raw = manifests[file];
		expect(manifestSchema.safeParse(raw).success).toBe(true);
		expect(await readableManifest(structuredClone(raw))).toEqual(raw);
	});

	const damages: Damage[] = [
		['not an object', () => {}],
		['no pages', (m) => delete m.pages],
		['empty pages', (m) => (m.pages = [])],
		['a page without panels', (m) => delete at(m, 'pages', 0).panels],
		['a page whose width is text', (m) => (at(m, 'pages', 0).width = '400')],
		['a panel region without h', (m) => delete at(m, 'pages', 0, 'panels', 0, 'region').h],
		['a bubble without text', (m) => delete at(m, 'pages', 0, 'panels', 0, 'bubbles', 0).text],
		[
			'a bubble shape without region',
			(m) => delete at(m, 'pages', 0, 'panels', 0, 'bubbles', 0, 'shape').region
		],
		['languages not a list', (m) => (m.languages = 'fr')],
		['a title in one language that is not text', (m) => (m.title = { fr: 3 })],
		['narration audio without sources', (m) => delete at(firstNarration(m), 'audio', 0).sources],
		['a clip whose start is not a number', (m) => (at(firstNarration(m), 'clips', 0).startSec = null)],
		['no schemaVersion', (m) => delete m.schemaVersion],
		['a schemaVersion newer than this app', (m) => (m.schemaVersion = CURRENT_SCHEMA_VERSION + 1)],
		['schemaVersion 0', (m) => (m.schemaVersion = 0)]
	];

	it.each(damages)('refuses a stored copy with %s', async (name, damage) => {
		const m = tiny();
		damage(m);
		expect(await readableManifest(name === 'not an object' ? [m] : m)).toBeNull();
	});

	it('refuses values that are no manifest at all', async () => {
		for (const raw of [null, 'comic', 42, [], {}]) expect(await readableManifest(raw)).toBeNull();
	});
});
