import { error } from '@sveltejs/kit';
import { printFonts } from '$lib/server/print/fonts';
import { printModel } from '$lib/server/print/model';
import { loadPrintable } from '$lib/server/print/published';
import { printQuery, parsePrintRequest } from '$lib/server/print/request';
import { imposition } from '$lib/domain/print/booklet';
import { sceneToSvg } from '$lib/render/svg-page';
import type { PageServerLoad } from './$types';

/**
 * `/comics/<slug>/print`: the printout in the browser (its print stylesheet makes the same pages as
 * the PDF) with the choice of language, format and documents, and the PDF link. Pages are composed
 * on the server from the published version, as SVG whose text is fitted with the bundled font's
 * metrics: the browser draws them with the same font files.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const printable = await loadPrintable(params.slug);
	if (!printable) error(404, { message: `No comic "${params.slug}"` });
	const request = parsePrintRequest(url, printable.document, locals.user !== null);
	const model = printModel(printable, { ...request, ui: locals.lang }, await printFonts());
	const asset = (path: string) => `/comics/${encodeURIComponent(params.slug)}/${path}`;
	const t = model.t;
	const labels = Object.fromEntries(
		[
			'sheet.worksheet',
			'sheet.key',
			'sheet.name',
			'sheet.class',
			'sheet.date',
			'sheet.answer',
			'sheet.explanation',
			'sheet.evidence',
			'paper.panelBlank',
			'back.summary',
			'back.languages',
			'back.objectives',
			'back.sample',
			'back.credits'
		].map((key) => [key, t(key)])
	);
	return {
		slug: params.slug,
		title: model.title,
		lang: model.lang,
		labelLang: model.labelLang,
		languages: printable.document.manifest.languages.map((l) => {
			const info = printable.languages.find((k) => k.tag === l.tag);
			return { tag: l.tag, name: info?.nativeName ?? l.tag };
		}),
		format: model.format,
		parts: model.parts,
		keyRefused: request.keyRefused,
		signedIn: locals.user !== null,
		hasQuiz: printable.payload !== null,
		pages: model.pages.map((page) =>
			page.kind === 'comic'
				? {
						kind: 'comic' as const,
						n: page.n,
						svg: sceneToSvg(
							{ ...page.scene, image: asset(page.asset) },
							{ grayscale: true, title: `${model.title} — ${page.n}` }
						)
					}
				: { kind: 'back' as const, back: page.back }
		),
		sides: imposition(model.pages.length, model.format),
		worksheet: model.worksheet,
		key: model.key,
		questionLabels: (model.worksheet ?? model.key ?? []).map((_, i) => t('sheet.question', { n: i + 1 })),
		labels,
		pdf: `/comics/${encodeURIComponent(params.slug)}/print.pdf?${printQuery(model)}`
	};
};
