/**
 * The ICU MessageFormat parser of the browser build: a small stand-in for
 * `@formatjs/icu-messageformat-parser` (≈ 9 KB gzip with its number and date skeleton parsers, a
 * third of the i18n layer's weight on every page). vite.config.ts (`lightIcuParser`) points
 * ./icu-format.ts's import of that package here in the client build only; the server and the
 * unit tests keep formatjs's parser, and icu-parser.test.ts checks that both give the same syntax
 * tree for every message of every catalog and for a table of ICU cases.
 *
 * It reads what our messages use, with formatjs's rules and tree: text with ICU apostrophe
 * quoting, `{arg}`, `{arg, number|date|time[, style]}`, `{arg, plural|selectordinal, [offset:n]
 * =n {…} one {…} other {…}}` with `#`, and `{arg, select, …}`. It refuses, with a SyntaxError
 * naming the message, number and date skeletons (`::…`) and rich-text tags when tags are not
 * ignored (the app ignores them): use formatjs's parser again before writing such messages.
 */
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser/lib/types.js';

// intl-messageformat reads the element types and type guards from the parser package.
export * from '@formatjs/icu-messageformat-parser/lib/types.js';

export interface ParserOptions {
	/** Treat `<` as text (what the app does). Tags themselves are not supported. */
	ignoreTag?: boolean;
	/** A plural or select must have an `other` case (formatjs's default). */
	requiresOtherClause?: boolean;
}

type ArgType = 'plural' | 'selectordinal' | 'select' | '';

/** ICU's Pattern_White_Space, as formatjs skips it around argument parts. */
const isSpace = (c: string | undefined) =>
	c !== undefined && /[\t-\r \u0085\u200e\u200f\u2028\u2029]/.test(c);
const IDENTIFIER = /[^\p{White_Space}\p{Pattern_Syntax}]*/uy;

export function parse(message: string, options: ParserOptions = {}): MessageFormatElement[] {
	const requiresOther = options.requiresOtherClause ?? true;
	let i = 0;

	const fail = (what: string): never => {
		throw new SyntaxError(`${what} at offset ${i} of the message "${message}"`);
	};
	if (!options.ignoreTag && message.includes('<')) fail('rich-text tags are not supported');

	const spaces = () => {
		while (isSpace(message[i])) i++;
	};
	const identifier = (): string => {
		IDENTIFIER.lastIndex = i;
		const name = IDENTIFIER.exec(message)?.[0] ?? '';
		i += name.length;
		return name;
	};
	const integer = (): number => {
		const match = /[+-]?\d+/y;
		match.lastIndex = i;
		const digits = match.exec(message)?.[0] ?? fail('expected a number');
		i += digits.length;
		return Number(digits);
	};
	const close = () => {
		if (message[i] !== '}') fail('expected "}"');
		i++;
	};
	const inPlural = (parent: ArgType) => parent === 'plural' || parent === 'selectordinal';

	/** An apostrophe that quotes: `''` is one apostrophe, `'{…'` is literal text. Null: a plain `'`. */
	function quoted(parent: ArgType): string | null {
		const next = message[i + 1];
		if (next === "'") {
			i += 2;
			return "'";
		}
		if (!(next === '{' || next === '}' || next === '<' || next === '>' || (next === '#' && inPlural(parent))))
			return null;
		i += 2;
		let text = next;
		while (i < message.length) {
			if (message[i] === "'") {
				if (message[i + 1] !== "'") {
					i++;
					break;
				}
				i++;
			}
			text += message[i];
			i++;
		}
		return text;
	}

	function literal(depth: number, parent: ArgType): MessageFormatElement {
		let value = '';
		while (i < message.length) {
			const c = message[i]!;
			if (c === "'") {
				const text = quoted(parent);
				if (text !== null) {
					value += text;
					continue;
				}
			} else if (c === '{' || (c === '#' && inPlural(parent)) || (c === '}' && depth > 0)) break;
			value += c;
			i++;
		}
		return { type: TYPE.literal, value };
	}

	/** The style after `number, `: up to the closing brace, with quoted parts and nested braces. */
	function simpleStyle(): string {
		const start = i;
		let nested = 0;
		while (i < message.length) {
			const c = message[i];
			if (c === "'") {
				const end = message.indexOf("'", i + 1);
				if (end < 0) fail('unclosed quote in the argument style');
				i = end + 1;
				continue;
			}
			if (c === '{') nested++;
			else if (c === '}') {
				if (nested === 0) break;
				nested--;
			}
			i++;
		}
		return message.slice(start, i).trimEnd();
	}

	function caseList(depth: number, type: ArgType, first: string) {
		const cases = new Map<string, { value: MessageFormatElement[] }>();
		let selector = first;
		for (;;) {
			if (!selector) {
				if (type === 'select' || message[i] !== '=') break;
				const start = i++;
				integer();
				selector = message.slice(start, i);
			}
			if (cases.has(selector)) fail(`duplicate case "${selector}"`);
			spaces();
			if (message[i] !== '{') fail(`expected "{" after "${selector}"`);
			i++;
			const value = elements(depth + 1, type);
			close();
			cases.set(selector, { value });
			spaces();
			selector = identifier();
		}
		if (cases.size === 0) fail(`expected a case of the ${type}`);
		if (requiresOther && !cases.has('other')) fail(`the ${type} has no "other" case`);
		return Object.fromEntries(cases);
	}

	function argument(depth: number): MessageFormatElement {
		i++; // {
		spaces();
		const name = identifier();
		if (!name) fail('expected an argument name');
		spaces();
		if (message[i] === '}') {
			i++;
			return { type: TYPE.argument, value: name };
		}
		if (message[i] !== ',') fail('expected "," or "}" after the argument name');
		i++;
		spaces();
		const type = identifier();
		if (type === 'number' || type === 'date' || type === 'time') {
			spaces();
			let style: string | null = null;
			if (message[i] === ',') {
				i++;
				spaces();
				style = simpleStyle();
				if (!style) fail('expected an argument style');
				if (style.startsWith('::')) fail('number and date skeletons are not supported');
			}
			close();
			const kind = type === 'number' ? TYPE.number : type === 'date' ? TYPE.date : TYPE.time;
			return { type: kind, value: name, style } as MessageFormatElement;
		}
		if (type === 'plural' || type === 'selectordinal' || type === 'select') {
			spaces();
			if (message[i] !== ',') fail(`expected "," after "${type}"`);
			i++;
			spaces();
			let first = identifier();
			let offset = 0;
			if (type !== 'select' && first === 'offset') {
				if (message[i] !== ':') fail('expected ":" after "offset"');
				i++;
				spaces();
				offset = integer();
				spaces();
				first = identifier();
			}
			const cases = caseList(depth, type, first);
			close();
			return type === 'select'
				? { type: TYPE.select, value: name, options: cases }
				: {
						type: TYPE.plural,
						value: name,
						options: cases,
						offset,
						pluralType: type === 'plural' ? 'cardinal' : 'ordinal'
					};
		}
		return fail(type ? `unknown argument type "${type}"` : 'expected an argument type');
	}

	function elements(depth: number, parent: ArgType): MessageFormatElement[] {
		const out: MessageFormatElement[] = [];
		while (i < message.length) {
			const c = message[i];
			if (c === '{') out.push(argument(depth));
			else if (c === '}' && depth > 0) break;
			else if (c === '#' && inPlural(parent)) {
				i++;
				out.push({ type: TYPE.pound });
			} else out.push(literal(depth, parent));
		}
		return out;
	}

	// At the top level a `}` is text, so this reads the whole message.
	return elements(0, '');
}
