/**
 * `comics:check` as an author runs it: on the valid fixture and on each broken fixture, checking
 * the printed `file: JSON path: reason` line and the exit code. Real files, real image decoding.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fixturesRoot, runComicsCheck } from './comics-check-cli';

const root = fixturesRoot;

const check = runComicsCheck;

describe('comics:check', () => {
	it('passes the valid fixture', async () => {
		const { code, out } = await check(path.join(root, 'comics/tiny'));
		expect(out).toContain('1 comic(s) checked: 0 error(s)');
		expect(code).toBe(0);
	});

	// Where: pages counted from 1 and panels and bubbles by their id, then the JSON path.
	it.each([
		[
			'schema-violation',
			'page 1, panel p1-1, bubble p1-1-b1 ($.pages[0].panels[0].bubbles[0].role)',
			'must be one of "speech"'
		],
		['unknown-language', '$.languages[3].tag', 'unknown language "xx"'],
		['duplicate-id', 'page 1, panel p1-1 ($.pages[0].panels[1].id)', 'duplicate id "p1-1"'],
		['region-outside', 'page 1, panel p1-2 ($.pages[0].panels[1].region)', 'outside the 400×600 page'],
		['missing-image', 'page 1 ($.pages[0].image)', 'image "art/nowhere.webp" is missing'],
		['unreadable-image', 'page 1 ($.pages[0].image)', 'image "art/broken.webp" cannot be read'],
		[
			'not-nfc',
			'page 1, panel p1-1, bubble p1-1-b1 ($.pages[0].panels[0].bubbles[0].text.fr)',
			'not in Unicode NFC'
		],
		[
			'incomplete-language',
			'page 1, panel p1-2, bubble p1-2-b2 ($.pages[0].panels[1].bubbles[1].text)',
			'language "en" is declared complete'
		]
	])('reports %s as file: place (path): reason and fails', async (name, where, reason) => {
		const { code, out } = await check(path.join(root, 'broken', name));
		expect(code).toBe(1);
		const line = out.split('\n').find((l) => l.includes(`broken/${name}/comic.json: ${where}: `));
		expect(line, out).toBeDefined();
		expect(line).toContain(reason);
	});

	it('warns (and passes) when a page costs a tablet more than 150 KB in a narration language', async () => {
		const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kalanso-pack-share-')), 'tiny');
		cpSync(path.join(root, 'comics/tiny'), dir, { recursive: true });
		// Random pixels do not compress: a page of ≈ 720 KB.
		await sharp(randomBytes(400 * 600 * 3), { raw: { width: 400, height: 600, channels: 3 } })
			.webp({ lossless: true })
			.toFile(path.join(dir, 'art/page-1.webp'));
		const { code, out } = await check(dir);
		expect(code).toBe(0);
		expect(out).toMatch(/tiny\/comic\.json: .*: in "fr", each page costs a tablet \d+ KB .* over the 150 KB/);
	});
});
