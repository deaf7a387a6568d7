import type { Manifest } from '$lib/domain/manifest/schema';
import type { QuestionNarration, QuizClip } from '$lib/domain/quiz/schema';
import type { Answer, Question } from '$lib/domain/quiz/types';

/**
 * What every type's student view receives, in the self-paced quiz and on a live tablet alike.
 * The host keeps the answer: it passes it in (`answer`) and is told of each change. Types answered
 * in one tap call `onanswer`; types whose answer is built up (the domain module has `start`) call
 * `onchange`, and the host's own button checks or sends it.
 */
export interface StudentViewProps<Q extends Question = Question> {
	question: Q;
	lang: string;
	manifest: Pick<Manifest, 'pages' | 'characters' | 'referenceLanguage'> &
		Partial<Pick<Manifest, 'languages' | 'textInArt'>>;
	assetUrl: (path: string) => string;
	/** The answer being built, or the one given (after a rejoin too); null before any tap. */
	answer: Answer | null;
	/** The answer is taken: nothing can change it. */
	answered: boolean;
	/**
	 * Once answered, mark what was right and wrong (the self-paced quiz's feedback). Live tablets
	 * leave it off: the projector reveals the answer to the whole class.
	 */
	reveal: boolean;
	/** Nothing can be answered now (a live question closed, an answer being sent). */
	disabled?: boolean;
	/** Display order of a choice question's option ids (shuffled per attempt by the host). */
	optionOrder?: string[];
	/** Display order of a matching question's right-hand sides (pair ids). */
	matchOrder?: string[];
	/** A one-tap answer (single choice, true/false, find-it). */
	onanswer: (answer: Answer) => void;
	/** The answer being built changed (multiple, ordering, matching). */
	onchange: (answer: Answer) => void;
	/** Recorded narration of this question in the quiz language, where the device may play it. */
	narration?: QuestionNarration;
	/** Key of the clip playing now. */
	playing?: string | null;
	onlisten?: (key: string, clip: QuizClip) => void;
}
