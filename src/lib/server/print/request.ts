/**
 * The printout a request asks for: `?lang=bm&format=A5&parts=comic,worksheet`. Unknown values fall
 * back to the defaults (the comic's reference language, A4, comic and worksheet). The answer key is
 * for signed-in staff only: asked for by anyone else, it is left out (and said so).
 */
import { isPaperFormat, type PaperFormat } from '../../domain/print/booklet';
import type { VersionDocument } from '../../domain/signing/version';
import { PRINT_PARTS, type PrintPart } from './model';

export interface PrintRequest {
	lang: string;
	format: PaperFormat;
	parts: PrintPart[];
	/** The key was asked for by someone not signed in. */
	keyRefused: boolean;
}

export const DEFAULT_PARTS: readonly PrintPart[] = ['comic', 'worksheet'];

export function parsePrintRequest(url: URL, document: VersionDocument, signedIn: boolean): PrintRequest {
	const manifest = document.manifest;
	const asked = url.searchParams.get('lang') ?? '';
	const lang = manifest.languages.some((l) => l.tag === asked) ? asked : manifest.referenceLanguage;
	const format = url.searchParams.get('format')?.toUpperCase();
	const raw = url.searchParams.getAll('parts').flatMap((p) => p.split(','));
	let parts = PRINT_PARTS.filter((p) => raw.includes(p));
	if (parts.length === 0) parts = [...DEFAULT_PARTS];
	const keyRefused = parts.includes('key') && !signedIn;
	if (keyRefused) parts = parts.filter((p) => p !== 'key');
	return { lang, format: isPaperFormat(format) ? format : 'A4', parts, keyRefused };
}

/** The query string of a printout (links and the PDF's address). */
export function printQuery(request: Pick<PrintRequest, 'lang' | 'format' | 'parts'>): string {
	return new URLSearchParams({
		lang: request.lang,
		format: request.format,
		parts: request.parts.join(',')
	}).toString();
}
