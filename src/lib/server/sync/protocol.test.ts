import { describe, expect, it } from 'vitest';
import {
	credentialText,
	cursorText,
	firstIssue,
	newCredential,
	parseCredential,
	parseCursor,
	resultBatchSchema,
	secretHash,
	secretMatches
} from './protocol';

describe('school credential', () => {
	it('round-trips through its text form and matches only its own hash', () => {
		const credential = newCredential('ecole-sikoro');
		expect(parseCredential(credentialText(credential))).toEqual(credential);
		expect(secretMatches(credential.secret, secretHash(credential.secret))).toBe(true);
		expect(secretMatches(newCredential('ecole-sikoro').secret, secretHash(credential.secret))).toBe(false);
	});

	it.each(['', 'ecole', 'ecole.short', 'École.' + 'x'.repeat(43), 'a.' + 'x'.repeat(43)])(
		'refuses %j',
		(text) => expect(parseCredential(text)).toBeNull()
	);

	it('refuses a school id it could not parse back', () => {
		expect(() => newCredential('École Sikoro')).toThrow(/not a usable school id/);
	});
});

describe('cursor', () => {
	it('round-trips and refuses what the server did not make', () => {
		const cursor = { at: '2026-12-06T10:00:00.000Z', id: '3f2c9a1e-0000-4000-8000-000000000001' };
		expect(parseCursor(cursorText(cursor))).toEqual(cursor);
		expect(parseCursor(null)).toBeNull();
		expect(parseCursor('')).toBeNull();
		expect(parseCursor('nonsense')).toBe('invalid');
		expect(parseCursor(Buffer.from("2026|x' or 1=1").toString('base64url'))).toBe('invalid');
	});
});

describe('result batch', () => {
	const row = {
		classRef: 'c1',
		grade: '7e',
		schoolYear: '2026-2027',
		comic: 'trente-jours',
		objective: 'ECM-1',
		week: '2026-11-30',
		attempts: 3,
		correct: 1.5
	};
	const batch = { batchId: 'a'.repeat(64), rows: [row] };

	it('accepts counts per class and objective', () => {
		expect(resultBatchSchema.safeParse(batch).success).toBe(true);
	});

	it.each([
		[{ ...batch, rows: [{ ...row, studentName: 'Aminata' }] }, /^rows\.0: Unrecognized key/],
		[{ ...batch, rows: [{ ...row, correct: 4 }] }, /more correct answers than attempts/],
		[{ ...batch, rows: [{ ...row, week: '2026-W49' }] }, /^rows\.0\.week: the Monday of a week/],
		[{ ...batch, batchId: 'x' }, /^batchId: a SHA-256 in hex/],
		[{ ...batch, rows: [] }, /^rows:/]
	])('refuses %j naming the problem', (input, reason) => {
		const parsed = resultBatchSchema.safeParse(input);
		expect(parsed.success).toBe(false);
		expect(firstIssue(parsed.error!)).toMatch(reason);
	});
});
