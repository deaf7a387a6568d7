import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentChecks } from '../content/checks';
import { loadLanguages, type LanguageInfo } from '../content/comic-folder';
import { fillFinding, isFindingCode, type FindingCode } from '../../domain/manifest/findings';
import { DEFAULT_LIMITS, prepareFromFolder, prepareFromZip, safePackPath } from './prepare';

const FIXTURES = path.resolve('tests/fixtures/comics');
let languages: LanguageInfo[];
let manifest: Record<string, unknown>;
let webp: Uint8Array;
let png: Uint8Array;
let audio: Record<string, Uint8Array>;
/** Every file of the tiny fixture except its SVG sources (refused in packs). */
let fixtureFiles: Record<string, Uint8Array>;

beforeAll(async () => {
	languages = await loadLanguages(FIXTURES);
	manifest = JSON.parse(await readFile(path.join(FIXTURES, 'tiny/comic.json'), 'utf8'));
	webp = new Uint8Array(await readFile(path.join(FIXTURES, 'tiny/art/page-1.webp')));
	png = new Uint8Array(await sharp(webp).png().toBuffer());
	audio = {};
	fixtureFiles = {};
	const walk = async (dir: string) => {
		for (const entry of await readdir(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) await walk(full);
			else if (!entry.name.endsWith('.svg')) {
				const rel = path.relative(path.join(FIXTURES, 'tiny'), full).split(path.sep).join('/');
				fixtureFiles[rel] = new Uint8Array(await readFile(full));
				if (rel.startsWith('audio/')) audio[rel] = fixtureFiles[rel];
			}
		}
	};
	await walk(path.join(FIXTURES, 'tiny'));
});

function pack(files: Record<string, Uint8Array | string>): Uint8Array {
	const zippable: Zippable = {};
	for (const [name, content] of Object.entries(files)) {
		zippable[name] = typeof content === 'string' ? strToU8(content) : content;
	}
	return zipSync(zippable);
}

const good = (): Record<string, Uint8Array | string> => ({ ...fixtureFiles });

