import { fail, redirect } from '@sveltejs/kit';
import { failure, pageFailure, resolveCommentAction, reviewUser } from '$lib/server/review/http';
import { reviewServices } from '$lib/server/review/server';

export async function load({ params, locals }) {
	const { service } = await reviewServices();
	const user = reviewUser(locals);
	try {
		const detail = await service.detail(user, params.hash);
		const newer = (await service.versionsOf(detail.version.comicId)).find(
			(v) => v.createdAt > detail.version.createdAt
		);
		return { detail, newer: newer?.versionHash ?? null };
	} catch (err) {
		pageFailure(err);
	}
}

export const actions = {
	resolve: resolveCommentAction,
	/** Deletes a draft never submitted; back to the author's list. */
	delete: async ({ params, locals }) => {
		const { service } = await reviewServices();
		try {
			await service.deleteVersion(reviewUser(locals), params.hash);
		} catch (err) {
			return failure(err);
		}
		redirect(303, '/author?deleted=1');
	},
	submit: async ({ params, locals }) => {
		const { service } = await reviewServices();
		try {
			await service.act(reviewUser(locals), params.hash, 'submit');
		} catch (err) {
			return failure(err);
		}
		return { done: 'submit' };
	},
	/** The author's in-app fix: changed texts become a new draft version. Fields: `t|<target>|<lang>`. */
	edit: async ({ params, request, locals }) => {
		const user = reviewUser(locals);
		const { service } = await reviewServices();
		const form = await request.formData();
		let detail;
		try {
			detail = await service.detail(user, params.hash);
		} catch (err) {
			return failure(err);
		}
		const current = new Map<string, string>();
		for (const page of detail.document.manifest.pages) {
			for (const panel of page.panels) {
				for (const [lang, text] of Object.entries(panel.description))
					current.set(`${panel.id}|${lang}`, text);
				for (const bubble of panel.bubbles) {
					for (const [lang, text] of Object.entries(bubble.text)) current.set(`${bubble.id}|${lang}`, text);
				}
			}
		}
		const edits: Array<{ target: string; language: string; text: string }> = [];
		for (const [name, value] of form) {
			if (!name.startsWith('t|') || typeof value !== 'string') continue;
			const [, target, language] = name.split('|');
			if (!target || !language) continue;
			const text = value.normalize('NFC').trim();
			if ((current.get(`${target}|${language}`) ?? '') !== text) edits.push({ target, language, text });
		}
		if (!edits.length) return fail(400, { code: 'nothing', message: 'No text changed.' });
		let hash: string;
		try {
			hash = (await service.editTexts(user, params.hash, edits)).versionHash;
		} catch (err) {
			return failure(err);
		}
		redirect(303, `/author/${hash}?edited=1`);
	}
};
