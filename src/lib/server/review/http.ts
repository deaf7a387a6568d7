/**
 * Glue between the review services and SvelteKit routes: who is asking, and refused requests as
 * form failures or JSON errors (`{ code, message }`, with the HTTP status the service chose).
 */
import { error, fail, json, type ActionFailure } from '@sveltejs/kit';
import type { ContentIssue } from '../../domain/manifest/issues';
import { comicsRoot, loadLanguages, type ComicChecks, type LanguageInfo } from '../content/comic-folder';
import { contentChecks } from '../content/checks';
import { ReviewError, type ReviewUser } from './service';

/** The signed-in person; the route-access table already refused everyone else. */
export function reviewUser(locals: App.Locals): ReviewUser {
	if (!locals.user) error(401, { message: 'Sign in first.' });
	return { id: locals.user.id, role: locals.user.role };
}

export interface ReviewFailure {
	code: string;
	message: string;
	params?: Record<string, string>;
	issues?: ContentIssue[];
}

/** A refused service call as a form-action failure; anything else is a real error and rethrown. */
export function failure(err: unknown): ActionFailure<ReviewFailure> {
	if (err instanceof ReviewError)
		return fail(err.status, {
			code: err.code,
			message: err.message,
			params: err.params,
			...(err.issues.length ? { issues: err.issues } : {})
		});
	throw err;
}

/**
 * The "resolve" form action of the reviewer's and the author's version pages: a `resolve` field
 * `<commentId>:1` marks the comment resolved, `<commentId>:0` opens it again.
 */
export async function resolveCommentAction({
	params,
	request,
	locals
}: {
	params: { hash: string };
	request: Request;
	locals: App.Locals;
}) {
	const form = await request.formData();
	const [commentId, state] = String(form.get('resolve') ?? '').split(':');
	if (!commentId) return fail(400, { code: 'invalid-input', message: 'Which comment?' });
	const { reviewServices } = await import('./server');
	const { service } = await reviewServices();
	try {
		await service.resolveComment(reviewUser(locals), params.hash, commentId, state === '1');
	} catch (err) {
		return failure(err);
	}
	return { done: state === '1' ? ('resolved' as const) : ('reopened' as const) };
}

/** A refused service call as a JSON response; anything else is rethrown. */
export function jsonFailure(err: unknown): Response {
	if (err instanceof ReviewError)
		return json({ code: err.code, message: err.message }, { status: err.status });
	throw err;
}

/** A refused service call as an error page (for loads). */
export function pageFailure(err: unknown): never {
	if (err instanceof ReviewError)
		error(err.status, { message: err.message, code: err.code, params: err.params });
	throw err;
}

let context: Promise<{ languages: LanguageInfo[]; checks: ComicChecks }> | undefined;

/** Known languages and content checks of the comics folder, for validating uploads like comics:check. */
export function contentContext(): Promise<{ languages: LanguageInfo[]; checks: ComicChecks }> {
	context ??= (async () => {
		const root = comicsRoot();
		return { languages: await loadLanguages(root), checks: await contentChecks(root) };
	})().catch((err: unknown) => {
		context = undefined;
		throw err;
	});
	return context;
}
