import { error } from '@sveltejs/kit';
import { exportPo } from '$lib/server/translations/po';
import { TranslationError } from '$lib/server/translations/service';
import { translationService } from '$lib/server/translations/server';

/** The interface strings of one language as a PO file, for translators' tools. */
export async function GET({ url }) {
	const lang = url.searchParams.get('lang') ?? '';
	const service = await translationService();
	try {
		const po = exportPo(lang, await service.list(lang));
		return new Response(po, {
			headers: {
				'content-type': 'text/x-gettext-translation; charset=utf-8',
				'content-disposition': `attachment; filename="kalanso-${lang}.po"`
			}
		});
	} catch (e) {
		if (e instanceof TranslationError) error(404, { message: `no language "${lang}" to translate into` });
		throw e;
	}
}
