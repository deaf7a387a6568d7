import { error, fail } from '@sveltejs/kit';
import { ClassroomError } from './service';

/**
 * Runs a teacher's form action: a refused action becomes a form failure with its code (translated
 * on the page as `classroom.error.<code>`) and what to keep in the form; `not-found` is the 404 page.
 */
export async function classroomAction<R extends Record<string, unknown>, K extends Record<string, unknown>>(
	action: () => Promise<R>,
	keep: K = {} as K
) {
	try {
		return await action();
	} catch (e) {
		if (!(e instanceof ClassroomError)) throw e;
		if (e.code === 'not-found') error(404, { message: 'No such class' });
		return fail(e.status, { error: e.code, refused: e.refused, ...keep });
	}
}

/** Loads a teacher's page data; another teacher's class (or none) is the 404 page. */
export async function classroomLoad<R>(load: () => Promise<R>): Promise<R> {
	try {
		return await load();
	} catch (e) {
		if (e instanceof ClassroomError && e.code === 'not-found') {
			error(404, { message: 'No such class' });
		}
		throw e;
	}
}
