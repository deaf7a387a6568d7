/**
 * The staff roles, declared once: accounts (server/auth), the database schema, the route-access
 * table and the review lifecycle all use these. Students have no accounts.
 */

/** Every staff role, in the order the admin page lists them. */
export const ROLES = ['admin', 'author', 'reviewer', 'teacher', 'translator'] as const;

/** A role a staff account can hold. */
export type RoleName = (typeof ROLES)[number];

export function isRole(value: unknown): value is RoleName {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
