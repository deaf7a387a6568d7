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
/** Set to regenerate the reference images after an intended change of the layout. */
const UPDATE = process.env.KALANSO_UPDATE_PRINT_REFERENCES === '1';
/** The reworded first question: only in the published version, not in comics/ on disk. */
const PUBLISHED_PROMPT = 'Question relue par les réviseurs : que demande Awa ?';

describe('the printed comic (PDF)', () => {
	let world: ReviewWorld;
	let dir: string;
	let document: VersionDocument;
	let make: (options: Partial<PrintOptions>) => Promise<string>;

	beforeAll(async () => {
		world = await reviewWorld();
		dir = await mkdtemp(path.join(tmpdir(), 'kalanso-print-'));
		const files = await folderFiles(`comics/${COMIC}`);
		const manifest = JSON.parse(new TextDecoder().decode(files.get('comic.json'))) as Manifest;
		files.delete('comic.json');
		const quiz = JSON.parse(new TextDecoder().decode(files.get('quiz.json')));
		quiz.questions[0].prompt.fr = PUBLISHED_PROMPT;
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
		make = async (options) => {
			const model = printModel(
				{ document, payload, version: published.version, languages },
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
		).replace(/\s+/g, ' ');
	const words = (s: string) => s.split(/\s+/).filter((w) => w.length > 3);

	it('debug', async () => {
		const file = await make({});
		console.log(file, pages(file));
		execFileSync('cp', [file, '/tmp/print-debug.pdf']);
		const file2 = await make({ lang: 'bm', format: 'A5', parts: ['comic', 'key'] });
		execFileSync('cp', [file2, '/tmp/print-debug-a5.pdf']);
		console.log(text(file).slice(0, 3000));
	}, 120_000);
});
