/**
 * Whole-curriculum rules beyond the schema: unique codes, codes that agree with their fields,
 * references between records, French and English titles, and the sample flag kept honest.
 * Pure: the caller reads the file.
 */
import { finding, type Finding } from '../manifest/findings';
import { contentIssue, jsonPath, type ContentIssue } from '../manifest/issues';
import { zodFinding } from '../manifest/zod-finding';
import { COMPETENCY_CODE, curriculumSchema, OBJECTIVE_CODE, type Curriculum } from './schema';

/** Languages every curriculum title must have: French (working language) and English (partners). */
export const CURRICULUM_LANGUAGES = ['fr', 'en'] as const;

export interface CurriculumResult {
	curriculum: Curriculum | null;
	issues: ContentIssue[];
}

/** Validates a parsed curriculum file; `file` is used in the messages. */
export function validateCurriculum(raw: unknown, file = 'curriculum.json'): CurriculumResult {
	const issues: ContentIssue[] = [];
	const report = (path: PropertyKey[], found: Finding) =>
		issues.push(contentIssue(file, jsonPath(path), found));
	const parsed = curriculumSchema.safeParse(raw, { reportInput: true });
	if (!parsed.success) {
		for (const issue of parsed.error.issues) report(issue.path, zodFinding(issue));
		return { curriculum: null, issues };
	}
	const c = parsed.data;
	const levels = new Set(c.levels.map((l) => l.id));
	const domains = new Set(c.domains.map((d) => d.code));
	const periods = new Map(c.levels.map((l) => [l.id, l.periods]));

	const titles = (title: Record<string, string>, path: PropertyKey[]) => {
		for (const tag of CURRICULUM_LANGUAGES)
			if (!title[tag]) report([...path, tag], finding('curriculumNoTitle', { tag }));
		for (const [lang, text] of Object.entries(title)) {
			if (text !== text.normalize('NFC')) report([...path, lang], finding('curriculumNotNfc'));
		}
	};
	const unique = (duplicate: (id: string) => Finding, ids: string[], path: (i: number) => PropertyKey[]) => {
		const seen = new Set<string>();
		ids.forEach((id, i) => {
			if (seen.has(id)) report(path(i), duplicate(id));
			seen.add(id);
		});
	};
	titles(c.framework.title, ['framework', 'title']);
	unique(
		(id) => finding('duplicateLevel', { id }),
		c.levels.map((l) => l.id),
		(i) => ['levels', i, 'id']
	);
	unique(
		(id) => finding('duplicateDomain', { id }),
		c.domains.map((d) => d.code),
		(i) => ['domains', i, 'code']
	);
	unique(
		(id) => finding('duplicateCompetency', { id }),
		c.competencies.map((x) => x.id),
		(i) => ['competencies', i, 'id']
	);
	unique(
		(id) => finding('duplicateObjectiveCode', { id }),
		c.objectives.map((o) => o.code),
		(i) => ['objectives', i, 'code']
	);
	c.levels.forEach((l, i) => titles(l.title, ['levels', i, 'title']));
	c.domains.forEach((d, i) => titles(d.title, ['domains', i, 'title']));

	// A sample set must not carry anything that looks official, and vice versa.
	const honest = (
		record: { official: boolean; officialRef: string | null },
		code: string,
		path: PropertyKey[]
	) => {
		if (c.framework.sample && record.official) report([...path, 'official'], finding('sampleHasOfficial'));
		if (record.official && !record.officialRef) report([...path, 'officialRef'], finding('officialNeedsRef'));
		const isSampleCode = code.startsWith('SMP-');
		if (isSampleCode === record.official)
			report(
				[...path, 'official'],
				record.official ? finding('officialUsesSamplePrefix') : finding('sampleNeedsPrefix')
			);
	};
	if (c.framework.sample && c.framework.official)
		report(['framework', 'official'], finding('sampleFrameworkOfficial'));

	const competencies = new Map(c.competencies.map((x) => [x.id, x]));
	c.competencies.forEach((x, i) => {
		const path = ['competencies', i];
		const [, , grade, domain, theme] = COMPETENCY_CODE.exec(x.id) ?? [];
		if (!levels.has(x.level)) report([...path, 'level'], finding('unknownLevel', { id: x.level }));
		if (!domains.has(x.domain)) report([...path, 'domain'], finding('unknownDomain', { id: x.domain }));
		if (grade !== x.level || domain !== x.domain || theme !== x.theme)
			report(
				[...path, 'id'],
				finding('competencyIdMismatch', { id: x.id, level: x.level, domain: x.domain, theme: x.theme })
			);
		if (x.period > (periods.get(x.level) ?? 0))
			report([...path, 'period'], finding('periodPastLast', { period: x.period }));
		titles(x.title, [...path, 'title']);
		honest(x, x.id, path);
	});
	c.objectives.forEach((o, i) => {
		const path = ['objectives', i];
		const [, , grade, domain] = OBJECTIVE_CODE.exec(o.code) ?? [];
		const competency = competencies.get(o.competency);
		if (!competency) report([...path, 'competency'], finding('unknownCompetency', { id: o.competency }));
		else if (!o.code.startsWith(`${competency.id}.`))
			report(
				[...path, 'code'],
				finding('objectiveNotInCompetency', { code: o.code, competency: competency.id })
			);
		if (!levels.has(o.level)) report([...path, 'level'], finding('unknownLevel', { id: o.level }));
		if (!domains.has(o.domain)) report([...path, 'domain'], finding('unknownDomain', { id: o.domain }));
		if (grade !== o.level || domain !== o.domain)
			report(
				[...path, 'code'],
				finding('objectiveCodeMismatch', { code: o.code, level: o.level, domain: o.domain })
			);
		if (o.period > (periods.get(o.level) ?? 0))
			report([...path, 'period'], finding('periodPastLast', { period: o.period }));
		titles(o.title, [...path, 'title']);
		titles(o.studentTitle, [...path, 'studentTitle']);
		honest(o, o.code, path);
	});
	return { curriculum: issues.length ? null : c, issues };
}

/** Merges several curriculum files' objectives into one lookup by code. */
export function objectiveIndex(
	curricula: readonly Curriculum[]
): Map<string, Curriculum['objectives'][number]> {
	const index = new Map<string, Curriculum['objectives'][number]>();
	for (const c of curricula) for (const o of c.objectives) index.set(o.code, o);
	return index;
}
