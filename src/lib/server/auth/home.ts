import type { RoleName } from './roles';

/**
 * Where each role lands after signing in when no `next` page was asked for. Features that build a
 * role's home page (review: /author, /review; quiz: the teacher's classes) change their line here.
 */
export const HOME_BY_ROLE: Readonly<Record<RoleName, string>> = {
	admin: '/admin',
	author: '/',
	reviewer: '/',
	teacher: '/teacher',
	translator: '/translate'
};
