/**
 * Whole-quiz validation against its comic: the schema first, then the rules that need the
 * manifest and the curriculum (known objectives, existing panels and pages, text in every
 * complete language, narration files present). Pure: the caller probes the files.
 */
import { z } from 'zod';
import { jsonPath, type ContentIssue } from '../manifest/issues';
import type { Manifest, Region } from '../manifest/schema';
import type { AssetProbe } from '../manifest/validate';
import { migrateQuiz, QuizMigrationError } from './migrate';
import { quizSchema, type Question, type Quiz } from './schema';

export const QUIZ_FILE = 'quiz.json';

export interface QuizValidationContext {
	/** The comic's validated manifest (panels, pages, declared languages). */
	manifest: Manifest;
	/** Objective codes of the curriculum; when absent, codes are not checked. */
	knownObjectives?: ReadonlySet<string>;
	/** Probes of the narration files by path relative to the comic folder. */
	assets: ReadonlyMap<string, AssetProbe>;
	file?: string;
}

export interface QuizValidationResult {
	quiz: Quiz | null;
	issues: ContentIssue[];
}

type Reporter = (path: PropertyKey[], message: string, severity?: 'error' | 'warning') => void;

/** The narration files a raw quiz refers to, so the caller can probe them first. */
export function referencedQuizAudio(raw: unknown): string[] {
	const out = new Set<string>();
	const visit = (value: unknown, key?: string) => {
		if (Array.isArray(value)) value.forEach((v) => visit(v));
		else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value)) {
				if (key === 'sources' || k !== 'src') visit(v, k);
				else if (typeof v === 'string') out.add(v);
			}
		}
	};
	const questions = (raw as { questions?: unknown[] } | null)?.questions;
	if (Array.isArray(questions)) for (const q of questions) visit((q as { narration?: unknown })?.narration);
	return [...out].sort();
}

function insideRegion(r: Region, w: number, h: number): boolean {
	return r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h;
}

/** Validates a parsed quiz (any schema version) against its comic. */
export function validateQuiz(raw: unknown, ctx: QuizValidationContext): QuizValidationResult {
	const file = ctx.file ?? QUIZ_FILE;
	const issues: ContentIssue[] = [];
	const report: Reporter = (path, message, severity = 'error') =>
		issues.push({ file, path: jsonPath(path), message, severity });

	let migrated: unknown;
	try {
		migrated = migrateQuiz(raw);
	} catch (error) {
		if (!(error instanceof QuizMigrationError)) throw error;
		report(['schemaVersion'], error.message);
		return { quiz: null, issues };
	}
	const parsed = quizSchema.safeParse(migrated);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) report(issue.path, zodMessage(issue));
		return { quiz: null, issues };
	}
	const quiz = parsed.data;
	const m = ctx.manifest;
	if (quiz.comic !== m.id) report(['comic'], `quiz is for comic "${quiz.comic}" but sits in "${m.id}"`);

	const panels = new Map<string, { page: string; region: Region }>();
	const pages = new Map(m.pages.map((p) => [p.id, p]));
	for (const page of m.pages)
		for (const panel of page.panels) panels.set(panel.id, { page: page.id, region: panel.region });
	const declared = new Set(m.languages.map((l) => l.tag));
	const complete = m.languages.filter((l) => l.status === 'complete').map((l) => l.tag);

	const text = (record: Record<string, string> | undefined, path: PropertyKey[], what: string) => {
		for (const [tag, value] of Object.entries(record ?? {})) {
			if (!declared.has(tag)) report([...path, tag], `text in "${tag}", which the comic does not declare`);
			if (value !== value.normalize('NFC'))
				report(
					[...path, tag],
					'text is not in Unicode NFC (compose it: e.g. "é" as one character, not e + ◌́)'
				);
		}
		for (const tag of complete) {
			if (!record?.[tag])
				report(path, `language "${tag}" is complete in the comic but ${what} has no "${tag}" text`);
		}
	};
	const panelRef = (id: string, path: PropertyKey[]) => {
		if (!panels.has(id)) report(path, `unknown panel "${id}" (not in comic.json)`);
	};
	const unique = (ids: string[], path: (i: number) => PropertyKey[], kind: string) => {
		const seen = new Set<string>();
		ids.forEach((id, i) => {
			if (seen.has(id)) report(path(i), `duplicate ${kind} id "${id}"`);
			seen.add(id);
		});
	};

	text(quiz.title, ['title'], 'the title');
	unique(
		quiz.questions.map((q) => q.id),
		(i) => ['questions', i, 'id'],
		'question'
	);
	quiz.questions.forEach((q, i) => {
		const at = ['questions', i];
		q.objectives.forEach((code, j) => {
			if (ctx.knownObjectives && !ctx.knownObjectives.has(code))
				report([...at, 'objectives', j], `unknown curriculum objective "${code}"`);
			else if (!m.objectives.includes(code))
				report(
					[...at, 'objectives', j],
					`objective "${code}" is not listed in the comic's objectives`,
					'warning'
				);
		});
		if (q.evidence) panelRef(q.evidence.panel, [...at, 'evidence', 'panel']);
		text(q.prompt, [...at, 'prompt'], `question "${q.id}" prompt`);
		text(q.explanation, [...at, 'explanation'], `question "${q.id}" explanation`);
		checkQuestion(q, at, { text, panelRef, unique, report, panels, pages });
		checkNarration(q, at, declared, ctx.assets, report);
	});
	const hasError = issues.some((x) => x.severity === 'error');
	return { quiz: hasError ? null : quiz, issues };
}

