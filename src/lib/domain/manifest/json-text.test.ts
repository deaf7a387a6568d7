import { describe, expect, it } from 'vitest';
import { fillFinding } from './findings';
import { lineColumn, parseJsonText } from './json-text';

describe('parseJsonText', () => {
	it('parses valid JSON from text and from bytes', () => {
		expect(parseJsonText('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
		expect(parseJsonText(new TextEncoder().encode('[1, "é"]'))).toEqual({ ok: true, value: [1, 'é'] });
	});

	it('names the line and column of a trailing comma', () => {
		const result = parseJsonText('{\n  "id": "awa",\n  "pages": [],\n}');
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.finding.code).toBe('notJson');
		expect(result.finding.params).toMatchObject({ line: 4, column: 1 });
		expect(fillFinding(result.finding)).toMatch(/^not valid JSON at line 4, column 1: /);
		expect(fillFinding(result.finding)).not.toMatch(/position/);
	});

	it('names the place of a missing quote in the middle of a line', () => {
		const result = parseJsonText('{\n  "title": {"fr": Awa}\n}');
		expect(result.ok || result.finding.params).toMatchObject({ line: 2, column: 19 });
	});

	it('puts a truncated file at its end', () => {
		const result = parseJsonText('{\n  "a": [1, 2');
		expect(result.ok || result.finding.params).toMatchObject({ line: 2, column: 13 });
	});

	it('refuses bytes that are not UTF-8', () => {
		const result = parseJsonText(new Uint8Array([0x7b, 0xff, 0x7d]));
		expect(result.ok || result.finding.params).toMatchObject({
			line: 1,
			column: 1,
			detail: 'not UTF-8 text'
		});
	});
});

describe('lineColumn', () => {
	it('counts from 1', () => {
		expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
		expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
	});
});
