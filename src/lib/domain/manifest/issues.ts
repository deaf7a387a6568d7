import { fillFinding, type Finding, type FindingCode } from './findings';
import { describePlace, type IssuePlace } from './locate';

/**
 * A problem found in a comic: where (JSON path inside the file) and why. `code` and `params` are what
 * the interface translates (`findings.<code>`); `message` is the same in English, for comics:check
 * and the server logs.
 */
export interface ContentIssue {
	/** File relative to the comic folder, e.g. "comic.json". */
	file: string;
	/** JSON path such as `$.pages[0].panels[2].region`. */
	path: string;
	code: FindingCode;
	params: Record<string, string | number>;
	message: string;
	severity: 'error' | 'warning';
	/** Where in the comic, in its authors' terms (page from 1, ids); set by the one validation. */
	place?: IssuePlace;
}

/** A ContentIssue from a finding, with its English message filled in. */
export function contentIssue(
	file: string,
	path: string,
	found: Finding,
	severity: ContentIssue['severity'] = 'error'
): ContentIssue {
	return { file, path, code: found.code, params: found.params, message: fillFinding(found), severity };
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

/** Formats an issue the way `comics:check` prints it: `file: page 2, bubble p2-b1 (path): reason`. */
export function formatIssue(issue: ContentIssue): string {
	const tag = issue.severity === 'warning' ? ' (warning)' : '';
	const place = describePlace(issue.place);
	return `${issue.file}: ${place ? `${place} (${issue.path})` : issue.path}: ${issue.message}${tag}`;
}
