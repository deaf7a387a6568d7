/** Classes of a choice: right ones are marked after answering, and the student's wrong picks too. */
export function choiceState(shown: boolean, right: boolean, picked: boolean): string {
	if (!shown) return picked ? 'picked' : '';
	if (right) return picked ? 'right picked' : 'right';
	return picked ? 'wrong picked' : '';
}
