/**
 * Classes and their rosters: pure rules. A class has a name, a grade (7e–9e, the grades the
 * curriculum covers) and a school year; a roster entry is a display name and a pictogram, nothing
 * more (DESIGN.md §7). The private note a teacher may keep per student is checked here for length
 * only: it never leaves the teacher's pages.
 */
import { normalizeDisplayName, profileProblem, type ProfileProblem } from '../quiz/profile';

export const GRADES = ['7e', '8e', '9e'] as const;
export type Grade = (typeof GRADES)[number];

export const CLASS_NAME_MAX = 40;
export const PRIVATE_NOTE_MAX = 200;

/** Why a class cannot be saved. */
export type ClassProblem = 'name-empty' | 'name-too-long' | 'grade-unknown' | 'year-invalid';

/** What a teacher types to create or rename a class. */
export interface ClassInput {
	name: string;
	grade: string;
	/** `2026-2027`: two consecutive years, as Malian schools name them. */
	schoolYear: string;
}

/** The class input as stored: name normalised like a display name, year without spaces. */
export function normalizeClassInput(input: ClassInput): ClassInput {
	return {
		name: normalizeDisplayName(input.name),
		grade: input.grade.trim(),
		schoolYear: input.schoolYear.replace(/\s+/g, '').replace(/[–—/]/g, '-')
	};
}

/** Why a class cannot be saved, or null when it can. Expects normalised input. */
export function classProblem(input: ClassInput): ClassProblem | null {
	if (!input.name) return 'name-empty';
	if ([...input.name].length > CLASS_NAME_MAX) return 'name-too-long';
	if (!(GRADES as readonly string[]).includes(input.grade)) return 'grade-unknown';
	const year = /^(\d{4})-(\d{4})$/.exec(input.schoolYear);
	if (!year || Number(year[2]) !== Number(year[1]) + 1) return 'year-invalid';
	return null;
}

/** The school year a date falls in: from September on it is the year starting then; before, the previous one. */
export function schoolYearOf(date: Date): string {
	const y = date.getUTCFullYear();
	const start = date.getUTCMonth() >= 8 ? y : y - 1;
	return `${start}-${start + 1}`;
}

/** Why a roster entry cannot be saved: the same rules as a profile on a tablet, plus the note. */
export type RosterProblem = ProfileProblem | 'note-too-long';

/** Why a roster entry cannot be added, or null (the names of the class's other entries in `existing`). */
export function rosterProblem(
	entry: { displayName: string; picture: string; privateNote?: string | null },
	existing: readonly string[]
): RosterProblem | null {
	const problem = profileProblem(entry.displayName, entry.picture, existing);
	if (problem) return problem;
	if (entry.privateNote && [...entry.privateNote].length > PRIVATE_NOTE_MAX) return 'note-too-long';
	return null;
}

/**
 * Letters and digits of a class code: no 0/O, 1/I/L, 5/S, 2/Z, 8/B, so that a code read aloud or
 * copied from a blackboard is typed right the first time.
 */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 6;

/**
 * A class code from random bytes (at least JOIN_CODE_LENGTH of them; the caller brings the
 * randomness). 25^6 ≈ 244 million codes; the server retries on the rare collision.
 */
export function joinCodeFrom(randomBytes: ArrayLike<number>): string {
	if (randomBytes.length < JOIN_CODE_LENGTH) throw new Error('joinCodeFrom needs 6 random bytes');
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
		code += JOIN_CODE_ALPHABET[randomBytes[i]! % JOIN_CODE_ALPHABET.length];
	}
	return code;
}

/** A typed code as stored: upper case, spaces and dashes removed. */
export function normalizeJoinCode(typed: string): string {
	return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** Whether a typed (normalised) code can be a class code at all. */
export function isJoinCode(code: string): boolean {
	return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}

/** The path a tablet opens to join a class (what the class page's QR code holds, after the origin). */
export function joinPath(code: string): string {
	return `/join?code=${encodeURIComponent(code)}`;
}

/** What a tablet learns when it joins a class (`GET /api/classroom/join`): never a private note. */
export interface JoinInfo {
	class: { id: string; name: string; grade: string; schoolYear: string; code: string };
	students: { id: string; displayName: string; picture: string }[];
	assignments: { comic: string; reading: boolean; quiz: boolean; dueDate: string | null }[];
}
