import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-policy';

const person = { username: 'awa.traore', displayName: 'Awa Traoré' };

describe('passwordWeakness (NIST SP 800-63B)', () => {
	it.each([
		['aaaaaaaaaa', 'common'],
		['0123456789', 'common'],
		['azertyuiop', 'common'],
		['qwertyuiop', 'common'],
		['motdepasse1', 'common'],
		['iloveyou12', 'common'],
		['awa.traore2026', 'username'],
		['AWA.TRAORE', 'username'],
		['awa traoré', 'username'],
		['traoreawa.99', 'username']
	])('refuses %s as %s', (password, reason) => {
		expect(passwordWeakness(password, person)).toBe(reason);
	});

	it.each(['la rentrée à Sikasso', 'k7qm-x3pd-9hfa-2wne', 'a much longer one', 'puits du village 12'])(
		'accepts %s',
		(password) => {
			expect(passwordWeakness(password, person)).toBeNull();
		}
	);
});
