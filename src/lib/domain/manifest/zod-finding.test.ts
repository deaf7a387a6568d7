import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fillFinding, type FindingCode } from './findings';
import { zodFinding } from './zod-finding';

/** The finding for the first issue zod raises on `value` (with the input reported, as the validators ask). */
function found(schema: z.ZodType, value: unknown) {
	const parsed = schema.safeParse(value, { reportInput: true });
	if (parsed.success) throw new Error('expected a failure');
	return zodFinding(parsed.error.issues[0]!);
}

describe('zodFinding', () => {
	it.each<[string, z.ZodType, unknown, FindingCode, Record<string, string | number>]>([
		['a missing field', z.object({ a: z.string() }), {}, 'requiredMissing', { expected: 'string' }],
		['a wrong type', z.string(), 3, 'wrongType', { expected: 'string', found: 'number' }],
		['an array for an object', z.object({}), [], 'wrongType', { expected: 'object', found: 'array' }],
		['a fraction for an integer', z.number().int(), 1.5, 'notInteger', {}],
		['an empty string', z.string().min(1), '', 'mustNotBeEmpty', {}],
		['a short string', z.string().min(3), 'ab', 'tooShort', { minimum: 3 }],
		['a long string', z.string().max(2), 'abc', 'tooLong', { maximum: 2 }],
		['too few items', z.array(z.number()).min(2), [1], 'tooFewItems', { minimum: 2 }],
		['too many items', z.array(z.number()).max(1), [1, 2], 'tooManyItems', { maximum: 1 }],
		['a small number', z.number().min(0), -1, 'numberAtLeast', { minimum: 0 }],
		['a number not above', z.number().positive(), 0, 'numberAbove', { minimum: 0 }],
		['a large number', z.number().max(9), 10, 'numberAtMost', { maximum: 9 }],
		['a number not below', z.number().lt(5), 5, 'numberBelow', { maximum: 5 }],
		['a value off the list', z.enum(['a', 'b']), 'c', 'notOneOf', { values: '"a", "b"' }],
		['a pattern', z.string().regex(/^x+$/), 'y', 'badPattern', { pattern: '/^x+$/' }],
		['an unknown field', z.strictObject({}), { zz: 1 }, 'unknownFields', { fields: '"zz"' }],
		[
			'an unknown union member',
			z.discriminatedUnion('type', [z.object({ type: z.literal('a') }), z.object({ type: z.literal('b') })]),
			{ type: 'c' },
			'noMatchingForm',
			{}
		],
		[
			'a bad record key',
			z.record(z.string().regex(/^[a-z]+$/, 'languageTagFormat'), z.string()),
			{ A1: 'x' },
			'languageTagFormat',
			{}
		],
		['a schema that names its finding', z.string().regex(/^a$/, 'idFormat'), 'b', 'idFormat', {}]
	])('%s', (_name, schema, value, code, params) => {
		const f = found(schema, value);
		expect(f).toEqual({ code, params });
		expect(fillFinding(f)).not.toMatch(/\{\w+\}/);
	});
});
