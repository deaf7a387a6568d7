/**
 * The quiz on the production build, in Chromium, on the sample comics' own quizzes (read from
 * comics/<slug>/quiz.json, so the tests follow the content). Full quizzes in French by touch and
 * in English by keyboard cover every question type; "see in the comic" goes to the reader and
 * back; a reload resumes; two profiles keep their own results. Waits on data attributes only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import { explanationBody } from '../../src/lib/domain/quiz/feedback';
import type { Question, Quiz } from '../../src/lib/domain/quiz/schema';

const comicsRoot = path.resolve(process.env.KALANSO_COMICS ?? 'comics');
const quizOf = (slug: string) =>
	JSON.parse(readFileSync(path.join(comicsRoot, slug, 'quiz.json'), 'utf8')) as Quiz;
const comicOf = (slug: string) =>
	JSON.parse(readFileSync(path.join(comicsRoot, slug, 'comic.json'), 'utf8')) as Manifest;
const FULL = 'trente-jours';
/** The words on the true/false buttons, per interface language. */
const TRUTH = { fr: ['Vrai', 'Faux'], en: ['True', 'False'] } as const;
/** What the feedback says of a true/false statement, per interface language. */
const STATEMENT = {
	fr: { true: 'Cette phrase est vraie.', false: 'Cette phrase est fausse.' },
	en: { true: 'The statement is true.', false: 'The statement is false.' }
} as const;
/** A message key shown instead of its text (e.g. `offline.fallback.title`). */
const RAW_KEY = /\b[a-z]+\.[a-z]+(\.[a-zA-Z]+)+\b/;

type Mode = 'touch' | 'keyboard';

test.use({ viewport: { width: 900, height: 1000 } });

async function newPage(browser: Browser, lang: 'fr' | 'en', mode: Mode): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: 900, height: 1000 },
		hasTouch: mode === 'touch',
		isMobile: false
	});
	await context.addCookies([{ name: 'kalanso-lang', value: lang, url: 'http://127.0.0.1' }]);
	return context.newPage();
}

/** Creates a profile on /profiles and makes it the current reader. */
async function createProfile(page: Page, name: string, picture: string, returnTo: string) {
	await page.goto(`/profiles?return=${encodeURIComponent(returnTo)}`);
	const profiles = page.getByTestId('profiles');
	await expect(profiles).toHaveAttribute('data-ready', 'true');
	if (!(await page.getByTestId('profile-form').isVisible())) await page.getByTestId('profile-add').click();
	await page.getByTestId('profile-name').fill(name);
	await page.getByTestId(`picture-${picture}`).check({ force: true });
	await page.getByTestId('profile-create').click();
	await page.locator(`[data-testid="profile"][data-name="${name}"]`).click();
	await expect(page).toHaveURL(new RegExp(`${returnTo}$`));
}

async function chooseProfile(page: Page, name: string, returnTo: string) {
	await page.goto(`/profiles?return=${encodeURIComponent(returnTo)}`);
	await expect(page.getByTestId('profiles')).toHaveAttribute('data-ready', 'true');
	await page.locator(`[data-testid="profile"][data-name="${name}"]`).click();
	await expect(page).toHaveURL(new RegExp(`${returnTo}$`));
}

function quizRoot(page: Page) {
	return page.getByTestId('quiz');
}

async function atQuestion(page: Page, id: string) {
	await expect(quizRoot(page)).toHaveAttribute('data-ready', 'true');
	await expect(quizRoot(page)).toHaveAttribute('data-question-id', id);
}

