import { readFile } from 'node:fs/promises';
import { fail } from '@sveltejs/kit';
import { parseAnchor } from '$lib/domain/review/anchors';
import { REVIEW_ACTIONS, type ReviewAction } from '$lib/domain/review/lifecycle';
import { failure, pageFailure, resolveCommentAction, reviewUser } from '$lib/server/review/http';
import { reviewServices } from '$lib/server/review/server';
import { comicsRoot } from '$lib/server/content/comic-folder';
import { cachedCurriculum } from '$lib/server/quiz/curriculum-files';

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
		// The objectives with their wording (the curriculum is data; a code it lacks shows alone).
		const codes = new Set([
			...detail.document.manifest.objectives,
			...(quiz?.questions ?? []).flatMap((q) => q.objectives ?? [])
		]);
		const objectives: Record<string, { title: Record<string, string>; official: boolean }> = {};
		for (const o of (await cachedCurriculum(comicsRoot()))?.objectives ?? []) {
			if (codes.has(o.code)) objectives[o.code] = { title: o.title, official: o.official };
		}
		return { detail, quiz, objectives };
	} catch (err) {
		pageFailure(err);
	}
}

/** `target` fields read `comic`, `panel:<id>`, `bubble:<id>` or `narration:<id>` (with `atSec`). */
function anchorFrom(target: string, language: string, atSec: FormDataEntryValue | null) {
	const [kind, id] = target.split(':');
	if (kind === 'panel') return parseAnchor({ kind, panelId: id, language });
	if (kind === 'bubble') return parseAnchor({ kind, bubbleId: id, language });
	if (kind === 'narration')
		return parseAnchor({ kind, targetId: id, language, atSec: atSec === '' ? NaN : Number(atSec) });
	return parseAnchor({ kind: 'comic', language });
}

export const actions = {
	comment: async ({ params, request, locals }) => {
		const form = await request.formData();
		const anchor = anchorFrom(
			String(form.get('target') ?? 'comic'),
			String(form.get('language') ?? ''),
			form.get('atSec')
		);
		if (!anchor) return fail(400, { code: 'invalid-input', message: 'Unknown comment target.' });
		const { service } = await reviewServices();
		try {
			await service.comment(reviewUser(locals), params.hash, anchor, String(form.get('body') ?? ''));
		} catch (err) {
			return failure(err);
		}
		return { done: 'comment' };
	},
	/** The whole rubric, one form: `rating|<criterion>` and `note|<criterion>` fields. */
	rubric: async ({ params, request, locals }) => {
		const form = await request.formData();
		const lines = new Map<string, { criterion: string; rating: unknown; note?: string }>();
		for (const [name, value] of form) {
			const [field, criterion] = name.split('|');
			if (!criterion || typeof value !== 'string' || (field !== 'rating' && field !== 'note')) continue;
			const line: { criterion: string; rating: unknown; note?: string } = lines.get(criterion) ?? {
				criterion,
				rating: ''
			};
			if (field === 'rating') line.rating = value;
			else line.note = value;
			lines.set(criterion, line);
		}
		const { service } = await reviewServices();
		try {
			// A line left unrated in the form is not a rating: it stays as it was.
			const rated = [...lines.values()].filter((l) => l.rating !== '');
			await service.rateAll(reviewUser(locals), params.hash, rated);
		} catch (err) {
			return failure(err);
		}
		return { done: 'rate' };
	},
	resolve: resolveCommentAction,
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
