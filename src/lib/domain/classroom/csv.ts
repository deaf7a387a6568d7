/**
 * CSV that opens right in a French spreadsheet (LibreOffice, Excel set to French): UTF-8 with a
 * byte-order mark (without it Excel reads accents as Latin-1), `;` between fields (the comma is
 * the decimal separator there), decimal comma in numbers, CRLF line ends.
 */

export type CsvCell = string | number | null;

/** A number with a decimal comma, at most `digits` decimals (trailing zeros dropped). */
export function frenchNumber(value: number, digits = 2): string {
	const fixed = value.toFixed(digits).replace(/\.?0+$/, '');
	return (fixed === '-0' ? '0' : fixed).replace('.', ',');
}

function cell(value: CsvCell): string {
	if (value === null) return '';
	const text = typeof value === 'number' ? frenchNumber(value) : value;
	// Quote what would split a field or a line, and what a spreadsheet would run as a formula.
	const guarded = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
	return /[";\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The whole file: BOM, header and rows. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
	return '\uFEFF' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
