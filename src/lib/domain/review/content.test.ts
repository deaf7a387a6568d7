import { describe, expect, it } from 'vitest';
import tiny from '../../../../tests/fixtures/comics/tiny/comic.json';
import { manifestSchema, type Manifest } from '../manifest/schema';
import { textHash } from '../signing/hash';
import { anchorPanel, anchorProblem, parseAnchor, type CommentAnchor } from './anchors';
import { approvalReadiness, assertApprovable } from './approval';
import { diffVersions } from './diff';
import { languageMatrix, matrixBlockers } from './matrix';
import { rubricCriteria, rubricGaps, type RubricEntry } from './rubric';

// The fixture's own narration is left out here; `narrated()` adds a controlled one.
const base: Manifest = { ...manifestSchema.parse(tiny), narration: undefined };
const clone = (): Manifest => structuredClone(base);

/** Tiny with French narration for every bubble, recorded from the current text. */
function narrated(status: 'complete' | 'partial' = 'complete'): Manifest {
	const m = clone();
	const bubbles = m.pages.flatMap((p) => p.panels).flatMap((p) => p.bubbles);
	m.narration = {
		fr: {
			status,
			voice: 'test',
			synthetic: true,
			audio: [{ id: 'a1', sources: [{ src: 'audio/fr.ogg', type: 'audio/ogg' }], durationSec: 9 }],
			clips: bubbles.map((b, i) => ({
				target: b.id,
				audio: 'a1',
				startSec: i * 3,
				endSec: i * 3 + 2,
				textHash: textHash(b.text.fr!)
			}))
		}
	};
	return m;
}

const fullRubric = (m: Manifest): RubricEntry[] =>
	rubricCriteria(m.languages.map((l) => l.tag)).map((criterion) => ({ criterion, rating: 'meets' }));

describe('rubric', () => {
	it('has a language-quality line per declared language', () => {
		expect(rubricCriteria(['fr', 'bm'])).toEqual([
			'curriculum_fit',
			'factual_accuracy',
			'language_quality:fr',
			'language_quality:bm',
			'age_fit',
			'fairness_gender'
		]);
	});
	it.each([
		[[], 6, 0],
		[[{ criterion: 'curriculum_fit', rating: 'fails' }], 5, 1],
		[[{ criterion: 'age_fit', rating: 'needs_work' }], 5, 0]
	] as Array<[RubricEntry[], number, number]>)('%j → %i unrated, %i failing', (entries, unrated, failing) => {
		const gaps = rubricGaps(entries, ['fr', 'bm']);
		expect([gaps.unrated.length, gaps.failing.length]).toEqual([unrated, failing]);
	});
});

describe('language matrix', () => {
	it('marks missing text per language and rows for bubbles and descriptions', () => {
		const matrix = languageMatrix(base);
		expect(matrix.rows.map((r) => `${r.kind}:${r.id}`)).toEqual([
			'description:p1-1',
			'bubble:p1-1-b1',
			'description:p1-2',
			'bubble:p1-2-b1',
			'bubble:p1-2-b2'
		]);
		const b1 = matrix.rows.find((r) => r.id === 'p1-2-b1')!;
		expect(b1.cells).toEqual({
			fr: { text: 'ok', narration: 'none' },
			en: { text: 'ok', narration: 'none' },
			bm: { text: 'missing', narration: 'none' }
		});
		// bm is a draft: its gaps are shown, not blocking.
		expect(matrixBlockers(matrix)).toEqual([]);
	});

	it('finds stale narration (text edited after recording) and missing clips', () => {
		const m = narrated();
		m.pages[0]!.panels[1]!.bubbles[0]!.text.fr = 'Bonsoir Awa.';
		m.narration!.fr!.clips.pop();
		const matrix = languageMatrix(m);
		const cell = (id: string) => matrix.rows.find((r) => r.id === id)!.cells.fr!.narration;
		expect([cell('p1-1-b1'), cell('p1-2-b1'), cell('p1-2-b2'), cell('p1-1')]).toEqual([
			'ok',
			'stale',
			'missing',
			'missing'
		]);
		expect(matrixBlockers(matrix)).toEqual([
			{ rowId: 'p1-2-b1', language: 'fr', what: 'narration-stale' },
			{ rowId: 'p1-2-b2', language: 'fr', what: 'narration-missing' }
		]);
	});

	it('does not block on gaps in partial narration', () => {
		const m = narrated('partial');
		m.narration!.fr!.clips = [];
		expect(matrixBlockers(languageMatrix(m))).toEqual([]);
	});

	it('blocks on missing text in a language declared complete', () => {
		const m = clone();
		delete m.pages[0]!.panels[0]!.bubbles[0]!.text.en;
		expect(matrixBlockers(languageMatrix(m))).toEqual([
			{ rowId: 'p1-1-b1', language: 'en', what: 'text-missing' }
		]);
	});
});

