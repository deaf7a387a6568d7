import { describe, expect, it } from 'vitest';
import { buildTrustedKeys } from './signature';

const a = 'a'.repeat(64);
const b = 'B'.repeat(64);

describe('buildTrustedKeys (keys fixed in the build)', () => {
	it.each<[string | undefined, string[]]>([
		[undefined, []],
		['', []],
		[' , ', []],
		[a, [a]],
		[`${a}, ${b}`, [a, b.toLowerCase()]]
	])('%j → %j', (raw, keys) => {
		expect(buildTrustedKeys(raw).map((k) => k.publicKey)).toEqual(keys);
	});

	it('labels each key and derives its id', () => {
		const [key] = buildTrustedKeys(a);
		expect(key).toMatchObject({ label: 'build key 1' });
		expect(key!.id).toMatch(/\S/);
	});

	it('refuses a value that is not a key, naming it', () => {
		expect(() => buildTrustedKeys('not-a-key')).toThrow(/not an Ed25519 public key.*"not-a-key"/);
	});
});
