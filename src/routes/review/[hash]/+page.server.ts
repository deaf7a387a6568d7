import { readFile } from 'node:fs/promises';
import { fail } from '@sveltejs/kit';
import { parseAnchor } from '$lib/domain/review/anchors';
import { REVIEW_ACTIONS, type ReviewAction } from '$lib/domain/review/lifecycle';
import { failure, pageFailure, reviewUser } from '$lib/server/review/http';
import { reviewServices } from '$lib/server/review/server';

/** A quiz as the review page shows it: loosely typed, so that any quiz.json version can be read. */
interface QuizView {
	questions: Array<{
		id: string;
		type?: string;
		objectives?: string[];
		prompt?: Record<string, string>;
		options?: Array<{ id: string; text?: Record<string, string> }>;
		answer?: unknown;
		answers?: unknown;
	}>;
}

export async function load({ params, locals }) {
	const { service } = await reviewServices();
	const user = reviewUser(locals);
	try {
		const detail = await service.detail(user, params.hash);
		let quiz: QuizView | null = null;
		const quizFile = detail.document.assets['quiz.json']
			? await service.versionAsset(user, params.hash, 'quiz.json')
			: null;
		if (quizFile) {
			const raw = JSON.parse(await readFile(quizFile, 'utf8')) as Partial<QuizView>;
			quiz = { questions: Array.isArray(raw.questions) ? raw.questions : [] };
		}
		return { detail, quiz };
	} catch (err) {
		pageFailure(err);
	}
}

/** `target` fields read `comic`, `panel:<id>` or `bubble:<id>`. */
function anchorFrom(target: string, language: string) {
	const [kind, id] = target.split(':');
	if (kind === 'panel') return parseAnchor({ kind, panelId: id, language });
	if (kind === 'bubble') return parseAnchor({ kind, bubbleId: id, language });
	return parseAnchor({ kind: 'comic', language });
}

export const actions = {
	comment: async ({ params, request, locals }) => {
		const form = await request.formData();
		const anchor = anchorFrom(String(form.get('target') ?? 'comic'), String(form.get('language') ?? ''));
		if (!anchor) return fail(400, { code: 'invalid-input', message: 'Unknown comment target.' });
		const { service } = await reviewServices();
		try {
			await service.comment(reviewUser(locals), params.hash, anchor, String(form.get('body') ?? ''));
		} catch (err) {
			return failure(err);
		}
		return { done: 'comment' };
	},
	rate: async ({ params, request, locals }) => {
		const form = await request.formData();
		const { service } = await reviewServices();
		try {
			await service.rate(
				reviewUser(locals),
				params.hash,
				String(form.get('criterion') ?? ''),
				form.get('rating'),
				String(form.get('note') ?? '')
			);
		} catch (err) {
			return failure(err);
		}
		return { done: 'rate' };
	},
	decide: async ({ params, request, locals }) => {
		const form = await request.formData();
		const action = String(form.get('action') ?? '') as ReviewAction;
		if (!REVIEW_ACTIONS.includes(action))
			return fail(400, { code: 'invalid-input', message: 'Unknown action.' });
		const reason = String(form.get('reason') ?? '').trim() || undefined;
		const { service } = await reviewServices();
		try {
			await service.act(reviewUser(locals), params.hash, action, reason);
		} catch (err) {
			return failure(err);
		}
		return { done: action };
	}
};