describe('approval readiness', () => {
	it.each([
		['complete content and rubric', narrated(), fullRubric(base), true, null],
		['rubric not filled', narrated(), [], false, /rubric lines not rated/],
		[
			'a rubric line fails',
			narrated(),
			fullRubric(base).map((e) =>
				e.criterion === 'fairness_gender' ? { ...e, rating: 'fails' as const } : e
			),
			false,
			/rated "fails": fairness_gender/
		],
		[
			'text missing in a complete language',
			(() => {
				const m = narrated();
				delete m.pages[0]!.panels[0]!.bubbles[0]!.text.en;
				return m;
			})(),
			fullRubric(base),
			false,
			/text missing for "p1-1-b1" in en/
		]
	] as Array<[string, Manifest, RubricEntry[], boolean, RegExp | null]>)(
		'%s',
		(_name, m, rubric, ready, message) => {
			expect(approvalReadiness(m, rubric).ready).toBe(ready);
			if (message) expect(() => assertApprovable(m, rubric)).toThrow(message);
			else expect(() => assertApprovable(m, rubric)).not.toThrow();
		}
	);

	it('is a 409', () => {
		try {
			assertApprovable(base, []);
			expect.unreachable();
		} catch (error) {
			expect(error).toMatchObject({ status: 409, code: 'not-approvable' });
		}
	});
});

describe('comment anchors', () => {
	const m = narrated();
	it.each([
		[{ kind: 'comic' }, null, null],
		[{ kind: 'panel', panelId: 'p1-2', language: 'en' }, null, 'p1-2'],
		[{ kind: 'bubble', bubbleId: 'p1-2-b2', language: 'bm' }, null, 'p1-2'],
		[{ kind: 'narration', targetId: 'p1-1-b1', language: 'fr', atSec: 1 }, null, 'p1-1'],
		[{ kind: 'panel', panelId: 'nope' }, /no panel "nope"/, null],
		[{ kind: 'bubble', bubbleId: 'p1-1-b1', language: 'xx' }, /no language "xx"/, 'p1-1'],
		[{ kind: 'narration', targetId: 'p1-1-b1', language: 'en', atSec: 1 }, /no narration in "en"/, 'p1-1'],
		[{ kind: 'narration', targetId: 'p1-1-b1', language: 'fr', atSec: 7 }, /outside the clip/, 'p1-1']
	] as Array<[CommentAnchor, RegExp | null, string | null]>)('%j', (anchor, problem, panel) => {
		const found = anchorProblem(m, anchor);
		if (problem) expect(found?.message).toMatch(problem);
		else expect(found).toBeNull();
		expect(anchorPanel(m, anchor)).toBe(panel);
	});

	it.each([
		[
			{ kind: 'bubble', bubbleId: 'b', language: '' },
			{ kind: 'bubble', bubbleId: 'b', language: undefined }
		],
		[
			{ kind: 'narration', targetId: 'b', language: 'fr', atSec: '1.5' },
			{ kind: 'narration', targetId: 'b', language: 'fr', atSec: 1.5 }
		],
		[{ kind: 'narration', targetId: 'b', atSec: 1 }, null],
		[{ kind: 'bubble' }, null],
		[{ kind: 'teapot' }, null],
		['bubble', null]
	])('parseAnchor(%j)', (raw, parsed) => {
		expect(parseAnchor(raw)).toEqual(parsed);
	});
});

describe('diffVersions', () => {
	it('finds nothing between a version and itself', () => {
		expect(diffVersions({ manifest: base }, { manifest: clone() })).toEqual([]);
	});

	it('reports changes by id, with text per language', () => {
		const after = clone();
		after.title.fr = 'Nouveau titre';
		after.pages[0]!.panels[0]!.bubbles[0]!.text.fr = 'Salut Moussa !';
		after.pages[0]!.panels[1]!.bubbles.pop();
		after.pages[0]!.panels[1]!.bubbles.push({
			...after.pages[0]!.panels[1]!.bubbles[0]!,
			id: 'p1-2-b3',
			text: { fr: 'Fin.' }
		});
		after.pages[0]!.panels[0]!.region.w = 370;
		const changes = diffVersions(
			{ manifest: base, assets: { 'art/page-1.webp': 'a'.repeat(64) } },
			{ manifest: after, assets: { 'art/page-1.webp': 'b'.repeat(64) } }
		);
		expect(changes).toEqual([
			{ scope: 'comic', id: 'title', change: 'changed', fields: ['title'] },
			{ scope: 'panel', id: 'p1-1', change: 'changed', fields: ['region'] },
			{ scope: 'panel', id: 'p1-2', change: 'changed', fields: ['bubbleOrder'] },
			{
				scope: 'bubble',
				id: 'p1-1-b1',
				change: 'changed',
				fields: ['text'],
				languages: ['fr'],
				texts: { fr: { before: 'Bonjour Moussa !', after: 'Salut Moussa !' } }
			},
			{ scope: 'bubble', id: 'p1-2-b3', change: 'added', texts: { fr: { after: 'Fin.' } } },
			{
				scope: 'bubble',
				id: 'p1-2-b2',
				change: 'removed',
				texts: { fr: { before: 'Le lendemain…' }, en: { before: 'The next day…' } }
			},
			{ scope: 'asset', id: 'art/page-1.webp', change: 'changed' }
		]);
	});

	it('finds the fixture narration current', () => {
		const fixture = manifestSchema.parse(tiny);
		expect(matrixBlockers(languageMatrix(fixture))).toEqual([]);
	});

	it('reports narration added', () => {
		expect(diffVersions({ manifest: base }, { manifest: narrated() })).toEqual([
			{ scope: 'narration', id: 'fr', change: 'added' }
		]);
	});
});
