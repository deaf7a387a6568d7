import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { loadComic, loadLanguages } from '../../src/lib/server/content/comic-folder';
import { buildPack } from '../../src/lib/server/packs/build';
import { checkPackManifest, packLanguages, selectPackFiles } from '../../src/lib/domain/packs/format';

describe('building a pack from a comic folder', () => {
	it('lists every file with its size and SHA-256 and a version hash that checks', async () => {
		const root = 'tests/fixtures/comics';
		const comic = await loadComic(`${root}/tiny`, await loadLanguages(root));
		const built = await buildPack(comic.dir, comic.manifest!);
		expect('pack' in checkPackManifest(built.manifest)).toBe(true);
		expect(built.manifest.signature).toBeNull();
		const art = built.manifest.files.find((f) => f.path === 'art/page-1.webp')!;
		const bytes = await readFile('tests/fixtures/comics/tiny/art/page-1.webp');
		expect(art).toEqual({
			path: 'art/page-1.webp',
			size: bytes.byteLength,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			type: 'image/webp'
		});
		expect(JSON.parse(new TextDecoder().decode(built.comicJson))).toEqual(comic.manifest);
		// Narration is split by language, so a school downloads only the languages it uses.
		expect(packLanguages(built.manifest).map((l) => l.tag)).toEqual(['en', 'fr']);
		expect(selectPackFiles(built.manifest, []).map((f) => f.path)).toEqual(['comic.json', 'art/page-1.webp']);
		const french = selectPackFiles(built.manifest, ['fr']).filter((f) => f.language);
		expect(french.map((f) => f.path).sort()).toEqual(['audio/fr/p1.mp3', 'audio/fr/p1.ogg']);
		for (const f of french) expect(f.type).toMatch(/^audio\//);
		// Same content, same version: packs are content-addressed.
		expect((await buildPack(comic.dir, comic.manifest!)).manifest.version).toBe(built.manifest.version);
		const changed = { ...comic.manifest!, title: { ...comic.manifest!.title, fr: 'Autre titre' } };
		expect((await buildPack(comic.dir, changed)).manifest.version).not.toBe(built.manifest.version);
	});
});