interface Helpers {
	text: (record: Record<string, string> | undefined, path: PropertyKey[], what: string) => void;
	panelRef: (id: string, path: PropertyKey[]) => void;
	unique: (ids: string[], path: (i: number) => PropertyKey[], kind: string) => void;
	report: Reporter;
	panels: Map<string, { page: string; region: Region }>;
	pages: Map<string, Manifest['pages'][number]>;
}

function checkQuestion(q: Question, at: PropertyKey[], h: Helpers): void {
	switch (q.type) {
		case 'single':
		case 'multiple': {
			const ids = q.options.map((o) => o.id);
			h.unique(ids, (j) => [...at, 'options', j, 'id'], 'option');
			q.options.forEach((o, j) =>
				h.text(o.text, [...at, 'options', j, 'text'], `option "${o.id}" of "${q.id}"`)
			);
			const answers = q.type === 'single' ? [q.answer] : q.answers;
			answers.forEach((a, j) => {
				if (!ids.includes(a))
					h.report(
						q.type === 'single' ? [...at, 'answer'] : [...at, 'answers', j],
						`answer "${a}" is not an option`
					);
			});
			if (q.type === 'multiple') h.unique(q.answers, (j) => [...at, 'answers', j], 'answer');
			break;
		}
		case 'true-false':
			break;
		case 'ordering':
			h.unique(
				q.items.map((x) => x.id),
				(j) => [...at, 'items', j, 'id'],
				'item'
			);
			q.items.forEach((item, j) => {
				if ('panel' in item) h.panelRef(item.panel, [...at, 'items', j, 'panel']);
				else h.text(item.text, [...at, 'items', j, 'text'], `item "${item.id}" of "${q.id}"`);
			});
			break;
		case 'matching':
			h.unique(
				q.pairs.map((x) => x.id),
				(j) => [...at, 'pairs', j, 'id'],
				'pair'
			);
			q.pairs.forEach((pair, j) => {
				h.text(pair.left, [...at, 'pairs', j, 'left'], `pair "${pair.id}" of "${q.id}"`);
				h.text(pair.right, [...at, 'pairs', j, 'right'], `pair "${pair.id}" of "${q.id}"`);
			});
			break;
		case 'find': {
			const page = h.pages.get(q.page);
			if (!page) {
				h.report([...at, 'page'], `unknown page "${q.page}" (not in comic.json)`);
				break;
			}
			q.targets.forEach((target, j) => {
				if ('panel' in target) {
					const panel = h.panels.get(target.panel);
					if (!panel) h.panelRef(target.panel, [...at, 'targets', j, 'panel']);
					else if (panel.page !== q.page)
						h.report([...at, 'targets', j, 'panel'], `panel "${target.panel}" is not on page "${q.page}"`);
				} else if (!insideRegion(target.region, page.width, page.height)) {
					h.report(
						[...at, 'targets', j, 'region'],
						`region lies outside the ${page.width}×${page.height} page`
					);
				}
			});
			break;
		}
	}
}

function checkNarration(
	q: Question,
	at: PropertyKey[],
	declared: ReadonlySet<string>,
	assets: ReadonlyMap<string, AssetProbe>,
	report: Reporter
): void {
	const optionIds = new Set(q.type === 'single' || q.type === 'multiple' ? q.options.map((o) => o.id) : []);
	for (const [tag, narration] of Object.entries(q.narration ?? {})) {
		const base = [...at, 'narration', tag];
		if (!declared.has(tag)) report(base, `narration in "${tag}", which the comic does not declare`);
		const clips: Array<[PropertyKey[], (typeof narration)['prompt']]> = [
			[[...base, 'prompt'], narration.prompt],
			[[...base, 'explanation'], narration.explanation]
		];
		for (const [id, clip] of Object.entries(narration.options ?? {})) {
			if (!optionIds.has(id)) report([...base, 'options', id], `narration for unknown option "${id}"`);
			clips.push([[...base, 'options', id], clip]);
		}
		for (const [path, clip] of clips) {
			if (!clip) continue;
			if (clip.endSec <= clip.startSec) report([...path, 'endSec'], 'endSec must be after startSec');
			clip.sources.forEach((source, k) => {
				const probe = assets.get(source.src);
				if (!probe || probe.kind === 'missing')
					report([...path, 'sources', k, 'src'], `audio "${source.src}" is missing`);
				else if (probe.kind === 'unreadable')
					report([...path, 'sources', k, 'src'], `audio "${source.src}" cannot be read: ${probe.reason}`);
				// 50 ms of slack: encoders pad the end of a file by a frame or two.
				else if (probe.kind === 'audio' && probe.durationSec > 0 && clip.endSec > probe.durationSec + 0.05)
					report(
						[...path, 'endSec'],
						`endSec ${clip.endSec} is past the end of "${source.src}" (${probe.durationSec.toFixed(2)} s)`
					);
			});
		}
	}
}

function zodMessage(issue: z.core.$ZodIssue): string {
	if (issue.code === 'unrecognized_keys')
		return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
	if (issue.code === 'invalid_type' && issue.input === undefined)
		return `required field is missing (${issue.expected})`;
	return issue.message;
}
