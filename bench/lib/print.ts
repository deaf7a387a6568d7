/**
 * Print (issue 18): time and size of the PDF of a comic with its worksheet, as a teacher downloads
 * it: `GET /comics/<slug>/print.pdf?lang=fr&format=A4&parts=comic,worksheet` on the running server.
 * The first request (fonts parsed, code loaded) is reported apart; the figure is the median of the
 * following ones.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { summarize, type SeriesSummary } from '../../src/lib/domain/bench-stats';

export interface PrintPdfRun {
	url: string;
	firstMs: number;
	ms: SeriesSummary;
	bytes: number;
	/** Pages as pdfinfo counts them (null without poppler-utils). */
	pages: number | null;
}

export async function measurePrintPdf(baseUrl: string, slug: string, runs = 7): Promise<PrintPdfRun> {
	const url = `${baseUrl}/comics/${encodeURIComponent(slug)}/print.pdf?lang=fr&format=A4&parts=comic,worksheet`;
	const once = async () => {
		const start = performance.now();
		const response = await fetch(url);
		const body = new Uint8Array(await response.arrayBuffer());
		const ms = performance.now() - start;
		if (response.status !== 200 || response.headers.get('content-type') !== 'application/pdf')
			throw new Error(`${url} answered ${response.status} ${response.headers.get('content-type')}`);
		return { ms, body };
	};
	const first = await once();
	const times: number[] = [];
	let body = first.body;
	for (let i = 0; i < runs; i++) {
		const run = await once();
		times.push(run.ms);
		body = run.body;
	}
	const pages = pdfPageCount(body);
	return { url, firstMs: first.ms, ms: summarize(times), bytes: body.byteLength, pages };
}

/** Pages of a PDF as pdfinfo counts them; null without poppler-utils. */
function pdfPageCount(body: Uint8Array): number | null {
	const dir = mkdtempSync(path.join(tmpdir(), 'kalanso-bench-print-'));
	try {
		const file = path.join(dir, 'print.pdf');
		writeFileSync(file, body);
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? NaN) || null;
	} catch {
		return null;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
