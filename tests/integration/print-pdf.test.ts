/**
 * The printed comic and worksheet (issue 18), read back with poppler-utils as a school's printer
 * would see them: page count, extractable text in the chosen language (pdftotext), and rendered
 * pages compared with committed reference images (pdftoppm). Everything comes from a PUBLISHED
 * version made through the review workflow, never from comics/ on disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import type { Quiz } from '../../src/lib/domain/quiz/schema';
import type { VersionDocument } from '../../src/lib/domain/signing/version';
import { loadLanguages } from '../../src/lib/server/content/comic-folder';
import { printFonts } from '../../src/lib/server/print/fonts';
import { printModel, type PrintOptions } from '../../src/lib/server/print/model';
import { printPdf } from '../../src/lib/server/print/pdf';
import { getQuizPayload } from '../../src/lib/server/quiz/quiz-service';
import { prepareVersion } from '../../src/lib/server/store/versions';
import { folderFiles, reviewWorld, type ReviewWorld } from './support/review-world';

const COMIC = 'trente-jours';
const REFERENCES = 'tests/integration/print';
/** Tolerance of the image comparison: mean difference (0–255) and share of pixels far apart. */
const MAX_MEAN = 1;
const MAX_SHARE = 0.004;
/** Pages the worksheet of trente-jours takes on A4. */
const WORKSHEET_PAGES = 2;
/** Set to regenerate the reference images after an intended change of the layout. */
const UPDATE = process.env.KALANSO_UPDATE_PRINT_REFERENCES === '1';
/** The reworded first question: only in the published version, not in comics/ on disk. */
const PUBLISHED_PROMPT = 'Question relue par les réviseurs : que demande Awa ?';

