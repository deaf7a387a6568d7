import type { RoleName } from '../db/schema';

export type { RoleName };

/** Every staff role, in the order the admin page lists them. Students have no accounts. */
export const ROLES: readonly RoleName[] = ['admin', 'author', 'reviewer', 'teacher'];

export function isRole(value: unknown): value is RoleName {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
