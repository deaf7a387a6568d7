/**
 * Reads the curriculum data (`comics/curriculum/*.json`) and validates it. Relative imports:
 * the CLIs run this through tsx.
 */
import { parseJsonText } from '../../domain/manifest/json-text';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { finding } from '../../domain/manifest/findings';
import { contentIssue, formatIssue, type ContentIssue } from '../../domain/manifest/issues';
import type { Curriculum, Objective } from '../../domain/curriculum/schema';
import type { LocalizedText } from '../../domain/manifest/schema';
import { validateCurriculum } from '../../domain/curriculum/validate';
import { folderListingDigest } from '../content/folder-digest';

export const CURRICULUM_DIR = 'curriculum';

export interface LoadedCurriculum {
	/** Valid curriculum files, in file-name order. */
	curricula: Curriculum[];
	/** Every objective, in file then document order. */
	objectives: Objective[];
	codes: ReadonlySet<string>;
	issues: ContentIssue[];
}

/** Loads every `*.json` under `<comicsRoot>/curriculum`; null when the folder does not exist. */
export async function loadCurriculum(comicsRoot: string): Promise<LoadedCurriculum | null> {
	const dir = path.join(comicsRoot, CURRICULUM_DIR);
	let names: string[];
	try {
		names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
	} catch {
		return null;
	}
	const curricula: Curriculum[] = [];
	const issues: ContentIssue[] = [];
	for (const name of names) {
		const file = `${CURRICULUM_DIR}/${name}`;
		const parsed = parseJsonText(await readFile(path.join(dir, name), 'utf8'));
		if (!parsed.ok) {
			issues.push(contentIssue(file, '$', parsed.finding));
			continue;
		}
		const raw = parsed.value;
		const result = validateCurriculum(raw, file);
		issues.push(...result.issues);
		if (result.curriculum) curricula.push(result.curriculum);
	}
	const objectives = curricula.flatMap((c) => c.objectives);
	const codes = new Set<string>();
	for (const o of objectives) {
		if (codes.has(o.code))
			issues.push(contentIssue(CURRICULUM_DIR, '$', finding('objectiveDefinedTwice', { code: o.code })));
		codes.add(o.code);
	}
	return { curricula, objectives, codes, issues };
}

/**
 * Each objective's title (per language) from a loaded curriculum, for the codes asked (all when
 * none are given); a code the curriculum does not have gets none, and a page shows it alone.
 */
export function objectiveTitlesOf(
	curriculum: Pick<LoadedCurriculum, 'objectives'> | null,
	codes?: Iterable<string>
): Record<string, LocalizedText> {
	const wanted = codes ? new Set(codes) : null;
	const titles: Record<string, LocalizedText> = {};
	for (const o of curriculum?.objectives ?? []) if (!wanted || wanted.has(o.code)) titles[o.code] = o.title;
	return titles;
}

/** The last curriculum read, per comics folder, with the listing digest of its folder then. */
const cached = new Map<string, { digest: string; loaded: Promise<LoadedCurriculum | null> }>();

/**
 * The curriculum of `comicsRoot`, read and validated once and kept until its folder changes (issue
 * 19): the reviewer's version page, the class report and the quiz service asked for it on every
 * request. A change is seen from the folder's listing (names, sizes, modification times; the same
 * fingerprint start-up uses for comic folders), a few `stat` calls instead of reading and validating
 * every file. Callers must not modify what it returns: it is shared.
 */
export function cachedCurriculum(comicsRoot: string): Promise<LoadedCurriculum | null> {
	const dir = path.resolve(comicsRoot, CURRICULUM_DIR);
	let digest: string;
	try {
		digest = folderListingDigest(dir);
	} catch {
		digest = 'missing';
	}
	const hit = cached.get(dir);
	if (hit?.digest === digest) return hit.loaded;
	const loaded = loadCurriculum(comicsRoot);
	// A failed read is not kept: the next call tries again.
	loaded.catch(() => cached.delete(dir));
	cached.set(dir, { digest, loaded });
	return loaded;
}

/** Like cachedCurriculum, but a broken curriculum is an error naming each problem. */
export async function requireValidCurriculum(comicsRoot: string): Promise<LoadedCurriculum | null> {
	const loaded = await cachedCurriculum(comicsRoot);
	if (loaded && loaded.issues.some((i) => i.severity === 'error')) {
		throw new Error(`the curriculum is invalid:\n  ${loaded.issues.map(formatIssue).join('\n  ')}`);
	}
	return loaded;
}
