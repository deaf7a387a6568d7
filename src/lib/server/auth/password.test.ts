import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, generatePassword, ScryptHasher } from './password';

describe('scrypt password hashing', () => {
	const hasher = new ScryptHasher({ N: 1024, r: 8, p: 1 });

	it('verifies the right password and refuses others', async () => {
		const stored = await hasher.hash('correct horse battery');
		expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
		expect(await hasher.verify('correct horse battery', stored)).toBe(true);
		expect(await hasher.verify('correct horse batterY', stored)).toBe(false);
		expect(await hasher.verify('', stored)).toBe(false);
	});

	it('salts: the same password hashes differently', async () => {
		expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
	});

	it('treats composed and decomposed accents as the same password', async () => {
		const stored = await hasher.hash('Traor\u00e9 2026!');
		expect(await hasher.verify('Traore\u0301 2026!', stored)).toBe(true);
	});

	it.each([
		'',
		'plain',
		'scrypt$1024$8$1$salt',
		'bcrypt$1024$8$1$c2FsdA$aGFzaA',
		'scrypt$x$8$1$c2FsdA$aGFzaA',
		'scrypt$1024$8$1$c2FsdA$c2hvcnQ',
		'scrypt$4194304$8$1$c2FsdA$' + 'A'.repeat(43)
	])('refuses a malformed stored hash %j without throwing', async (stored) => {
		expect(await hasher.verify('x', stored)).toBe(false);
	});

	it('keeps verifying hashes made with other parameters', async () => {
		const stronger = new ScryptHasher({ N: 2048, r: 8, p: 1 });
		expect(await hasher.verify('pw-1234567', await stronger.hash('pw-1234567'))).toBe(true);
	});

	it('uses production parameters that are memory-hard (≥ 32 MiB)', async () => {
		expect(128 * DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r).toBeGreaterThanOrEqual(32 * 1024 * 1024);
		const prod = new ScryptHasher();
		expect(await prod.verify('pw-1234567', await prod.hash('pw-1234567'))).toBe(true);
	});
});

describe('one-time passwords', () => {
	it('are 4 groups of 4 unambiguous symbols, all different', () => {
		const made = new Set(Array.from({ length: 200 }, generatePassword));
		expect(made.size).toBe(200);
		for (const p of made) expect(p).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
	});
});
