/**
 * Parsing a content file's JSON so that a mistake is reported where it is: "not valid JSON at line 12,
 * column 5" rather than a character offset. One function for every path that reads comic.json,
 * quiz.json or curriculum files (folders, uploads, the quiz service).
 */
import { parse, type ParseError } from 'jsonc-parser';
import { finding, type Finding } from './findings';

export type JsonText = { ok: true; value: unknown } | { ok: false; finding: Finding };

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
	const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
	const lines = before.split('\n');
	return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * Where the first syntax error is. JSON.parse is the judge of validity but does not always say where
 * (V8 words "Unexpected token" errors without an offset), so jsonc-parser (Microsoft's, the one VS Code
 * uses) scans strict JSON for the offset of its first error.
 */
function errorOffset(text: string): number {
	const errors: ParseError[] = [];
	parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
	return errors[0]?.offset ?? text.length;
}

/** Parses UTF-8 bytes or text as JSON; a refusal is a `notJson` finding with the line and column. */
export function parseJsonText(input: string | Uint8Array): JsonText {
	let text: string;
	if (typeof input === 'string') text = input;
	else {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(input);
		} catch {
			return { ok: false, finding: finding('notJson', { line: 1, column: 1, detail: 'not UTF-8 text' }) };
		}
	}
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		const message = (error as Error).message;
		const { line, column } = lineColumn(text, errorOffset(text));
		// The engine's own words, without its offset or its copy of the text: the line and column say where.
		const detail = message
			.replace(/ in JSON at position \d+.*$/, '')
			.replace(/\s*\(line \d+ column \d+\)/, '')
			.replace(/, ".*$/s, '');
		return { ok: false, finding: finding('notJson', { line, column, detail }) };
	}
}
