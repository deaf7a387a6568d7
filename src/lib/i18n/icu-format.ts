/**
 * Formats an ICU message with values: the part of intl-messageformat the interface uses, without
 * its weight on every page (with svelte-i18n, ≈ 4 KB gzip; DESIGN.md §6). The message is parsed by
 * `@formatjs/icu-messageformat-parser`, which the browser build replaces with ./icu-parser.ts
 * (vite.config.ts); icu-format.test.ts checks that every message of every catalog formats as
 * intl-messageformat formats it.
 *
 * Rules kept from intl-messageformat: a plural picks `=n` on the value itself, else the category of
 * `Intl.PluralRules` on the value minus the offset, else `other`, and `#` is that number in the
 * locale's digits; a select picks its case or `other`; a plain argument is written as it is
 * (numbers unformatted); `{n, number}` and the `date`/`time` styles short, medium, long and full
 * use `Intl`. A value the message names but the caller did not give throws, as does a number
 * skeleton: the caller (`t` in ./index.ts) shows the message as written instead.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** The values a message is formatted with. */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

/** intl-messageformat's named date styles (also svelte-i18n's, which `date` in ./index.ts keeps). */
export const DATE_STYLES: Record<string, Intl.DateTimeFormatOptions> = {
	short: { month: 'numeric', day: 'numeric', year: '2-digit' },
	medium: { month: 'short', day: 'numeric', year: 'numeric' },
	long: { month: 'long', day: 'numeric', year: 'numeric' },
	full: { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }
};
const TIME_STYLES: Record<string, Intl.DateTimeFormatOptions> = {
	short: { hour: 'numeric', minute: 'numeric' },
	medium: { hour: 'numeric', minute: 'numeric', second: 'numeric' },
	long: { hour: 'numeric', minute: 'numeric', second: 'numeric', timeZoneName: 'short' },
	full: { hour: 'numeric', minute: 'numeric', second: 'numeric', timeZoneName: 'short' }
};
const NUMBER_STYLES: Record<string, Intl.NumberFormatOptions> = {
	integer: { maximumFractionDigits: 0 },
	percent: { style: 'percent' }
};

/** `Intl` formatters and plural rules, made once per locale and options. */
const intl = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
	key: string,
	make: () => T
): T {
	let made = intl.get(key) as T | undefined;
	if (!made) intl.set(key, (made = make()));
	return made;
}

function styleOf<T>(styles: Record<string, T>, style: unknown, name: string): T | undefined {
	if (style === null || style === undefined) return undefined;
	const options = typeof style === 'string' ? styles[style] : undefined;
	if (!options) throw new Error(`unsupported style "${String(style)}" for "${name}"`);
	return options;
}

function formatElements(
	elements: readonly MessageFormatElement[],
	locale: string,
	values: MessageValues,
	pound?: number
): string {
	let out = '';
	for (const element of elements) {
		if (element.type === TYPE.literal) {
			out += element.value;
			continue;
		}
		if (element.type === TYPE.pound) {
			out += cached(`n${locale}`, () => new Intl.NumberFormat(locale)).format(pound ?? NaN);
			continue;
		}
		if (element.type === TYPE.tag) throw new Error('rich-text tags are not supported');
		const name = element.value;
		if (!(name in values)) throw new Error(`no value for "${name}"`);
		const value = values[name];
		switch (element.type) {
			case TYPE.argument:
				out += value === null || value === undefined || value === false ? '' : String(value);
				break;
			case TYPE.number: {
				const options = styleOf(NUMBER_STYLES, element.style, name);
				const format = cached(
					`n${locale}${String(element.style)}`,
					() => new Intl.NumberFormat(locale, options)
				);
				out += format.format(Number(value));
				break;
			}
			case TYPE.date:
			case TYPE.time: {
				const styles = element.type === TYPE.date ? DATE_STYLES : TIME_STYLES;
				const options = styleOf(styles, element.style ?? 'short', name);
				const key = `${element.type}${locale}${String(element.style)}`;
				out += cached(key, () => new Intl.DateTimeFormat(locale, options)).format(value as Date | number);
				break;
			}
			case TYPE.select: {
				const option = element.options[String(value)] ?? element.options.other;
				if (!option) throw new Error(`no case for "${String(value)}" in "${name}"`);
				out += formatElements(option.value, locale, values, pound);
				break;
			}
			case TYPE.plural: {
				const type = element.pluralType ?? 'cardinal';
				const count = Number(value) - element.offset;
				const option =
					element.options[`=${String(value)}`] ??
					element.options[
						cached(`p${locale}${type}`, () => new Intl.PluralRules(locale, { type })).select(count)
					] ??
					element.options.other;
				if (!option) throw new Error(`no case for ${String(value)} in "${name}"`);
				out += formatElements(option.value, locale, values, count);
				break;
			}
		}
	}
	return out;
}

/** Parsed messages: the same text is parsed once whatever the locale. */
const parsed = new Map<string, MessageFormatElement[]>();

/** `message` (ICU syntax, `<` read as text) with `values` in, by the plural rules of `locale`. */
export function formatMessage(message: string, locale: string, values: MessageValues): string {
	let elements = parsed.get(message);
	if (!elements) {
		elements = parse(message, { ignoreTag: true });
		parsed.set(message, elements);
	}
	return formatElements(elements, locale, values);
}
