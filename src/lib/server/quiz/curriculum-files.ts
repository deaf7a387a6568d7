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
import { validateCurriculum } from '../../domain/curriculum/validate';

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

/** Like loadCurriculum, but a broken curriculum is an error naming each problem. */
export async function requireValidCurriculum(comicsRoot: string): Promise<LoadedCurriculum | null> {
	const loaded = await loadCurriculum(comicsRoot);
	if (loaded && loaded.issues.some((i) => i.severity === 'error')) {
		throw new Error(`the curriculum is invalid:\n  ${loaded.issues.map(formatIssue).join('\n  ')}`);
	}
	return loaded;
}
