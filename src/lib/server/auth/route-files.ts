/**
 * The app's routes read from src/routes, for the role-matrix tests (unit and integration): every
 * folder with a page or endpoint, its route id as `event.route.id` gives it, and the methods it answers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROUTES_DIR = path.resolve('src/routes');

export interface RouteInfo {
	id: string;
	/** Methods the route answers: GET for pages, POST when it has form actions, exports of +server.ts. */
	methods: string[];
	kind: 'page' | 'endpoint';
}

/** Every SvelteKit route under src/routes, with its id exactly as `event.route.id` gives it. */
export function walkRoutes(dir = ROUTES_DIR): RouteInfo[] {
	const entries = readdirSync(dir, { withFileTypes: true });
	const files = entries.filter((e) => e.isFile()).map((e) => e.name);
	const routes: RouteInfo[] = [];
	const rel = path.relative(ROUTES_DIR, dir).split(path.sep).join('/');
	const id = rel ? `/${rel}` : '/';
	const pageFile = files.find(
		(f) => /^\+page(@.*)?\.(svelte|ts|js)$/.test(f) || /^\+page\.server\.(ts|js)$/.test(f)
	);
	const endpoint = files.find((f) => /^\+server\.(ts|js)$/.test(f));
	const methods = new Set<string>();
	if (pageFile) {
		const server = files.find((f) => /^\+page\.server\.(ts|js)$/.test(f));
		methods.add('GET');
		if (server && /export const actions/.test(readFileSync(path.join(dir, server), 'utf8')))
			methods.add('POST');
	}
	if (endpoint) {
		const source = readFileSync(path.join(dir, endpoint), 'utf8');
		for (const m of source.matchAll(/export (?:async )?(?:const|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) {
			methods.add(m[1]!);
		}
	}
	// A folder with both a page and an endpoint: the page answers HTML GETs, so call it a page.
	if (pageFile || endpoint) routes.push({ id, kind: pageFile ? 'page' : 'endpoint', methods: [...methods] });
	for (const e of entries) if (e.isDirectory()) routes.push(...walkRoutes(path.join(dir, e.name)));
	return routes;
}

/** Concrete URL for a route id: `[param]` → `x`, `[...rest]` → `a/b`, groups dropped. */
export function urlFor(id: string): string {
	const p = id
		.split('/')
		.filter((s) => !/^\(.*\)$/.test(s))
		.map((s) => (s.startsWith('[...') ? 'a/b' : s.startsWith('[') ? 'x' : s))
		.join('/');
	return `http://kalanso.test${p || '/'}`;
}
