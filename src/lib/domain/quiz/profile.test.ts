import { describe, expect, it } from 'vitest';
import { normalizeDisplayName, profileProblem } from './profile';

describe('profileProblem', () => {
	it.each([
		['Awa', 'sun', [], null],
		['  Awa   Traoré ', 'sun', [], null],
		['', 'sun', [], 'name-empty'],
		['   ', 'sun', [], 'name-empty'],
		['x'.repeat(25), 'sun', [], 'name-too-long'],
		['ɲ'.repeat(24), 'sun', [], null],
		['awa', 'sun', ['Awa'], 'name-taken'],
		['Awa', 'camera', [], 'picture-unknown']
	] as Array<[string, string, string[], string | null]>)(
		'%j with %s → %s',
		(name, picture, existing, problem) => {
			expect(profileProblem(name, picture, existing)).toBe(problem);
		}
	);

	it('normalizes names to NFC with single spaces', () => {
		expect(normalizeDisplayName('  Fe\u0301li  x ')).toBe('Féli x');
	});
});
