import { describe, expect, it } from 'vitest';
import { curriculumCoverage } from './coverage';
import type { Curriculum } from './schema';
import shippedJson from '../../../../comics/curriculum/ecm-fondamental-2.json';
import { validateCurriculum } from './validate';

// The shipped sample curriculum is the test's reference data: it must always be valid.
const shipped = shippedJson as unknown as Curriculum;
const clone = () => structuredClone(shipped);

/** The objective codes the sample comics use (TEAM.md); removing one would break them. */
const SAMPLE_COMIC_CODES = [
	'SMP-ECM-7-COLL-04.1',
	'SMP-ECM-7-COLL-04.2',
	'SMP-ECM-7-DROITS-01.1',
	'SMP-ECM-8-SERV-01.1',
	'SMP-ECM-8-DROITS-02.1',
	'SMP-ECM-9-SERV-03.1',
	'SMP-ECM-9-COLL-02.1'
];

describe('the shipped sample curriculum', () => {
	const result = validateCurriculum(shipped);

	it('is valid', () => {
		expect(result.issues).toEqual([]);
		expect(result.curriculum).not.toBeNull();
	});

	it('is flagged as a sample, with no official record', () => {
		expect(shipped.framework.sample).toBe(true);
		expect(shipped.framework.official).toBe(false);
		for (const o of shipped.objectives) {
			expect(o.official, o.code).toBe(false);
			expect(o.officialRef, o.code).toBeNull();
			expect(o.code.startsWith('SMP-'), o.code).toBe(true);
		}
	});

	it.each(SAMPLE_COMIC_CODES)('contains %s used by a sample comic', (code) => {
		expect(shipped.objectives.map((o) => o.code)).toContain(code);
	});

	it('covers grades 7 to 9 and all eight domains', () => {
		expect(new Set(shipped.objectives.map((o) => o.level))).toEqual(new Set(['7', '8', '9']));
		expect(new Set(shipped.objectives.map((o) => o.domain))).toEqual(
			new Set(['VAL', 'BIEN', 'COLL', 'ETAT', 'DEMO', 'DROITS', 'SERV', 'MONDE'])
		);
	});

	it('has the TEAM.md French title of each sample-comic objective', () => {
		const title = (code: string) => shipped.objectives.find((o) => o.code === code)?.title.fr;
		expect(title('SMP-ECM-7-COLL-04.1')).toBe(
			'Expliquer pourquoi et dans quel délai (30 jours) déclarer une naissance'
		);
		expect(title('SMP-ECM-9-SERV-03.1')).toBe(
			'Dire qui est responsable d’un point d’eau (commune maître d’ouvrage, AUEP gestionnaire)'
		);
	});
});

describe('validateCurriculum rejects', () => {
	const cases: Array<[string, (c: Curriculum) => void, string]> = [
		[
			'a duplicate objective code',
			(c) => c.objectives.push(structuredClone(c.objectives[0]!)),
			'duplicate objective code'
		],
		['a code that disagrees with its level', (c) => (c.objectives[0]!.level = '8'), 'does not match level'],
		['a malformed code', (c) => (c.objectives[0]!.code = 'ECM7-COLL'), 'must look like'],
		['an unknown domain', (c) => (c.objectives[0]!.domain = 'XYZ'), 'unknown domain'],
		[
			'an unknown competency',
			(c) => (c.objectives[0]!.competency = 'SMP-ECM-7-VAL-99'),
			'unknown competency'
		],
		[
			'a missing English title',
			(c) => delete (c.objectives[0]!.title as Record<string, string>).en,
			'no "en" title'
		],
		['an official record in a sample', (c) => (c.objectives[0]!.official = true), 'sample'],
		['a period past the year', (c) => (c.objectives[0]!.period = 4), 'past the last period'],
		[
			'a missing officialRef field',
			(c) => delete (c.objectives[0] as Partial<Curriculum['objectives'][0]>).officialRef,
			'required'
		],
		['a text not in NFC', (c) => (c.objectives[0]!.title.fr = 'Liberte\u0301'), 'NFC']
	];
	it.each(cases)('%s', (_name, breakIt, message) => {
		const c = clone();
		breakIt(c);
		const result = validateCurriculum(c, 'curriculum/x.json');
		expect(result.curriculum).toBeNull();
		expect(result.issues.map((i) => i.message).join('\n')).toContain(message);
		expect(result.issues[0]!.file).toBe('curriculum/x.json');
		expect(result.issues[0]!.path).toMatch(/^\$\./);
	});
});

describe('curriculumCoverage', () => {
	const codes = ['A-1', 'A-2', 'B-1'];

	it('lists comics and questions per objective and the unassessed ones', () => {
		const report = curriculumCoverage(codes, [
			{ slug: 'zeta', objectives: ['A-1', 'B-1'], questions: [{ id: 'q1', objectives: ['A-1'] }] },
			{ slug: 'alpha', objectives: [], questions: [{ id: 'q9', objectives: ['A-1', 'A-2'] }] }
		]);
		expect(report.objectives).toEqual([
			{ code: 'A-1', comics: ['alpha', 'zeta'], questions: ['zeta#q1', 'alpha#q9'] },
			{ code: 'A-2', comics: ['alpha'], questions: ['alpha#q9'] },
			{ code: 'B-1', comics: ['zeta'], questions: [] }
		]);
		expect(report.unassessed).toEqual(['B-1']);
		expect(report.unknown).toEqual([]);
	});

	it('reports codes the curriculum does not know, with where they are used', () => {
		const report = curriculumCoverage(codes, [
			{ slug: 's', objectives: ['X-9'], questions: [{ id: 'q', objectives: ['Y-1', 'A-1'] }] }
		]);
		expect(report.unknown).toEqual([
			{ where: 's', code: 'X-9' },
			{ where: 's#q', code: 'Y-1' }
		]);
		expect(report.unassessed).toEqual(['A-2', 'B-1']);
	});

	it('with no comics, every objective is unassessed', () => {
		expect(curriculumCoverage(codes, []).unassessed).toEqual(codes);
	});
});
