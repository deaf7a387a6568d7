/**
 * The view registry of question types, keyed by the same names as the domain registry
 * (src/lib/domain/quiz/types): each type's student view (the self-paced quiz and live tablets both
 * draw a question through it, see QuestionView.svelte) and how its projector aggregate names a
 * bucket. Adding a type means adding its module there and its views here.
 */
import type { Component } from 'svelte';
import { pickText } from '$lib/domain/library';
import type { Manifest } from '$lib/domain/manifest/schema';
import type { Question, QuestionType } from '$lib/domain/quiz/types';
import FindView from './FindView.svelte';
import MatchingView from './MatchingView.svelte';
import MultipleView from './MultipleView.svelte';
import OrderingView from './OrderingView.svelte';
import SingleView from './SingleView.svelte';
import TrueFalseView from './TrueFalseView.svelte';
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
	single: { student: SingleView, bucketLabel: optionLabel },
	multiple: { student: MultipleView, bucketLabel: optionLabel },
	'true-false': {
		student: TrueFalseView,
		bucketLabel: (_q, key, _l, _m, t) => t(key === 'true' ? 'quiz.true' : 'quiz.false')
	},
	ordering: { student: OrderingView, bucketLabel: verdictLabel },
	matching: { student: MatchingView, bucketLabel: verdictLabel },
	find: { student: FindView, bucketLabel: verdictLabel }
};
