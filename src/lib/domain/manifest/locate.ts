/**
 * Where a finding is, in the words of the people who fix it: "page 2, panel p2-1, bubble p2-b3"
 * (pages counted from 1, panels and bubbles by their id, quiz questions and narration clips by theirs)
 * rather than a JSON path with indexes counted from 0.
 */

/** A finding's place in the comic; every part optional (a finding about the whole file has none). */
export interface IssuePlace {
	/** 1-based page number. */
	page?: number;
	panel?: string;
	bubble?: string;
	/** A quiz question's id. */
	question?: string;
	/** The target (bubble or panel id) of a narration clip, and its language. */
	clip?: string;
	language?: string;
}

type Json = Record<string, unknown> | unknown[] | undefined;

/** `$.pages[0].panels[2]["x y"]` → ['pages', 0, 'panels', 2, 'x y']. */
export function pathParts(path: string): Array<string | number> {
	const parts: Array<string | number> = [];
	const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
	for (const m of path.slice(1).matchAll(re)) {
		if (m[1] !== undefined) parts.push(m[1]);
		else if (m[2] !== undefined) parts.push(Number(m[2]));
		else parts.push(JSON.parse(m[3]!) as string);
	}
	return parts;
}

const child = (node: Json, key: string | number): Json =>
	node && typeof node === 'object' ? ((node as Record<string | number, unknown>)[key] as Json) : undefined;
const idOf = (node: Json): string | undefined => {
	const id = child(node, 'id');
	return typeof id === 'string' ? id : undefined;
};

/** The place of a JSON path inside a parsed comic.json (file 'comic.json') or quiz.json. */
export function locate(file: string, raw: unknown, path: string): IssuePlace {
	const parts = pathParts(path);
	const place: IssuePlace = {};
	if (file.endsWith('quiz.json')) {
		if (parts[0] === 'questions' && typeof parts[1] === 'number') {
			const id = idOf(child(child(raw as Json, 'questions'), parts[1]));
			place.question = id ?? `#${parts[1] + 1}`;
		}
		return place;
	}
	let node = raw as Json;
	for (let i = 0; i < parts.length; i++) {
		const key = parts[i]!;
		const next = parts[i + 1];
		if (typeof next !== 'number' || !['pages', 'panels', 'bubbles', 'clips'].includes(String(key))) {
			node = child(node, key);
			if (key === 'narration' && typeof next === 'string') place.language = next;
			continue;
		}
		node = child(child(node, key), next);
		i++;
		if (key === 'pages') place.page = next + 1;
		else if (key === 'panels') place.panel = idOf(node) ?? `#${next + 1}`;
		else if (key === 'bubbles') place.bubble = idOf(node) ?? `#${next + 1}`;
		else if (key === 'clips') {
			const target = child(node, 'target');
			place.clip = typeof target === 'string' ? target : `#${next + 1}`;
		}
	}
	return place;
}

/** The place in plain English, for comics:check and logs: "page 2, bubble p2-b3". Empty when none. */
export function describePlace(place: IssuePlace | undefined): string {
	if (!place) return '';
	const out: string[] = [];
	if (place.page !== undefined) out.push(`page ${place.page}`);
	if (place.panel) out.push(`panel ${place.panel}`);
	if (place.bubble) out.push(`bubble ${place.bubble}`);
	if (place.clip) out.push(`narration of ${place.clip}${place.language ? ` (${place.language})` : ''}`);
	if (place.question) out.push(`question ${place.question}`);
	return out.join(', ');
}
