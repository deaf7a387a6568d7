import { error } from '@sveltejs/kit';
import { printFonts } from '$lib/server/print/fonts';
import { printModel } from '$lib/server/print/model';
import { printPdf } from '$lib/server/print/pdf';
import { loadPrintable } from '$lib/server/print/published';
import { parsePrintRequest } from '$lib/server/print/request';

/**
 * `/comics/<slug>/print.pdf?lang=&format=A4|A5&parts=comic,worksheet,key`: the printout of the
 * comic's published version as a PDF, fonts embedded (README "Print").
 */
export async function GET({ params, url, locals }) {
	const printable = await loadPrintable(params.slug);
	if (!printable) error(404, { message: `No comic "${params.slug}"` });
	const request = parsePrintRequest(url, printable.document, locals.user !== null);
	if (request.keyRefused && request.parts.length === 0)
		error(403, { message: 'The answer key is for staff' });
	const fonts = await printFonts();
	const model = printModel(printable, { ...request, ui: locals.lang }, fonts);
	const pdf = await printPdf(model, printable.readArt, fonts);
	const name = `${params.slug}-${model.lang}-${model.format}-${model.parts.join('-')}.pdf`;
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-cache'
		}
	});
}
