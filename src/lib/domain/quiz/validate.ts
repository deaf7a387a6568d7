/**
 * Whole-quiz validation against its comic: the schema first, then the rules that need the
 * manifest and the curriculum (known objectives, existing panels and pages, text in every
 * complete language, narration files present). Pure: the caller probes the files.
 */
import { finding } from '../manifest/findings';
import { contentIssue, jsonPath, type ContentIssue } from '../manifest/issues';
import type { Manifest, Region } from '../manifest/schema';
import type { AssetProbe, Reporter } from '../manifest/validate';
import { zodFinding } from '../manifest/zod-finding';
import { checkEvidence, checkFeedback } from './content-review';
import { migrateQuiz, QuizMigrationError } from './migrate';
import { quizSchema, type Question, type Quiz } from './schema';
import { checkQuestion, type CheckHelpers } from './types';

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

/** Validates a parsed quiz (any schema version) against its comic. */
export function validateQuiz(raw: unknown, ctx: QuizValidationContext): QuizValidationResult {
	const file = ctx.file ?? QUIZ_FILE;
	const issues: ContentIssue[] = [];
	const report: Reporter = (path, found, severity = 'error') =>
		issues.push(contentIssue(file, jsonPath(path), found, severity));

	let migrated: unknown;
	try {
		migrated = migrateQuiz(raw);
	} catch (error) {
		if (!(error instanceof QuizMigrationError)) throw error;
		report(['schemaVersion'], error.finding);
		return { quiz: null, issues };
	}
	const parsed = quizSchema.safeParse(migrated, { reportInput: true });
	if (!parsed.success) {
		for (const issue of parsed.error.issues) report(issue.path, zodFinding(issue));
		return { quiz: null, issues };
	}
	const quiz = parsed.data;
	const m = ctx.manifest;
	if (quiz.comic !== m.id)
		report(['comic'], finding('quizOtherComic', { quizComic: quiz.comic, comic: m.id }));

	const panels = new Map<string, { page: string; region: Region }>();
	const pages = new Map(m.pages.map((p) => [p.id, p]));
	for (const page of m.pages)
		for (const panel of page.panels) panels.set(panel.id, { page: page.id, region: panel.region });
	const declared = new Set(m.languages.map((l) => l.tag));
	const complete = m.languages.filter((l) => l.status === 'complete').map((l) => l.tag);

	const text: CheckHelpers['text'] = (record, path, missing) => {
		for (const [tag, value] of Object.entries(record ?? {})) {
			if (!declared.has(tag)) report([...path, tag], finding('quizUndeclaredLanguage', { tag }));
			if (value !== value.normalize('NFC')) report([...path, tag], finding('notNfc'));
		}
		for (const tag of complete) if (!record?.[tag]) report(path, missing(tag));
	};
	const panelRef = (id: string, path: PropertyKey[]) => {
		if (!panels.has(id)) report(path, finding('unknownPanel', { panel: id }));
	};
	const unique: CheckHelpers['unique'] = (ids, path, duplicate) => {
		const seen = new Set<string>();
		ids.forEach((id, i) => {
			if (seen.has(id)) report(path(i), duplicate(id));
			seen.add(id);
		});
	};

	text(quiz.title, ['title'], (tag) => finding('quizMissingTitle', { tag }));
	unique(
		quiz.questions.map((q) => q.id),
		(i) => ['questions', i, 'id'],
		(id) => finding('duplicateQuestionId', { id })
	);
	quiz.questions.forEach((q, i) => {
		const at = ['questions', i];
		q.objectives.forEach((code, j) => {
			if (ctx.knownObjectives && !ctx.knownObjectives.has(code))
				report([...at, 'objectives', j], finding('unknownObjective', { code }));
			else if (!m.objectives.includes(code))
				report([...at, 'objectives', j], finding('objectiveNotInComic', { code }), 'warning');
		});
		if (q.evidence) panelRef(q.evidence.panel, [...at, 'evidence', 'panel']);
		text(q.prompt, [...at, 'prompt'], (tag) => finding('quizMissingPrompt', { tag, question: q.id }));
		text(q.explanation, [...at, 'explanation'], (tag) =>
			finding('quizMissingExplanation', { tag, question: q.id })
		);
		checkQuestion(q, at, { text, panelRef, unique, report, panels, pages });
		checkNarration(q, at, declared, ctx.assets, report);
	});
	// What a content reviewer would catch: feedback that gives its own verdict, evidence panels
	// that do not show the answer (content-review.ts says what can and cannot be checked).
	checkFeedback(quiz, report);
	checkEvidence(quiz, m, report);
	const hasError = issues.some((x) => x.severity === 'error');
	return { quiz: hasError ? null : quiz, issues };
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
		if (!declared.has(tag)) report(base, finding('quizNarrationUndeclaredLanguage', { tag }));
		const clips: Array<[PropertyKey[], (typeof narration)['prompt']]> = [
			[[...base, 'prompt'], narration.prompt],
			[[...base, 'explanation'], narration.explanation]
		];
		for (const [id, clip] of Object.entries(narration.options ?? {})) {
			if (!optionIds.has(id))
				report([...base, 'options', id], finding('narrationUnknownOption', { option: id }));
			clips.push([[...base, 'options', id], clip]);
		}
		for (const [path, clip] of clips) {
			if (!clip) continue;
			if (clip.endSec <= clip.startSec) report([...path, 'endSec'], finding('clipEndNotAfterStart'));
			clip.sources.forEach((source, k) => {
				const probe = assets.get(source.src);
				if (!probe || probe.kind === 'missing')
					report([...path, 'sources', k, 'src'], finding('quizAudioMissing', { src: source.src }));
				else if (probe.kind === 'unreadable') {
					if (!probe.reported)
						report(
							[...path, 'sources', k, 'src'],
							finding('quizAudioUnreadable', { src: source.src, detail: probe.reason })
						);
				}
				// 50 ms of slack: encoders pad the end of a file by a frame or two.
				else if (probe.kind === 'audio' && probe.durationSec > 0 && clip.endSec > probe.durationSec + 0.05)
					report(
						[...path, 'endSec'],
						finding('quizAudioPastEnd', {
							end: String(clip.endSec),
							src: source.src,
							real: probe.durationSec.toFixed(2)
						})
					);
			});
		}
	}
}
