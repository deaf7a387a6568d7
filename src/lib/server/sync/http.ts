/**
 * The /api/sync/ endpoints' shared shell: authenticate the school, run the handler, and answer a
 * refusal as `{ error, reason }` with its status (a school server logs and shows the reason).
 */
import { json } from '@sveltejs/kit';
import { NationalSync, SyncError, type SchoolPrincipal } from './national';
import { nationalSync } from './server';

export async function forSchool(
	request: Request,
	handle: (national: NationalSync, school: SchoolPrincipal) => Promise<Response>
): Promise<Response> {
	try {
		const national = await nationalSync();
		const school = await national.authenticate(request.headers.get('authorization'));
		return await handle(national, school);
	} catch (error) {
		if (error instanceof SyncError) {
			return json(
				{ error: error.code, reason: error.message },
				{
					status: error.status,
					headers: error.status === 401 ? { 'www-authenticate': 'Bearer realm="kalanso-sync"' } : {}
				}
			);
		}
		throw error;
	}
}
