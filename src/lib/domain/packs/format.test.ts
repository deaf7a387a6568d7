import { describe, expect, it } from 'vitest';
import { checkPackManifest, packLanguages, packVersion, selectPackFiles, type PackManifest } from './format';

const files = [
	{ path: 'comic.json', size: 10, sha256: 'a'.repeat(64), type: 'application/json' },
	{ path: 'art/p1.webp', size: 100, sha256: 'b'.repeat(64), type: 'image/webp' },
	{ path: 'audio/fr.ogg', size: 1000, sha256: 'c'.repeat(64), type: 'audio/ogg', language: 'fr' },
	{ path: 'audio/bm.ogg', size: 700, sha256: 'd'.repeat(64), type: 'audio/ogg', language: 'bm' }
];
const listing = { format: 'kalanso-pack', formatVersion: 1, slug: 'x', title: { fr: 'X' }, files } as const;
const pack: PackManifest = { ...listing, version: packVersion(listing), signature: null };

describe('selectPackFiles', () => {
	it.each([
		[[], ['comic.json', 'art/p1.webp']],
		[['fr'], ['comic.json', 'art/p1.webp', 'audio/fr.ogg']],
		[
			['fr', 'bm'],
			['comic.json', 'art/p1.webp', 'audio/fr.ogg', 'audio/bm.ogg']
		],
		[['ses'], ['comic.json', 'art/p1.webp']]
	])('languages %j → %j', (languages, paths) =>
		expect(selectPackFiles(pack, languages).map((f) => f.path)).toEqual(paths)
	);
	it('sums bytes per language', () =>
		expect(packLanguages(pack)).toEqual([
			{ tag: 'bm', bytes: 700 },
			{ tag: 'fr', bytes: 1000 }
		]));
});

describe('checkPackManifest', () => {
	const cases: [string, unknown, string | null][] = [
		['a valid pack', pack, null],
		[
			'a signed pack (signature is not hashed)',
			{ ...pack, signature: { algorithm: 'ed25519', value: 'x' } },
			null
		],
		['a changed size', { ...pack, files: [{ ...files[0], size: 11 }, ...files.slice(1)] }, 'version'],
		['a changed title', { ...pack, title: { fr: 'Y' } }, 'version'],
		['a path leaving the comic', { ...pack, files: [...files, { ...files[1], path: '../x' }] }, 'files'],
		['no comic.json', { ...pack, files: files.slice(1) }, 'comic.json'],
		['a duplicated file', { ...pack, files: [...files, files[1]] }, 'twice'],
		['another format', { ...pack, format: 'zip' }, 'format']
	];
	it.each(cases)('%s', (_name, raw, problem) => {
		const result = checkPackManifest(raw);
		if (problem === null) expect(result).toHaveProperty('pack');
		else expect((result as { problem: string }).problem).toContain(problem);
	});
});
