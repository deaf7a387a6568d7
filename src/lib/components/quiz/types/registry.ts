/**
 * The view registry of question types, keyed by the same names as the domain registry
 * (src/lib/domain/quiz/types): each type's student view (live tablets) and how its projector
 * aggregate names a bucket. Adding a type means adding its module there and its views here.
 */
import type { Component } from 'svelte';
import { pickText } from '$lib/domain/library';
import type { Manifest } from '$lib/domain/manifest/schema';
import type { Question, QuestionType } from '$lib/domain/quiz/types';
import ChoiceStudent from './ChoiceStudent.svelte';
import FindStudent from './FindStudent.svelte';
import MatchingStudent from './MatchingStudent.svelte';
import OrderingStudent from './OrderingStudent.svelte';
import type { StudentViewProps } from './props';

type Translate = (key: string) => string;

export interface QuestionTypeViews {
	student: Component<StudentViewProps<never>>;
	/** The label of one bucket of the type's tally, in the projector's language. */
	bucketLabel: (
		q: Question,
		key: string,
		lang: string,
		manifest: Pick<Manifest, 'referenceLanguage'>,
		t: Translate
	) => string;
}

const optionLabel: QuestionTypeViews['bucketLabel'] = (q, key, lang, m) => {
	const option = 'options' in q ? q.options.find((o) => o.id === key) : undefined;
	return option ? (pickText(option.text, lang, m.referenceLanguage)?.text ?? key) : key;
};
const verdictLabel: QuestionTypeViews['bucketLabel'] = (_q, key, _l, _m, t) =>
	t(`live.projector.verdict.${key}`);

export const questionTypeViews: Record<QuestionType, QuestionTypeViews> = {
	single: { student: ChoiceStudent, bucketLabel: optionLabel },
	multiple: { student: ChoiceStudent, bucketLabel: optionLabel },
	'true-false': {
		student: ChoiceStudent,
		bucketLabel: (_q, key, _l, _m, t) => t(key === 'true' ? 'quiz.true' : 'quiz.false')
	},
	ordering: { student: OrderingStudent, bucketLabel: verdictLabel },
	matching: { student: MatchingStudent, bucketLabel: verdictLabel },
	find: { student: FindStudent, bucketLabel: verdictLabel }
};
