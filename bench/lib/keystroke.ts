/**
 * Library search keystroke → results (issue 19), as a student would feel it: from the key event
 * (its `timeStamp`, the time the browser created it, as Event Timing/INP measure input latency)
 * to the results of the query so far on screen, at whatever CPU slowdown the page runs under.
 * Keys go to the focused search box as plain key presses (`page.keyboard`), so Playwright's own
 * locator work in the page is not counted.
 *
 * For each key: `dom`, the page's update of the results (the count's `data-query` is that query),
 * and `painted`, when a task queued from the next animation frame runs (that frame has laid out
 * and painted the update), both from the key event, in ms.
 */
import type { Page } from '@playwright/test';

export interface KeystrokeSample {
	key: string;
	dom: number;
	painted: number;
	/** Request start → response end of the query's results, when the page fetched them. */
	fetchMs: number | null;
}

export async function measureKeystrokes(page: Page, word: string): Promise<KeystrokeSample[]> {
	await page.getByTestId('library-search').focus();
	const samples: KeystrokeSample[] = [];
	for (let i = 1; i <= word.length; i++) {
		const expected = `?q=${word.slice(0, i)}`;
		// A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
		const done = page.evaluate(`new Promise((resolve) => {
			const expected = ${JSON.stringify(expected)};
			let pressed = NaN;
			const input = document.querySelector('[data-testid="library-search"]');
			input.addEventListener('keydown', (event) => { pressed = event.timeStamp; }, { once: true, capture: true });
			const observer = new MutationObserver(() => {
				const count = document.querySelector('[data-testid="library-count"]');
				if (count && count.getAttribute('data-query') === expected) {
					observer.disconnect();
					const dom = performance.now();
					requestAnimationFrame(() => setTimeout(() => {
						const entry = performance.getEntriesByType('resource')
							.filter((e) => e.name.endsWith('/api/library' + expected)).pop();
						resolve({
							dom: dom - pressed,
							painted: performance.now() - pressed,
							fetchMs: entry ? entry.responseEnd - entry.startTime : null
						});
					}, 0));
				}
			});
			observer.observe(document.body, { subtree: true, childList: true, attributes: true });
		})`) as Promise<Omit<KeystrokeSample, 'key'>>;
		done.catch(() => {});
		// Evaluations run in order: once this one has, the listeners above are in place.
		await page.evaluate(() => 0);
		await page.keyboard.press(word[i - 1]!);
		const timeout = new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error(`no results for "${expected}" within 30 s`)), 30_000)
		);
		const sample = await Promise.race([done, timeout]);
		samples.push({
			key: word.slice(0, i),
			dom: Math.round(sample.dom),
			painted: Math.round(sample.painted),
			fetchMs: sample.fetchMs === null ? null : Math.round(sample.fetchMs)
		});
	}
	return samples;
}
