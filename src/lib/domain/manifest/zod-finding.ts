/**
 * Turns a zod issue into a finding, so schema problems are translated like every other one.
 * Schemas give their own messages as finding codes (`.regex(re, 'idFormat')`); zod's generic
 * issues map to generic findings by their kind.
 */
import type { z } from 'zod';
import { finding, isFindingCode, type Finding } from './findings';

function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

const quoteAll = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

export function zodFinding(issue: z.core.$ZodIssue): Finding {
	if (isFindingCode(issue.message)) return { code: issue.message, params: {} };
	switch (issue.code) {
		case 'unrecognized_keys':
			return finding('unknownFields', { fields: quoteAll(issue.keys) });
		case 'invalid_type':
			if (issue.input === undefined) return finding('requiredMissing', { expected: issue.expected });
			if (issue.expected === 'int') return finding('notInteger');
			return finding('wrongType', { expected: issue.expected, found: describe(issue.input) });
		case 'too_small': {
			const minimum = Number(issue.minimum);
			if (issue.origin === 'string')
				return minimum <= 1 ? finding('mustNotBeEmpty') : finding('tooShort', { minimum });
			if (issue.origin === 'array' || issue.origin === 'set') return finding('tooFewItems', { minimum });
			return issue.inclusive === false
				? finding('numberAbove', { minimum })
				: finding('numberAtLeast', { minimum });
		}
		case 'too_big': {
			const maximum = Number(issue.maximum);
			if (issue.origin === 'string') return finding('tooLong', { maximum });
			if (issue.origin === 'array' || issue.origin === 'set') return finding('tooManyItems', { maximum });
			return issue.inclusive === false
				? finding('numberBelow', { maximum })
				: finding('numberAtMost', { maximum });
		}
		case 'invalid_value':
			return finding('notOneOf', { values: quoteAll(issue.values) });
		case 'invalid_format':
			return finding('badPattern', {
				pattern: 'pattern' in issue && issue.pattern ? String(issue.pattern) : issue.format
			});
		case 'invalid_union':
			return finding('noMatchingForm');
		case 'invalid_key':
		case 'invalid_element': {
			const inner = issue.issues[0];
			return inner ? zodFinding(inner) : finding('invalidValue', { detail: issue.message });
		}
		case 'not_multiple_of':
			return finding('notInteger');
		default:
			return finding('invalidValue', { detail: issue.message });
	}
}
