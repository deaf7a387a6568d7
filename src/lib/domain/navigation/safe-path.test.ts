import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './safe-path';

describe('safeReturnPath', () => {
	it.each([
		['/admin'],
		['/read/x?p=2'],
		['/quiz/eau-potable?step=3#q2'],
		['/read/x?return=%2Fquiz%2Fy'],
		['/'],
		['/profiles?return=/quiz/x']
	])('keeps the same-site path %s', (value) => {
		expect(safeReturnPath(value)).toBe(value);
	});

	it.each([
		['//evil.example'],
		['/\\evil.example'],
		['/%5Cevil.example'],
		['/%5cevil.example'],
		['/%255Cevil.example'],
		['/%2F%2Fevil.example'],
		['/%2Fevil.example'],
		['\\\\evil.example'],
		['/\t/evil.example'],
		['/\n/evil.example'],
		['javascript:alert(1)'],
		['JavaScript:alert(1)'],
		['data:text/html,<script>alert(1)</script>'],
		['https://evil.example'],
		['http:evil.example'],
		[' /admin'],
		['admin'],
		['/%E0%A4%A'],
		[''],
		[null],
		[undefined]
	])('refuses %j', (value) => {
		expect(safeReturnPath(value)).toBeNull();
	});
});