describe('the printed comic (PDF)', () => {
	let world: ReviewWorld;
	let dir: string;
	let document: VersionDocument;
	let make: (options: Partial<PrintOptions>, fixedApproval?: boolean) => Promise<string>;
	let quizOnDisk: Quiz;
	let originalPrompt: string;

	beforeAll(async () => {
		world = await reviewWorld();
		dir = await mkdtemp(path.join(tmpdir(), 'kalanso-print-'));
		const files = await folderFiles(`comics/${COMIC}`);
		const manifest = JSON.parse(new TextDecoder().decode(files.get('comic.json'))) as Manifest;
		files.delete('comic.json');
		const quiz = JSON.parse(new TextDecoder().decode(files.get('quiz.json'))) as Quiz;
		quizOnDisk = JSON.parse(JSON.stringify(quiz)) as Quiz;
		originalPrompt = quiz.questions[0]!.prompt.fr!;
		quiz.questions[0]!.prompt.fr = PUBLISHED_PROMPT;
		files.set('quiz.json', new TextEncoder().encode(JSON.stringify(quiz)));
		await world.publish(await prepareVersion(manifest, files));
		const published = (await world.service.publishedComic(COMIC))!;
		document = published.document;
		const read = async (asset: string) => {
			const file = world.service.assetFile(document, asset);
			return file ? new Uint8Array(await readFile(file)) : null;
		};
		const payload = await getQuizPayload(document, (_d, asset) => read(asset), 'comics');
		const languages = await loadLanguages('comics');
		const fonts = await printFonts();
		let n = 0;
		make = async (options, fixedApproval = false) => {
			// Reference images keep one approval line: a new day or a re-encoded asset must not change them.
			const version = fixedApproval
				? { versionHash: '0123456789ab'.padEnd(64, '0'), approvedAt: '2026-01-15T09:00:00.000Z' }
				: published.version;
			const model = printModel(
				{ document, payload, version, languages },
				{ lang: 'fr', format: 'A4', parts: ['comic', 'worksheet'], ui: 'fr', ...options },
				fonts
			);
			const file = path.join(dir, `print-${n++}.pdf`);
			await writeFile(file, await printPdf(model, read, fonts));
			return file;
		};
	}, 120_000);
	afterAll(async () => {
		await world?.close();
		await rm(dir, { recursive: true, force: true });
	});

	const pages = (file: string) =>
		Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
	const text = (file: string, first?: number, last?: number) =>
		execFileSync(
			'pdftotext',
			[...(first ? ['-f', String(first), '-l', String(last ?? first)] : []), '-enc', 'UTF-8', file, '-'],
			{ encoding: 'utf8' }
		);

	/** Text as pdftotext gives it and as the manifest has it, spaces made comparable. */
	const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
	const bubbles = (page: number, lang: string) =>
		document.manifest.pages[page]!.panels.flatMap((p) => p.bubbles.map((b) => b.text[lang] ?? b.text.fr!));

	it('prints the comic in French on A4: 3 pages, the back page, then the worksheet from the published quiz', async () => {
		const file = await make({ lang: 'fr' });
		expect(pages(file)).toBe(4 + WORKSHEET_PAGES);
		const first = flat(text(file, 1));
		for (const bubble of bubbles(0, 'fr')) expect(first).toContain(flat(bubble));
		expect(first).not.toContain(flat(document.manifest.pages[0]!.panels[0]!.bubbles[0]!.text.en!));
		const back = flat(text(file, 4));
		expect(back).toContain(document.manifest.title.fr);
		for (const code of document.manifest.objectives) expect(back).toContain(code);
		expect(back).toMatch(/code d'exemple/);
		expect(back).toMatch(/Version approuvée [0-9a-f]{12}, le \d{4}-\d{2}-\d{2}/);
		const sheet = flat(text(file, 5, 4 + WORKSHEET_PAGES));
		expect(sheet).toContain("Fiche d'exercices");
		expect(sheet).toContain(PUBLISHED_PROMPT);
		expect(sheet).not.toContain(flat(originalPrompt));
	});

	it('prints the same pages in English, and in Bambara with ɛ ɔ ɲ ŋ as text, fonts embedded', async () => {
		const en = await make({ lang: 'en', parts: ['comic'] });
		expect(pages(en)).toBe(4);
		const first = flat(text(en, 1));
		for (const bubble of bubbles(0, 'en')) expect(first).toContain(flat(bubble));
		const bm = await make({ lang: 'bm', parts: ['comic'] });
		const bmText = flat(text(bm));
		const withLetters = document.manifest.pages
			.flatMap((p) => p.panels.flatMap((q) => q.bubbles.map((b) => b.text.bm)))
			.filter((t): t is string => !!t && /[ɛɔɲŋ]/.test(t));
		expect(withLetters.length).toBeGreaterThan(0);
		for (const t of withLetters) expect(bmText).toContain(flat(t));
		const fonts = execFileSync('pdffonts', [bm], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
		expect(fonts.length).toBeGreaterThan(0);
		for (const line of fonts) expect(line).toMatch(/NotoSans.*\byes\s+yes\s+yes\b/);
	});

	it('imposes an A5 booklet: one A4 landscape sheet, back page beside page 1', async () => {
		const file = await make({ format: 'A5', parts: ['comic'] });
		expect(pages(file)).toBe(2);
		expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+841.89 x 595.28/);
		const front = flat(text(file, 1));
		expect(front).toContain(document.manifest.title.fr);
		expect(front).toContain(flat(bubbles(0, 'fr')[0]!));
		expect(flat(text(file, 2))).toContain(flat(bubbles(1, 'fr')[0]!));
	});

	it('prints the answer key with the explanations', async () => {
		const file = await make({ parts: ['key'] });
		const key = flat(text(file));
		expect(key).toContain('Corrigé');
		for (const q of quizOnDisk.questions.slice(1)) expect(key).toContain(flat(q.explanation.fr!));
	});

	it('renders pages that match the reference images', async () => {
		const a4 = await make({ lang: 'fr' }, true);
		const a5 = await make({ lang: 'bm', format: 'A5', parts: ['comic'] }, true);
		const cases: Array<[string, string, number]> = [
			['fr-a4-page-1', a4, 1],
			['fr-a4-back', a4, 4],
			['fr-a4-worksheet-1', a4, 5],
			['bm-a5-sheet-1', a5, 1]
		];
		for (const [name, file, page] of cases) {
			const out = path.join(dir, name);
			execFileSync('pdftoppm', [
				'-r',
				'40',
				'-gray',
				'-png',
				'-singlefile',
				'-f',
				String(page),
				'-l',
				String(page),
				file,
				out
			]);
			const reference = path.join(REFERENCES, `${name}.png`);
			if (UPDATE) await writeFile(reference, await readFile(`${out}.png`));
			const diff = await compare(`${out}.png`, reference);
			expect(diff.size, name).toBe(true);
			expect(diff.mean, name).toBeLessThan(MAX_MEAN);
			expect(diff.share, name).toBeLessThan(MAX_SHARE);
		}
		// The tolerance still sees a page whose bubbles say something else (English, same art).
		const en = await make({ lang: 'en', parts: ['comic'] }, true);
		const out = path.join(dir, 'en-a4-page-1');
		execFileSync('pdftoppm', ['-r', '40', '-gray', '-png', '-singlefile', '-f', '1', '-l', '1', en, out]);
		const diff = await compare(`${out}.png`, path.join(REFERENCES, 'fr-a4-page-1.png'));
		expect(diff.mean > MAX_MEAN || diff.share > MAX_SHARE).toBe(true);
	});
});

/**
 * How far a rendered page is from its reference: mean absolute difference (0–255) and the share of
 * pixels more than 64 apart (anti-aliasing differs a little between poppler versions). The same
 * page in English instead of French is ≈ 2.6 and 1.8 % apart at 40 dpi.
 */
async function compare(actual: string, expected: string) {
	const [a, b] = await Promise.all(
		[actual, expected].map((f) => sharp(f).greyscale().raw().toBuffer({ resolveWithObject: true }))
	);
	if (a!.info.width !== b!.info.width || a!.info.height !== b!.info.height)
		return { size: false, mean: 255, share: 1 };
	let sum = 0;
	let far = 0;
	for (let i = 0; i < a!.data.length; i++) {
		const d = Math.abs(a!.data[i]! - b!.data[i]!);
		sum += d;
		if (d > 64) far++;
	}
	return { size: true, mean: sum / a!.data.length, share: far / a!.data.length };
}
