/**
 * Student profiles on a shared tablet: a display name and a picture chosen from bundled
 * pictograms. Nothing else (no password, birth date, photo or place: DESIGN.md §7,
 * mali-context.md §5.2). Pure rules; storage is in src/lib/offline/learners.ts.
 */

/** Ids of the bundled pictograms a student picks from (drawn in ProfilePicture.svelte). */
export const PROFILE_PICTURES = [
	'sun',
	'moon',
	'star',
	'tree',
	'fish',
	'bird',
	'drum',
	'house',
	'ball',
	'flower'
] as const;
export type ProfilePicture = (typeof PROFILE_PICTURES)[number];

export const DISPLAY_NAME_MAX = 24;

export type ProfileProblem = 'name-empty' | 'name-too-long' | 'name-taken' | 'picture-unknown';

/** The display name as stored: NFC, inner spaces collapsed, trimmed. */
export function normalizeDisplayName(name: string): string {
	return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Why a new profile cannot be made, or null when it can. Names are compared case-insensitively. */
export function profileProblem(
	name: string,
	picture: string,
	existingNames: readonly string[]
): ProfileProblem | null {
	const clean = normalizeDisplayName(name);
	if (!clean) return 'name-empty';
	if ([...clean].length > DISPLAY_NAME_MAX) return 'name-too-long';
	const lower = clean.toLocaleLowerCase();
	if (existingNames.some((n) => normalizeDisplayName(n).toLocaleLowerCase() === lower)) return 'name-taken';
	if (!(PROFILE_PICTURES as readonly string[]).includes(picture)) return 'picture-unknown';
	return null;
}
