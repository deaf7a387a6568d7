/** A problem found in a comic: where (JSON path inside the file) and why, in plain words. */
export interface ContentIssue {
	/** File relative to the comic folder, e.g. "comic.json". */
	file: string;
	/** JSON path such as `$.pages[0].panels[2].region`. */
	path: string;
	message: string;
	severity: 'error' | 'warning';
}

/** Turns a list of keys into a JSON path: `['pages', 0, 'id']` → `$.pages[0].id`. */
export function jsonPath(parts: readonly PropertyKey[]): string {
	let out = '$';
	for (const part of parts) {
		if (typeof part === 'number') out += `[${part}]`;
		else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
		else out += `[${JSON.stringify(String(part))}]`;
	}
	return out;
}

/** Formats an issue the way `comics:check` prints it: `file: path: reason`. */
export function formatIssue(issue: ContentIssue): string {
	const tag = issue.severity === 'warning' ? ' (warning)' : '';
	return `${issue.file}: ${issue.path}: ${issue.message}${tag}`;
}
