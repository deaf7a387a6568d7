import { joinPath } from '$lib/domain/classroom/class';
import { PROFILE_PICTURES } from '$lib/domain/quiz/profile';
import { classroomAction, classroomLoad } from '$lib/server/classroom/http';
import { classroomService } from '$lib/server/classroom/server';
import { libraryService } from '$lib/server/library/server';
import type { ComicSummary } from '$lib/domain/library';
import type { Actions, PageServerLoad } from './$types';

/** A comic as the class page shows it. */
const comicOf = ({ card }: { card: ComicSummary }) => ({
	slug: card.slug,
	title: card.title,
	referenceLanguage: card.referenceLanguage
});

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const service = await classroomService();
	const library = await libraryService();
	// The picker (issue 19): the comics students can see, found with the library's own search; the
	// first PICK_LIMIT of them, never the whole catalog. The assigned ones are looked up by slug.
	const find = (url.searchParams.get('find') ?? '').slice(0, 200);
	return classroomLoad(async () => {
		const cls = await service.getClass(locals.user!, params.classId);
		const [roster, assignments, picked] = await Promise.all([
			service.roster(locals.user!, cls.id),
			service.assignments(locals.user!, cls.id),
			library.pick(find)
		]);
		const assigned = await library.publishedComics(assignments.map((a) => a.comic));
		return {
			cls,
			roster,
			assignments,
			comics: picked.items.map(comicOf),
			comicsFound: picked.total,
			find,
			assignedComics: assigned.map(comicOf),
			pictures: PROFILE_PICTURES,
			joinUrl: new URL(joinPath(cls.joinCode), url.origin).href
		};
	});
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
	addStudent: async ({ request, locals, params }) => {
		const form = await request.formData();
		const input = {
			displayName: text(form, 'displayName'),
			picture: text(form, 'picture'),
			privateNote: text(form, 'privateNote')
		};
		const service = await classroomService();
		return classroomAction(async () => {
			const s = await service.addStudent(locals.user!, params.classId, input);
			return { done: 'added' as const, name: s.displayName };
		}, input);
	},
	updateStudent: async ({ request, locals, params }) => {
		const form = await request.formData();
		const service = await classroomService();
		return classroomAction(async () => {
			await service.updateStudent(locals.user!, params.classId, text(form, 'id'), {
				displayName: text(form, 'displayName'),
				picture: text(form, 'picture'),
				privateNote: text(form, 'privateNote')
			});
			return { done: 'updated' as const, name: text(form, 'displayName') };
		});
	},
	removeStudent: async ({ request, locals, params }) => {
		const form = await request.formData();
		const service = await classroomService();
		return classroomAction(async () => {
			await service.removeStudent(locals.user!, params.classId, text(form, 'id'));
			return { done: 'removed' as const, name: text(form, 'displayName') };
		});
	},
	assign: async ({ request, locals, params }) => {
		const form = await request.formData();
		const service = await classroomService();
		const slug = text(form, 'comic');
		// Only a comic students can see: one lookup, not the catalog.
		const known = new Set((await (await libraryService()).publishedComics([slug])).map((c) => c.card.slug));
		return classroomAction(async () => {
			await service.assign(
				locals.user!,
				params.classId,
				{
					comic: text(form, 'comic'),
					reading: form.get('reading') === 'on',
					quiz: form.get('quiz') === 'on',
					dueDate: text(form, 'dueDate') || null
				},
				known
			);
			return { done: 'assigned' as const, name: text(form, 'comic') };
		});
	},
	unassign: async ({ request, locals, params }) => {
		const form = await request.formData();
		const service = await classroomService();
		return classroomAction(async () => {
			await service.unassign(locals.user!, params.classId, text(form, 'comic'));
			return { done: 'unassigned' as const, name: text(form, 'comic') };
		});
	},
	/** A results file from a USB stick, or the bundle QR codes carried (scanned on this page). */
	import: async ({ request, locals, params }) => {
		const form = await request.formData();
		const file = form.get('file');
		const scanned = text(form, 'scanned');
		const source = scanned ? ('qr' as const) : ('file' as const);
		const service = await classroomService();
		return classroomAction(async () => {
			let raw: unknown;
			try {
				raw = JSON.parse(scanned || (file instanceof File ? await file.text() : ''));
			} catch (e) {
				if (!(e instanceof SyntaxError)) throw e;
				raw = null;
			}
			const outcome = await service.importBundle(locals.user!, params.classId, raw, source);
			return { done: 'imported' as const, stored: outcome.stored.length, already: outcome.already.length };
		});
	}
};
