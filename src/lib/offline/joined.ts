/**
 * Whether a profile on this tablet ever joined a class. Kept apart from outbox.ts so the library,
 * the reader and the layout can ask without loading the outbox (and its QR and hashing code):
 * tablets that never joined a class pay nothing for the classroom.
 */
const JOINED_KEY = 'kalanso-joined-class';

export function hasJoinedClass(): boolean {
	try {
		return localStorage.getItem(JOINED_KEY) !== null;
	} catch (error) {
		console.warn('localStorage unavailable', error);
		return false;
	}
}

export function markJoinedClass(): void {
	localStorage.setItem(JOINED_KEY, '1');
}