/** Presses Tab until the focused element matches `selector` (the keyboard path a student takes). */
async function tabTo(page: Page, selector: string) {
	for (let i = 0; i < 80; i++) {
		if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${selector}`);
}

/** Activates a control by touch (tap) or keyboard (Tab to it, then Enter or Space). */
async function press(page: Page, selector: string, mode: Mode, key: 'Enter' | 'Space' = 'Enter') {
	if (mode === 'touch') await page.locator(selector).tap();
	else {
		await tabTo(page, selector);
		await page.keyboard.press(key);
	}
}

/** Answers the question on screen, right or wrong, and waits for the stored verdict. */
async function answer(page: Page, q: Question, mode: Mode, right: boolean) {
	await atQuestion(page, q.id);
	switch (q.type) {
		case 'single': {
			const choice = right ? q.answer : q.options.find((o) => o.id !== q.answer)!.id;
			await press(page, `button[data-option-id="${choice}"]`, mode);
			break;
		}
		case 'true-false':
			await press(page, `button[data-option-id="${right ? q.answer : !q.answer}"]`, mode);
			break;
		case 'multiple': {
			const picks = right ? q.answers : [q.options.find((o) => !q.answers.includes(o.id))!.id];
			for (const id of picks) await press(page, `[data-option-id="${id}"] input`, mode, 'Space');
			await press(page, '[data-testid="quiz-check"]', mode);
			break;
		}
		case 'ordering': {
			if (right) {
				const truth = q.items.map((i) => i.id);
				for (let target = 0; target < truth.length; target++) {
					for (;;) {
						const order = await page
							.locator('[data-item-id]')
							.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.itemId!));
						const at = order.indexOf(truth[target]!);
						if (at === target) break;
						await press(page, `[data-item-id="${truth[target]}"] [data-move="up"]`, mode);
					}
				}
			}
			await press(page, '[data-testid="quiz-check"]', mode);
			break;
		}
		case 'matching': {
			const ids = q.pairs.map((p) => p.id);
			for (const [i, pair] of q.pairs.entries()) {
				const want = right ? pair.id : ids[(i + 1) % ids.length]!;
				const select = `[data-pair-id="${pair.id}"] select`;
				if (mode === 'touch') await page.locator(select).selectOption(want);
				else {
					await tabTo(page, select);
					const values = await page
						.locator(`${select} option`)
						.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
					for (let k = 0; k < values.indexOf(want); k++) await page.keyboard.press('ArrowDown');
					await expect(page.locator(select)).toHaveValue(want);
				}
			}
			await press(page, '[data-testid="quiz-check"]', mode);
			break;
		}
		case 'find': {
			const target = q.targets.find((t) => 'panel' in t) as { panel: string };
			const panels = await page
				.locator('[data-testid="find-page"] [data-panel-id]')
				.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.panelId!));
			const panel = right ? target.panel : panels.find((p) => p !== target.panel)!;
			await press(page, `[data-testid="find-page"] [data-panel-id="${panel}"]`, mode);
			break;
		}
	}
	await expect(quizRoot(page)).toHaveAttribute('data-answered', 'true');
	await expect(quizRoot(page)).toHaveAttribute('data-verdict', right ? 'right' : /partial|wrong/);
}

/** Goes on from the feedback: the keyboard finds "next" already focused. */
async function next(page: Page, mode: Mode) {
	const nextButton = page.getByTestId('quiz-next');
	if (mode === 'touch') await nextButton.tap();
	else {
		await expect(nextButton).toBeFocused();
		await page.keyboard.press('Enter');
	}
}

async function runWholeQuiz(
	page: Page,
	slug: string,
	lang: 'fr' | 'en',
	mode: Mode,
	right: (index: number) => boolean
) {
	const quiz = quizOf(slug);
	for (const [i, q] of quiz.questions.entries()) {
		await atQuestion(page, q.id);
		await expect(page.getByTestId('quiz-prompt')).toHaveText(q.prompt[lang]!);
		await answer(page, q, mode, right(i));
		if (q.type === 'true-false') {
			// The verdict is about the answer, the statement's truth is said once, in words, and the
			// explanation does not open with a second, opposite-sounding "Faux :".
			await expect(page.getByTestId('quiz-statement')).toHaveText(STATEMENT[lang][`${q.answer}`]);
			const body = explanationBody(q.explanation[lang]!, TRUTH[lang]);
			await expect(page.getByTestId('quiz-explanation')).toHaveText(body);
			expect(body).not.toMatch(/^(vrai|faux|true|false)\b/i);
		} else await expect(page.getByTestId('quiz-explanation')).toHaveText(q.explanation[lang]!);
		await next(page, mode);
	}
	await expect(quizRoot(page)).toHaveAttribute('data-finished', 'true');
}

test('a full quiz in French by touch, every question type, then results by objective', async ({
	browser
}) => {
	const quiz = quizOf(FULL);
	expect(new Set(quiz.questions.map((q) => q.type))).toEqual(
		new Set(['single', 'multiple', 'true-false', 'ordering', 'matching', 'find'])
	);
	const page = await newPage(browser, 'fr', 'touch');
	await createProfile(page, 'Awa', 'sun', `/quiz/${FULL}`);
	// "Listen" reads the question aloud where the quiz has narration (Trente jours has, in fr and en).
	await atQuestion(page, quiz.questions[0]!.id);
	const listen = page.getByTestId('quiz-listen');
	await expect(listen).toHaveText(/Écouter/);
	await expect(page.getByTestId('quiz-synthetic')).toHaveText('Voix de synthèse');
	const audio = page.waitForResponse((r) => /\/audio\/quiz\/fr\/.+\.(ogg|mp3)$/.test(r.url()));
	await listen.tap();
	await expect(listen).toHaveAttribute('data-playing', 'true');
	expect((await audio).status()).toBeLessThan(300);
	await runWholeQuiz(page, FULL, 'fr', 'touch', () => true);
	await expect(page.getByTestId('quiz-results')).toHaveAttribute('data-score', '1');
	await expect(page.getByTestId('quiz-score')).toHaveText('100 % de bonnes réponses');
	const known = await page
		.locator('[data-testid="results-known"] li')
		.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.objective));
	expect(known.sort()).toEqual([...new Set(quiz.questions.flatMap((q) => q.objectives))].sort());
	// The student reads the objective in a student's words, not the teacher's curriculum wording.
	await expect(page.getByTestId('results-known')).toContainText(
		'pourquoi on déclare une naissance, et en combien de jours (30 jours)'
	);
	await expect(page.getByTestId('results-known')).not.toContainText('Expliquer pourquoi et dans quel délai');
	await expect(page.getByTestId('results-review')).toHaveCount(0);
	await page.context().close();
});

test('a full quiz in English by keyboard, every question type, then what is known and what to review', async ({
	browser
}) => {
	const quiz = quizOf(FULL);
	// Right on even questions (both ordering questions, so the arrows are used from the keyboard),
	// wrong on odd ones.
	const right = (i: number) => i % 2 === 0;
	expect(quiz.questions.filter((q, i) => q.type === 'ordering' && right(i)).length).toBeGreaterThan(0);
	const page = await newPage(browser, 'en', 'keyboard');
	await createProfile(page, 'Moussa', 'drum', `/quiz/${FULL}`);
	await runWholeQuiz(page, FULL, 'en', 'keyboard', right);
	const score = Number(await page.getByTestId('quiz-results').getAttribute('data-score'));
	expect(score).toBeGreaterThan(0);
	expect(score).toBeLessThan(1);
	await expect(page.getByTestId('results-known')).toBeVisible();
	await expect(page.getByTestId('results-review')).toContainText(
		'why a birth must be declared, and within how many days (30 days)'
	);
	await expect(page.getByTestId('results-review')).not.toContainText('Explain why and within what time');
	await expect(page.getByTestId('results-evidence').first()).toHaveAttribute(
		'href',
		/^\/read\/trente-jours\?panel=[^&]+&return=%2Fquiz%2Ftrente-jours$/
	);
	// Retry starts again at the first question, by keyboard too.
	await press(page, '[data-testid="quiz-retry"]', 'keyboard');
	await atQuestion(page, quiz.questions[0]!.id);
	await expect(quizRoot(page)).toHaveAttribute('data-answered', 'false');
	await page.context().close();
});

test('a wrong answer leads to the evidence panel in the reader and back to the same question', async ({
	browser
}) => {
	const quiz = quizOf(FULL);
	const first = quiz.questions[0]!;
	const page = await newPage(browser, 'fr', 'touch');
	await createProfile(page, 'Fanta', 'star', `/quiz/${FULL}`);
	await answer(page, first, 'touch', false);
	const attempt = await quizRoot(page).getAttribute('data-attempt-id');
	const evidence = page.getByTestId('quiz-evidence');
	await expect(evidence).toHaveText('Voir dans la BD');
	await evidence.tap();
	await expect(page).toHaveURL(new RegExp(`/read/${FULL}\\?panel=${first.evidence!.panel}&return=`));
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expect(reader).toHaveAttribute('data-panel-id', first.evidence!.panel);
	await page.getByTestId('return-to-quiz').tap();
	await atQuestion(page, first.id);
	await expect(quizRoot(page)).toHaveAttribute('data-attempt-id', attempt!);
	await expect(quizRoot(page)).toHaveAttribute('data-verdict', 'wrong');
	await next(page, 'touch');
	await atQuestion(page, quiz.questions[1]!.id);
	await page.context().close();
});

test('a reload in the middle of a quiz resumes at the same question with the answers kept', async ({
	browser
}) => {
	const quiz = quizOf(FULL);
	const page = await newPage(browser, 'fr', 'touch');
	await createProfile(page, 'Issa', 'tree', `/quiz/${FULL}`);
	await answer(page, quiz.questions[0]!, 'touch', true);
	await next(page, 'touch');
	// Answered but not yet moved on: the answer is already on the tablet.
	await answer(page, quiz.questions[1]!, 'touch', true);
	const attempt = await quizRoot(page).getAttribute('data-attempt-id');
	const orderBefore = await page.locator('button[data-option-id]').count();
	await page.reload();
	await atQuestion(page, quiz.questions[1]!.id);
	await expect(quizRoot(page)).toHaveAttribute('data-attempt-id', attempt!);
	await expect(quizRoot(page)).toHaveAttribute('data-answered', 'true');
	expect(await page.locator('button[data-option-id]').count()).toBe(orderBefore);
	await next(page, 'touch');
	const third = quiz.questions[2]!;
	await atQuestion(page, third.id);
	// The shuffled order of an ordering question is the same after a reload (seeded shuffle).
	const order = () =>
		page.locator('[data-item-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.itemId));
	const before = await order();
	await page.reload();
	await atQuestion(page, third.id);
	expect(await order()).toEqual(before);
	await page.context().close();
});

test('two profiles on one tablet keep separate progress and results', async ({ browser }) => {
	const slug = 'le-robinet-de-sikoro';
	const quiz = quizOf(slug);
	const page = await newPage(browser, 'fr', 'touch');
	await createProfile(page, 'Kadia', 'fish', `/quiz/${slug}`);
	await runWholeQuiz(page, slug, 'fr', 'touch', () => true);
	await expect(page.getByTestId('quiz-results')).toHaveAttribute('data-score', '1');

	await createProfile(page, 'Bakary', 'bird', `/quiz/${slug}`);
	await atQuestion(page, quiz.questions[0]!.id);
	await expect(page.getByTestId('quiz-reader')).toContainText('Bakary');
	await answer(page, quiz.questions[0]!, 'touch', false);
	await next(page, 'touch');
	await atQuestion(page, quiz.questions[1]!.id);

	// Kadia still sees her own finished results; Bakary resumes where he was.
	await chooseProfile(page, 'Kadia', `/quiz/${slug}`);
	await expect(quizRoot(page)).toHaveAttribute('data-finished', 'true');
	await expect(page.getByTestId('quiz-results')).toHaveAttribute('data-score', '1');
	await chooseProfile(page, 'Bakary', `/quiz/${slug}`);
	await atQuestion(page, quiz.questions[1]!.id);
	await expect(page.getByTestId('quiz-reader')).toContainText('Bakary');

	// Removing Bakary removes his results only.
	await page.goto('/profiles');
	await expect(page.getByTestId('profiles')).toHaveAttribute('data-ready', 'true');
	await page.getByTestId('profile-manage').tap();
	await page.locator('[data-testid="profile-remove"][data-name="Bakary"]').tap();
	await page.getByTestId('profile-remove-confirm').tap();
	await expect(page.locator('[data-testid="profile-remove"][data-name="Bakary"]')).toHaveCount(0);
	await page.getByTestId('profile-manage').tap();
	await expect(page.locator('[data-testid="profile"][data-name="Kadia"]')).toBeVisible();
	await page.context().close();
});

test('the library links each comic to its quiz; without a reader the quiz asks who is reading', async ({
	page
}) => {
	await page.goto('/');
	await page.locator(`[data-slug="${FULL}"]`).getByTestId('quiz-link').click();
	await expect(page).toHaveURL(new RegExp(`/profiles\\?return=${encodeURIComponent(`/quiz/${FULL}`)}`));
	await expect(page.getByTestId('profiles')).toHaveAttribute('data-ready', 'true');
	await page.getByTestId('profile-create').click();
	await expect(page.getByTestId('profile-problem')).toHaveText('Écris un nom.');
});

test('a right true/false answer never reads "Bravo" then "Faux"', async ({ browser }) => {
	const quiz = quizOf(FULL);
	const index = quiz.questions.findIndex((q) => q.type === 'true-false' && q.answer === false);
	expect(index).toBeGreaterThanOrEqual(0);
	const page = await newPage(browser, 'fr', 'touch');
	await createProfile(page, 'Oumou', 'star', `/quiz/${FULL}`);
	for (const q of quiz.questions.slice(0, index)) {
		await answer(page, q, 'touch', true);
		await next(page, 'touch');
	}
	await answer(page, quiz.questions[index]!, 'touch', true);
	const feedback = page.getByTestId('quiz-feedback');
	await expect(feedback.locator('.verdict')).toContainText("Bravo, c'est juste !");
	await expect(feedback.locator('.verdict')).toContainText('Cette phrase est fausse.');
	await expect(feedback).not.toContainText(/\bFaux\b/);
	await page.context().close();
});

/** Answers right up to the first find-it question of a quiz; returns it. */
async function toFindQuestion(page: Page, slug: string, mode: Mode) {
	const quiz = quizOf(slug);
	const index = quiz.questions.findIndex((q) => q.type === 'find');
	for (const q of quiz.questions.slice(0, index)) {
		await answer(page, q, mode, true);
		await next(page, mode);
	}
	const q = quiz.questions[index]!;
	await atQuestion(page, q.id);
	return q as Extract<Question, { type: 'find' }>;
}

for (const lang of ['fr', 'en'] as const) {
	test(`find-it shows the page with its bubbles in ${lang}, and names each panel by its description`, async ({
		browser
	}) => {
		const page = await newPage(browser, lang, 'touch');
		await createProfile(page, `Sali ${lang}`, 'moon', `/quiz/${FULL}`);
		const q = await toFindQuestion(page, FULL, 'touch');
		const manifest = comicOf(FULL);
		const shown = manifest.pages.find((p) => p.id === q.page)!;
		const bubbles = page.getByTestId('page-bubbles');
		await expect(bubbles).toHaveAttribute('data-ready', 'true');
		await expect(bubbles).toHaveAttribute('data-lang', lang);

		for (const panel of shown.panels) {
			// Screen readers hear the panel's description, then what is said in it, not "Case 1".
			const button = page.locator(`[data-testid="find-page"] button[data-panel-id="${panel.id}"]`);
			await expect(button).toHaveAccessibleName(panel.description[lang]!);
			for (const bubble of panel.bubbles) {
				await expect(button).toHaveAccessibleDescription(new RegExp(escape(bubble.text[lang]!)));
				// Every word of the bubble is drawn in the SVG over the art, in the quiz's language.
				const drawn = (await bubbles.locator(`[data-bubble-id="${bubble.id}"] text`).textContent()) ?? '';
				expect(squash(drawn)).toBe(squash(bubble.text[lang]!));
			}
		}

		// Pixels: inside a bubble there is the bubble's white and the ink of its letters.
		const first = shown.panels[0]!.bubbles[0]!;
		const box = (await bubbles.locator(`[data-bubble-id="${first.id}"]`).boundingBox())!;
		expect(box.width).toBeGreaterThan(20);
		const png = await page.screenshot({ clip: box });
		const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
		let white = 0;
		let ink = 0;
		for (let i = 0; i < data.length; i += info.channels) {
			const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
			if (r > 245 && g > 245 && b > 245) white++;
			if (r < 80 && g < 80 && b < 80) ink++;
		}
		const pixels = info.width * info.height;
		expect(white / pixels).toBeGreaterThan(0.3);
		expect(ink / pixels).toBeGreaterThan(0.01);

		await expect(page.locator('main')).not.toContainText(RAW_KEY);
		await page.context().close();
	});
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Text without its line breaks and spacing differences (the SVG draws fitted lines). */
const squash = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, '');

test('two students on one tablet keep their own reading position and results', async ({ browser }) => {
	const slug = FULL;
	const quiz = quizOf(slug);
	const page = await newPage(browser, 'fr', 'touch');
	await createProfile(page, 'Awa', 'sun', '/');
	await createProfile(page, 'Issa', 'drum', '/');

	// Awa reads up to the third panel.
	await chooseProfile(page, 'Awa', `/read/${slug}`);
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	const start = await reader.getAttribute('data-panel-id');
	await page.getByTestId('next').click();
	await expect(reader).not.toHaveAttribute('data-panel-id', start!);
	const second = await reader.getAttribute('data-panel-id');
	await page.getByTestId('next').click();
	// Read once the reader is on it: read right after the click, it could still be the second.
	await expect(reader).not.toHaveAttribute('data-panel-id', second!);
	const awaPanel = await reader.getAttribute('data-panel-id');
	expect(awaPanel).not.toBe(start);

	// Issa opens the same comic on the same tablet: he starts at the beginning.
	await chooseProfile(page, 'Issa', `/read/${slug}`);
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expect(reader).toHaveAttribute('data-panel-id', start!);
	// Issa answers the first question wrong and finishes nothing else.
	await page.goto(`/quiz/${slug}`);
	await expect(page.getByTestId('quiz-reader')).toContainText('Issa');
	await answer(page, quiz.questions[0]!, 'touch', false);

	// Awa comes back: her place in the comic is kept, and she finishes the quiz.
	await chooseProfile(page, 'Awa', `/read/${slug}`);
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expect(reader).toHaveAttribute('data-panel-id', awaPanel!);
	await page.goto(`/quiz/${slug}`);
	await expect(page.getByTestId('quiz-reader')).toContainText('Awa');
	await runWholeQuiz(page, slug, 'fr', 'touch', () => true);
	await page.getByTestId('quiz-my-results').tap();

	// "Mes résultats": Awa's finished attempt and her objectives, not Issa's.
	const results = page.getByTestId('my-results');
	await expect(results).toHaveAttribute('data-ready', 'true');
	await expect(page.locator('h1')).toContainText('Awa');
	await expect(page.getByTestId('results-attempt')).toHaveCount(1);
	await expect(page.getByTestId('results-attempt-score')).toHaveText('100 % de bonnes réponses');
	const codes = [...new Set(quiz.questions.flatMap((q) => q.objectives))].sort();
	await expect(page.locator('[data-testid="results-objectives"] > li')).toHaveCount(codes.length);
	await expect(page.locator('[data-testid="results-objectives"] > li[data-known="true"]')).toHaveCount(
		codes.length
	);
	await expect(results).not.toContainText(RAW_KEY);
	// Objectives in the student's words here too, not the teacher's curriculum wording.
	await expect(results).toContainText('pourquoi on déclare une naissance, et en combien de jours (30 jours)');
	await expect(results).not.toContainText('Expliquer pourquoi et dans quel délai');

	await chooseProfile(page, 'Issa', '/profiles/results');
	await expect(results).toHaveAttribute('data-ready', 'true');
	await expect(page.locator('h1')).toContainText('Issa');
	await expect(page.getByTestId('results-attempt')).toHaveCount(1);
	await expect(page.getByTestId('results-attempt')).toContainText('pas terminé');
	await expect(page.getByTestId('results-objectives')).toHaveCount(0);
	await page.context().close();
});

test('the tablet asks "Qui lit ?" again after 20 idle minutes (also on a page left open) and after a restart, not on a reload', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
	await context.addCookies([{ name: 'kalanso-lang', value: 'fr', url: 'http://127.0.0.1' }]);
	const page = await context.newPage();
	await page.clock.install({ time: new Date('2026-11-12T08:00:00Z') });
	await createProfile(page, 'Fanta', 'flower', `/quiz/${FULL}`);
	await atQuestion(page, quizOf(FULL).questions[0]!.id);
	await expect(page.getByTestId('quiz-reader')).toContainText('Fanta');

	// A reload is the same session.
	await page.reload();
	await expect(page.getByTestId('quiz-reader')).toContainText('Fanta');

	// 19 minutes later: still Fanta. 21 idle minutes: the next student is asked who they are.
	await page.clock.fastForward('19:00');
	await page.reload();
	await expect(page.getByTestId('quiz-reader')).toContainText('Fanta');
	await page.clock.fastForward('21:00');
	await page.goto(`/quiz/${FULL}`);
	await expect(page).toHaveURL(/\/profiles\?return=/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Qui lit ?');
	await expect(page.locator('[data-testid="profile"][data-name="Fanta"]')).not.toHaveClass(/current/);
	await page.locator('[data-testid="profile"][data-name="Fanta"]').click();
	await expect(page.getByTestId('quiz-reader')).toContainText('Fanta');

	// The quiz left open for 21 minutes: the next touch asks who is reading and answers nothing.
	const first = quizOf(FULL).questions[0]!;
	await atQuestion(page, first.id);
	await expect(quizRoot(page)).toHaveAttribute('data-answered', 'false');
	await page.clock.fastForward('21:00');
	await page.locator('[data-option-id]').first().click();
	await expect(page).toHaveURL(/\/profiles\?return=/);
	await page.locator('[data-testid="profile"][data-name="Fanta"]').click();
	await atQuestion(page, first.id);
	await expect(quizRoot(page)).toHaveAttribute('data-answered', 'false');

	// The app started again (a new tab: a new run): asked again.
	const restarted = await context.newPage();
	await restarted.goto(`/quiz/${FULL}`);
	await expect(restarted).toHaveURL(/\/profiles\?return=/);
	await context.close();
});
