/**
 * One student taking one comic's quiz: the current question, the answer being built, the
 * immediate feedback, and the results by objective. Every answer is written to the learners
 * store before the feedback shows, so a reload or a crash resumes at the same question.
 */
import type { Manifest } from '$lib/domain/manifest/schema';
import { aggregateByObjective, type QuizResult } from '$lib/domain/quiz/aggregate';
import { summarizeObjectives } from '$lib/domain/quiz/history';
import type { QuizPayload } from '$lib/domain/quiz/payload';
import type { Question, Quiz } from '$lib/domain/quiz/schema';
import { isAnswerReady, scoreAnswer, type Answer } from '$lib/domain/quiz/scoring';
import { SHUFFLE_ALGORITHM, shuffleForQuestion } from '$lib/domain/quiz/shuffle';
import { startingAnswer } from '$lib/domain/quiz/types';
import { isQuotaError } from '$lib/offline/db';
import type { AnswerRecord, LearnerProfile, LearnerStore, QuizAttempt } from '$lib/offline/learners';

export interface QuizPlayerDeps {
	store: LearnerStore;
	now: () => Date;
	/** A random 32-bit seed for a new attempt's shuffle. */
	newSeed: () => number;
}

/** The comic the quiz belongs to: its manifest and the approved version it was read from. */
export interface QuizComic {
	manifest: Manifest;
	/** Content hash of the version (ComicSource.versionHash); a new attempt records it. */
	versionHash: string | null;
}

/** What went wrong when saving, for a translated message (never a stack trace). */
export type SaveProblem = 'full' | 'failed';

export class QuizPlayer {
	readonly quiz: Quiz;
	readonly manifest: Manifest;
	readonly objectives: QuizPayload['objectives'];
	readonly profile: LearnerProfile;
	#deps: QuizPlayerDeps;
	/** Content hash of the comic version open here; every attempt started here records it. */
	readonly #versionHash: string | null;

	attempt = $state<QuizAttempt>() as QuizAttempt;
	answers = $state<Record<string, AnswerRecord>>({});
	/** The answer being built for the current question (not yet checked). */
	draft = $state<Answer | null>(null);
	saving = $state(false);
	problem = $state<SaveProblem | null>(null);

	private constructor(
		payload: QuizPayload,
		{ manifest, versionHash }: QuizComic,
		profile: LearnerProfile,
		attempt: QuizAttempt,
		answers: Iterable<[string, AnswerRecord]>,
		deps: QuizPlayerDeps
	) {
		this.quiz = payload.quiz;
		this.objectives = payload.objectives;
		this.manifest = manifest;
		this.#versionHash = versionHash;
		this.profile = profile;
		this.#deps = deps;
		this.attempt = attempt;
		this.answers = Object.fromEntries(answers);
		this.draft = this.#initialDraft();
	}

	/**
	 * Resumes this profile's latest attempt at the comic (its results when it is finished), or
	 * starts a new one.
	 */
	static async open(
		payload: QuizPayload,
		comic: QuizComic,
		profile: LearnerProfile,
		language: string,
		deps: QuizPlayerDeps
	): Promise<QuizPlayer> {
		const { manifest } = comic;
		// The latest attempt: resumed when unfinished, shown with its results when finished.
		const latest = await deps.store.latestAttempt(profile.id, manifest.id);
		const usable = latest && sameQuestions(latest, payload.quiz) ? latest : null;
		const attempt = usable ?? (await QuizPlayer.#start(payload.quiz, comic, profile, language, deps));
		const answers = usable ? await deps.store.answersOf(attempt.id) : [];
		return new QuizPlayer(payload, comic, profile, attempt, answers, deps);
	}

	static #start(
		quiz: Quiz,
		{ manifest, versionHash }: QuizComic,
		profile: LearnerProfile,
		language: string,
		deps: QuizPlayerDeps
	) {
		return deps.store.startAttempt(
			{
				profileId: profile.id,
				comic: manifest.id,
				comicTitle: manifest.title,
				versionHash,
				quizVersion: quiz.schemaVersion,
				language,
				seed: deps.newSeed(),
				shuffle: SHUFFLE_ALGORITHM,
				questionIds: quiz.questions.map((q) => q.id)
			},
			deps.now()
		);
	}

	/** The learners store the answers go to. */
	get store(): LearnerStore {
		return this.#deps.store;
	}

	get questions(): Question[] {
		return this.attempt.questionIds
			.map((id) => this.quiz.questions.find((q) => q.id === id))
			.filter((q): q is Question => !!q);
	}

	get index(): number {
		return Math.min(this.attempt.currentIndex, this.questions.length - 1);
	}

	get question(): Question {
		return this.questions[this.index]!;
	}

