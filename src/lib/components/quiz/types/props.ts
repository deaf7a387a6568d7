import type { Manifest } from '$lib/domain/manifest/schema';
import type { Answer, Question } from '$lib/domain/quiz/types';

/** What every type's student view receives (live mode). */
export interface StudentViewProps<Q extends Question = Question> {
	question: Q;
	lang: string;
	manifest: Pick<Manifest, 'pages' | 'characters' | 'referenceLanguage'>;
	assetUrl: (path: string) => string;
	/** The answer given (after a rejoin too), or null. */
	given: Answer | null;
	disabled: boolean;
	onanswer: (answer: Answer) => void;
}
