import { json } from '@sveltejs/kit';

/** Liveness for tests and load balancers. */
export function GET() {
	return json({ ok: true });
}