	get finished(): boolean {
		return this.attempt.finishedAt !== null;
	}

	/** The stored answer to the current question, once checked. */
	get record(): AnswerRecord | null {
		return this.answers[this.question.id] ?? null;
	}

	get ready(): boolean {
		return !this.record && isAnswerReady(this.question, this.draft);
	}

	/** Option ids of a choice question in this attempt's shuffled order. */
	optionOrder(question: Question): string[] {
		if (question.type !== 'single' && question.type !== 'multiple') return [];
		return shuffleForQuestion(
			question.options.map((o) => o.id),
			this.attempt.seed,
			question.id
		);
	}

	/** Right-hand sides of a matching question in this attempt's shuffled order (pair ids). */
	matchingChoices(question: Question): string[] {
		if (question.type !== 'matching') return [];
		return shuffleForQuestion(
			question.pairs.map((p) => p.id),
			this.attempt.seed,
			question.id
		);
	}

	#initialDraft(): Answer | null {
		if (this.finished) return null;
		const q = this.question;
		const stored = this.answers[q.id];
		if (stored) return stored.answer;
		return startingAnswer(q, this.attempt.seed);
	}

	/** Replaces the answer being built (ignored once the question is checked). */
	setDraft(answer: Answer): void {
		if (!this.record) this.draft = answer;
	}

	/** Moves an ordering item one place up (-1) or down (+1). */
	moveItem(id: string, delta: -1 | 1): void {
		if (this.draft?.type !== 'ordering' || this.record) return;
		const order = [...this.draft.order];
		const from = order.indexOf(id);
		const to = from + delta;
		if (from < 0 || to < 0 || to >= order.length) return;
		[order[from], order[to]] = [order[to]!, order[from]!];
		this.draft = { type: 'ordering', order };
	}

	/**
	 * Checks the answer: scores it and writes it to IndexedDB before showing the feedback.
	 * `answer` defaults to the draft (find-it and true/false answer in one tap).
	 */
	async check(answer: Answer | null = this.draft): Promise<void> {
		const q = this.question;
		if (this.record || this.saving || !isAnswerReady(q, answer)) return;
		// The draft is reactive state (a proxy), which IndexedDB cannot clone: store a plain copy.
		answer = $state.snapshot(answer) as Answer;
		this.saving = true;
		this.problem = null;
		try {
			const score = scoreAnswer(q, answer, this.manifest);
			const stored = await this.#deps.store.recordAnswer({
				attemptId: this.attempt.id,
				questionId: q.id,
				answer,
				credit: score.credit,
				verdict: score.verdict,
				answeredAt: this.#deps.now().toISOString()
			});
			this.answers = { ...this.answers, [q.id]: stored };
			this.draft = stored.answer;
		} catch (error) {
			this.problem = isQuotaError(error) ? 'full' : 'failed';
			console.error(error);
		} finally {
			this.saving = false;
		}
	}

	/** Goes to the next question, or finishes the attempt after the last one. */
	async next(): Promise<void> {
		if (!this.record || this.saving) return;
		this.saving = true;
		try {
			if (this.index < this.questions.length - 1) {
				await this.#deps.store.setCurrentIndex(this.attempt.id, this.index + 1);
				this.attempt = { ...this.attempt, currentIndex: this.index + 1 };
			} else {
				const result = this.result;
				this.attempt = await this.#deps.store.finishAttempt(
					this.attempt.id,
					result.score,
					this.#deps.now(),
					summarizeObjectives(result)
				);
			}
			this.draft = this.#initialDraft();
		} catch (error) {
			this.problem = isQuotaError(error) ? 'full' : 'failed';
			console.error(error);
		} finally {
			this.saving = false;
		}
	}

	/** A new attempt at the same quiz (new seed, so options come in another order). */
	async retry(language: string): Promise<void> {
		const comic = { manifest: this.manifest, versionHash: this.#versionHash };
		this.attempt = await QuizPlayer.#start(this.quiz, comic, this.profile, language, this.#deps);
		this.answers = {};
		this.draft = this.#initialDraft();
	}

	/** Results by objective of the answers given so far. */
	get result(): QuizResult {
		// A throw-away lookup built from reactive state on each read, never mutated: no SvelteMap needed.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const credits = new Map(Object.values(this.answers).map((a) => [a.questionId, a.credit]));
		return aggregateByObjective(this.questions, credits);
	}
}

/** An attempt recorded against another version of the quiz is not resumed. */
function sameQuestions(attempt: QuizAttempt, quiz: Quiz): boolean {
	const ids = quiz.questions.map((q) => q.id);
	return attempt.questionIds.length === ids.length && attempt.questionIds.every((id, i) => id === ids[i]);
}
