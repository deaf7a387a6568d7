import { fail, redirect } from '@sveltejs/kit';
import { failure, reviewUser } from '$lib/server/review/http';
import { reviewServices } from '$lib/server/review/server';
import { TranslationError, type TranslationEntry } from '$lib/server/translations/service';
import { importPo } from '$lib/server/translations/po';
import { nameRecordingRows } from '$lib/server/translations/name-recordings-server';
import { translationService } from '$lib/server/translations/server';
import type { Actions, PageServerLoad } from './$types';

const STATUSES = ['missing', 'draft', 'reviewed'] as const;

export const load: PageServerLoad = async ({ url, locals }) => {
	const service = await translationService();
	const targets = service.targets();
	const wanted = url.searchParams.get('lang');
	const language =
		targets.find((l) => l.tag === wanted) ?? targets.find((l) => l.ui === 'draft') ?? targets[0]!;
	const all = await service.list(language.tag);
	const features = [...new Set(all.map((e) => e.feature))];
	const feature = features.includes(url.searchParams.get('feature') ?? '')
		? url.searchParams.get('feature')!
		: '';
	const statusParam = url.searchParams.get('status');
	const status = (STATUSES as readonly string[]).includes(statusParam ?? '') ? statusParam : '';
	const counts = Object.fromEntries(STATUSES.map((s) => [s, all.filter((e) => e.status === s).length]));
	// One feature folder at a time by default: the whole interface is several hundred strings.
	const shown: TranslationEntry[] = all.filter(
		(e) =>
			(feature === '' ? e.feature === features[0] : e.feature === feature) && (!status || e.status === status)
	);
	return {
		targets: targets.map((l) => ({
			tag: l.tag,
			name: l.name,
			nativeName: l.nativeName,
			direction: l.direction,
			ui: l.ui ?? null
		})),
		language: {
			tag: language.tag,
			nativeName: language.nativeName,
			direction: language.direction,
			name: language.name
		},
		features,
		feature: feature || features[0]!,
		status: status ?? '',
		counts,
		entries: shown,
		nameRecordings: await nameRecordingRows(locals.user!.id),
		comics: await comicTexts(
			url,
			locals,
			targets.map((l) => l.tag)
		)
	};
};

/**
 * The "comic texts" part (issue 17): submitted and published comics with their texts' statuses per
 * language, paged (`?comics=2`), and the translations the signed-in translator started.
 */
async function comicTexts(url: URL, locals: App.Locals, languages: string[]) {
	const user = reviewUser(locals);
	const { service } = await reviewServices();
	const list = await service.translatable(languages, Number(url.searchParams.get('comics')) || 1);
	const mine =
		user.role === 'translator'
			? // The newest page of their versions (25), as the author list pages them.
				(await service.authorVersions(user)).items
					.filter((v) => v.source === 'translation')
					.map((v) => ({
						versionHash: v.versionHash,
						comicId: v.comicId,
						state: v.state,
						title: v.title,
						createdAt: v.createdAt,
						comments: v.comments
					}))
			: [];
	return { ...list, mine, canTranslate: user.role === 'translator' };
}

/** A refused comic act as the page shows it: `comic-translate.errors.<code>` (else the English message). */
function comicRefused(error: unknown) {
	const refusal = failure(error);
	return fail(refusal.status, { comicError: refusal.data });
}

/** A refusal as the page shows it: `translate.errors.<code>` with its parameters. */
function refused(error: unknown) {
	if (error instanceof TranslationError)
		return fail(400, { error: { code: error.code, params: error.params } });
	throw error;
}

export const actions: Actions = {
	/** Starts (or reopens) a translation of a comic version, and opens the studio's texts page on it. */
	translateComic: async ({ request, locals }) => {
		const form = await request.formData();
		const version = String(form.get('version') ?? '');
		const lang = String(form.get('lang') ?? '');
		const { service } = await reviewServices();
		let hash: string;
		try {
			hash = (await service.startTranslation(reviewUser(locals), version, lang)).versionHash;
		} catch (error) {
			return comicRefused(error);
		}
		redirect(303, `/author/${hash}/texts?lang=${encodeURIComponent(lang)}`);
	},
	/** Sends a translation to the review queue (a reviewer approves it, never its translator). */
	submitTranslation: async ({ request, locals }) => {
		const form = await request.formData();
		const version = String(form.get('version') ?? '');
		const { service } = await reviewServices();
		try {
			await service.act(reviewUser(locals), version, 'submit');
		} catch (error) {
			return comicRefused(error);
		}
		return { submittedTranslation: version };
	},
	save: async ({ request, locals }) => {
		const form = await request.formData();
		const lang = String(form.get('lang') ?? '');
		const key = String(form.get('key') ?? '');
		const text = String(form.get('text') ?? '');
		const status = String(form.get('status') ?? '');
		const service = await translationService();
		try {
			if (status === 'missing') await service.remove(lang, key);
			else await service.save(locals.user!.id, lang, { key, text, status: status as 'draft' | 'reviewed' });
		} catch (error) {
			return refused(error);
		}
		return { saved: key };
	},
	import: async ({ request, locals }) => {
		const form = await request.formData();
		const lang = String(form.get('lang') ?? '');
		const file = form.get('file');
		const service = await translationService();
		try {
			if (!(file instanceof File) || file.size === 0)
				throw new TranslationError('badFile', { detail: 'no file' });
			const { imported, keptDraft } = await service.importAll(
				locals.user!.id,
				lang,
				importPo(lang, await file.text())
			);
			return { imported, keptDraft };
		} catch (error) {
			return refused(error);
		}
	}
};
