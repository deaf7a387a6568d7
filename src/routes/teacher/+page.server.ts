import { schoolYearOf, GRADES } from '$lib/domain/classroom/class';
import { classroomAction } from '$lib/server/classroom/http';
import { classroomService } from '$lib/server/classroom/server';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const service = await classroomService();
	return {
		classes: await service.listClasses(locals.user!),
		grades: GRADES,
		schoolYear: schoolYearOf(new Date())
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const input = {
			name: String(form.get('name') ?? ''),
			grade: String(form.get('grade') ?? ''),
			schoolYear: String(form.get('schoolYear') ?? '')
		};
		const service = await classroomService();
		const created = await classroomAction(
			async () => ({ id: (await service.createClass(locals.user!, input)).id }),
			input
		);
		if ('id' in created) redirect(303, `/teacher/${created.id}`);
		return created;
	}
};
