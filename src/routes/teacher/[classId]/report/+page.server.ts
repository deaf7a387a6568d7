import { classroomLoad } from '$lib/server/classroom/http';
import { reportView } from '$lib/server/classroom/report-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	classroomLoad(() => reportView(locals.user!, params.classId));
