import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/schema';
import type { AssetProbe } from '../manifest/validate';
import { migrateQuiz, QuizMigrationError } from './migrate';
import { QUESTION_TYPES, type Quiz } from './schema';
import { referencedQuizAudio, validateQuiz } from './validate';
import tinyManifest from '../../../../tests/fixtures/comics/tiny/comic.json';
import tinyQuiz from '../../../../tests/fixtures/comics/tiny/quiz.json';

const manifest = tinyManifest as unknown as Manifest;
const known = new Set(['SMP-ECM-7-COLL-01.1', 'SMP-ECM-7-VAL-02.1']);
const quiz = () => structuredClone(tinyQuiz) as unknown as Quiz;
const validate = (raw: unknown, assets = new Map<string, AssetProbe>()) =>
	validateQuiz(raw, { manifest, knownObjectives: known, assets });
const messages = (raw: unknown) => validate(raw).issues.map((i) => `${i.path}: ${i.message}`);

describe('validateQuiz', () => {
	it('accepts the tiny fixture quiz, which uses every question type', () => {
		const result = validate(quiz());
		expect(result.issues).toEqual([]);
		expect(new Set(result.quiz!.questions.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
	});

	const cases: Array<[string, (z: Quiz) => void, string]> = [
		[
			'an unknown objective',
			(z) => (z.questions[0]!.objectives = ['SMP-X-1']),
			'$.questions[0].objectives[0]: unknown curriculum objective "SMP-X-1"'
		],
		[
			'an unknown evidence panel',
			(z) => (z.questions[0]!.evidence = { panel: 'nope' }),
			'$.questions[0].evidence.panel: unknown panel "nope"'
		],
		[
			'missing text in a complete language',
			(z) => delete (z.questions[0]!.prompt as Record<string, string>).en,
			'$.questions[0].prompt: language "en" is complete'
		],
		[
			'text in an undeclared language',
			(z) => (z.questions[0]!.prompt.ses = 'x'),
			'which the comic does not declare'
		],
		[
			'a single answer that is no option',
			(z) => ((z.questions[0] as { answer: string }).answer = 'zz'),
			'answer "zz" is not an option'
		],
		['duplicate question ids', (z) => (z.questions[1]!.id = z.questions[0]!.id), 'duplicate question id'],
		[
			'an ordering of 6 items',
			(z) => {
				const q = z.questions[3] as Extract<Quiz['questions'][number], { type: 'ordering' }>;
				while (q.items.length < 6) q.items.push({ id: `x${q.items.length}`, text: { fr: 'x', en: 'x' } });
			},
			'ordering needs 3 to 5 items'
		],
		[
			'a find target on another page or unknown',
			(z) => ((z.questions[5] as { targets: unknown[] }).targets = [{ panel: 'p7-1' }]),
			'unknown panel "p7-1"'
		],
		[
			'a find region outside the page',
			(z) =>
				((z.questions[5] as { targets: unknown[] }).targets = [
					{ region: { x: 300, y: 500, w: 200, h: 200 } }
				]),
			'outside the 400×600 page'
		],
		['an unknown page', (z) => ((z.questions[5] as { page: string }).page = 'p2'), 'unknown page "p2"'],
		[
			'an ordering panel that does not exist',
			(z) => ((z.questions[3] as { items: unknown[] }).items[0] = { id: 'a', panel: 'p5' }),
			'unknown panel "p5"'
		],
		['a quiz for another comic', (z) => (z.comic = 'other'), 'quiz is for comic "other"'],
		[
			'an unknown question type',
			(z) => ((z.questions[0] as { type: string }).type = 'essay'),
			'$.questions[0].type'
		],
		[
			'narration for an unknown option',
			(z) =>
				(z.questions[0]!.narration = {
					fr: { options: { zz: { sources: [{ src: 'a.ogg', type: 'audio/ogg' }], startSec: 0, endSec: 1 } } }
				}),
			'narration for unknown option "zz"'
		],
		[
			'a narration file that is missing',
			(z) =>
				(z.questions[0]!.narration = {
					fr: { prompt: { sources: [{ src: 'a.ogg', type: 'audio/ogg' }], startSec: 0, endSec: 1 } }
				}),
			'audio "a.ogg" is missing'
		]
	];
	it.each(cases)('rejects %s', (_name, breakIt, expected) => {
		const z = quiz();
		breakIt(z);
		const result = validate(z);
		expect(result.quiz).toBeNull();
		expect(messages(z).join('\n')).toContain(expected);
		expect(result.issues.every((i) => i.file === 'quiz.json')).toBe(true);
	});

	it('warns when a question assesses an objective the comic does not list', () => {
		const z = quiz();
		const bigger = {
			manifest: { ...manifest, objectives: ['SMP-ECM-7-COLL-01.1'] },
			knownObjectives: known,
			assets: new Map()
		};
		const result = validateQuiz(z, bigger);
		expect(result.quiz).not.toBeNull();
		expect(
			result.issues.some((i) => i.severity === 'warning' && i.message.includes('SMP-ECM-7-VAL-02.1'))
		).toBe(true);
	});

	it('accepts narration whose files exist', () => {
		const z = quiz();
		z.questions[0]!.narration = {
			fr: { prompt: { sources: [{ src: 'audio/q.ogg', type: 'audio/ogg' }], startSec: 1, endSec: 2 } }
		};
		expect(referencedQuizAudio(z)).toEqual(['audio/q.ogg']);
		const result = validate(z, new Map([['audio/q.ogg', { kind: 'audio', durationSec: 3 }]]));
		expect(result.issues).toEqual([]);
	});
});

describe('migrateQuiz', () => {
	it('leaves a current quiz alone', () => {
		expect(migrateQuiz({ schemaVersion: 1, a: 1 })).toEqual({ schemaVersion: 1, a: 1 });
	});

	it('runs every step of the ladder in order', () => {
		const ladder = {
			1: (q: Record<string, unknown>) => ({ ...q, renamed: q.old, old: undefined }),
			2: (q: Record<string, unknown>) => ({ ...q, added: true })
		};
		expect(migrateQuiz({ schemaVersion: 1, old: 'x' }, ladder, 3)).toEqual({
			schemaVersion: 3,
			renamed: 'x',
			old: undefined,
			added: true
		});
	});

	it('refuses a version newer than the app, and a gap in the ladder', () => {
		expect(() => migrateQuiz({ schemaVersion: 9 })).toThrow(QuizMigrationError);
		expect(() => migrateQuiz({ schemaVersion: 1 }, {}, 2)).toThrow('no migration from schemaVersion 1');
	});
});