describe('prepareFromZip', () => {
	it('accepts the tiny comic and gives the same version as its folder', async () => {
		const checks = await contentChecks(FIXTURES);
		// The tiny folder has a quiz, which belongs to its version: the zip carries it too.
		const quiz = await readFile(path.join(FIXTURES, 'tiny/quiz.json'), 'utf8');
		const fromZip = await prepareFromZip(pack({ ...good(), 'quiz.json': quiz }), languages, checks);
		const fromFolder = await prepareFromFolder(path.join(FIXTURES, 'tiny'), languages, checks);
		expect(fromZip.ok && fromFolder.ok).toBe(true);
		if (!fromZip.ok || !fromFolder.ok) return;
		expect(fromZip.version.versionHash).toBe(fromFolder.version.versionHash);
	});

	it('accepts a pack with the comic inside one top folder, and ignores unused files with a warning', async () => {
		const result = await prepareFromZip(
			pack(
				Object.fromEntries(Object.entries({ ...good(), 'notes.txt': 'x' }).map(([k, v]) => [`tiny/${k}`, v]))
			),
			languages
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect([...result.version.files.keys()].sort()).toEqual(
			Object.keys(fixtureFiles)
				.filter((f) => f !== 'comic.json')
				.sort()
		);
		expect(result.warnings.map((w) => w.file)).toEqual(['notes.txt']);
	});

	const svgPage = () => ({
		...manifest,
		pages: [{ ...(manifest.pages as object[])[0], image: 'art/page-1.svg' }]
	});
	const bad: Array<[string, () => Uint8Array, RegExp]> = [
		['not a zip', () => strToU8('hello'), /not a readable zip/],
		['no comic.json', () => pack({ 'art/page-1.webp': webp }), /no comic\.json/],
		[
			'comic.json not JSON',
			() => pack({ ...good(), 'comic.json': '{' }),
			/not valid JSON at line 1, column 2/
		],
		[
			'comic.json with a trailing comma',
			() => pack({ ...good(), 'comic.json': '{\n  "id": "tiny",\n  "schemaVersion": 1,\n}' }),
			/comic\.json: not valid JSON at line 4, column 1/
		],
		[
			'a PNG named .webp',
			() => pack({ ...good(), 'art/page-1.webp': png }),
			/named \.webp but the file is png/
		],
		[
			'an SVG page',
			() => pack({ ...good(), 'comic.json': JSON.stringify(svgPage()), 'art/page-1.svg': '<svg/>' }),
			/SVG images are refused/
		],
		[
			'SVG content named .webp',
			() => pack({ ...good(), 'art/page-1.webp': '<?xml version="1.0"?><svg onload="alert(1)"/>' }),
			/SVG images are refused/
		],
		[
			'a truncated image',
			() => pack({ ...good(), 'art/page-1.webp': webp.subarray(0, 60) }),
			/not a readable image|named \.webp/
		],
		[
			'a missing image',
			() => pack({ 'comic.json': JSON.stringify(manifest) }),
			/image "art\/page-1\.webp" is missing/
		],
		['a path climbing out', () => pack({ ...good(), '../evil.txt': 'x' }), /path is not allowed/],
		[
			'a manifest error',
			() => pack({ ...good(), 'comic.json': JSON.stringify({ ...manifest, id: 'Bad Id' }) }),
			/lowercase letters/
		],
		[
			'a bad quiz.json',
			() => pack({ ...good(), 'quiz.json': '{\n  oops' }),
			/quiz\.json: not valid JSON at line 2, column 3/
		]
	];
	it.each(bad)('refuses %s, naming the problem', async (_name, make, message) => {
		const result = await prepareFromZip(make(), languages);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues.map((i) => `${i.file}: ${i.message}`).join('\n')).toMatch(message);
	});

	/** What the author's page translates: the code of each refusal, with its message in English. */
	const codes: Record<string, FindingCode> = {
		'not a zip': 'packNotZip',
		'no comic.json': 'packNoManifest',
		'comic.json not JSON': 'notJson',
		'a PNG named .webp': 'imageNamedWrong',
		'an SVG page': 'svgRefused',
		'SVG content named .webp': 'svgRefused',
		'a missing image': 'imageMissing',
		'a path climbing out': 'packPathRefused',
		'a manifest error': 'idFormat',
		'a bad quiz.json': 'notJson'
	};
	it.each(bad)('refuses %s with a finding code the interface translates', async (name, make) => {
		const result = await prepareFromZip(make(), languages);
		if (result.ok) throw new Error('accepted');
		for (const issue of result.issues) {
			expect(isFindingCode(issue.code), issue.code).toBe(true);
			expect(fillFinding(issue)).toBe(issue.message);
		}
		if (codes[name]) expect(result.issues.map((i) => i.code)).toContain(codes[name]);
	});

	it('says once why an image is refused (not again as "cannot be read" with an untranslated reason)', async () => {
		const result = await prepareFromZip(
			pack({ ...good(), 'comic.json': JSON.stringify(svgPage()), 'art/page-1.svg': '<svg/>' }),
			languages
		);
		if (result.ok) throw new Error('accepted');
		expect(result.issues.map((i) => i.code)).toEqual(['svgRefused']);
	});

	it.each([
		['pack', { maxPackBytes: 100 }, /the pack is .* more than the .* allowed/],
		['file', { maxFileBytes: 100 }, /unpacked, more than the .* allowed for one file/],
		['total', { maxTotalBytes: 1000 }, /unpacks to .* more than/],
		['count', { maxFiles: 1 }, /holds \d+ files, more than the 1 allowed/],
		['pixels', { maxImagePixels: 1000 }, /pixels|not a readable image/]
	])('enforces the %s size limit with a clear message', async (_name, limits, message) => {
		const result = await prepareFromZip(pack(good()), languages, {}, { ...DEFAULT_LIMITS, ...limits });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues.map((i) => i.message).join('\n')).toMatch(message);
		for (const issue of result.issues) expect(fillFinding(issue)).toBe(issue.message);
	});
});

describe('safePackPath', () => {
	it.each([
		['art/page-1.webp', 'art/page-1.webp'],
		['../x', null],
		['/etc/passwd', null],
		['a\\b', null],
		['a//b', null],
		['./a', null]
	])('%s → %s', (input, expected) => {
		expect(safePackPath(input)).toBe(expected);
	});
});
