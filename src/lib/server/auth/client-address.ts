import type { RequestEvent } from '@sveltejs/kit';

/**
 * The client's address, for login throttling. Behind a reverse proxy, set adapter-node's
 * `ADDRESS_HEADER` (e.g. `X-Forwarded-For`) and `XFF_DEPTH` so this is the real client.
 */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch (error) {
		// Only when the adapter cannot tell (never on adapter-node): throttle per account alone.
		console.warn('[auth] client address unknown:', error instanceof Error ? error.message : error);
		return 'unknown';
	}
}
