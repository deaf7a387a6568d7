/** The JSON layout of comic.json files, shared by the authoring tools so they make no noise in diffs. */

/** JSON with small objects kept on one line, the way comic.json files are written by hand. */
export function formatJson(value: unknown, indent = ''): string {
	const flat = JSON.stringify(value, null, 1)
		.replace(/\n\s*/g, ' ')
		.replace(/\[ /g, '[')
		.replace(/ \]/g, ']');
	if (typeof value !== 'object' || value === null || flat.length + indent.length * 4 <= 100) return flat;
	const inner = indent + '\t';
	if (Array.isArray(value))
		return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
	const entries = Object.entries(value as Record<string, unknown>).map(
		([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`
	);
	return `{\n${entries.join(',\n')}\n${indent}}`;
}
