import { foldText, searchWords } from '../../domain/library-search';

/**
 * What an account is found by in the admin's list: its login and display name, folded by the
 * library's rule (accents and capitals ignored), with a leading space so that "a word starts here"
 * is `LIKE '% word%'`.
 */
export function accountSearchKey(username: string, displayName: string): string {
	return ` ${foldText(`${username} ${displayName}`)}`;
}

/** The folded words of an admin's search (each must start a word of the login or name). */
export const accountSearchWords = searchWords;
