import { pageFailure, reviewUser } from '$lib/server/review/http';
import { readiumZipResponse } from '$lib/server/interop/http';

/** The version as a Readium Web Publication (.zip): src/lib/server/interop/http.ts. */
export async function GET({ params, locals }) {
	try {
		return await readiumZipResponse(reviewUser(locals), params.hash);
	} catch (err) {
		pageFailure(err);
	}
}
