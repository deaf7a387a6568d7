/**
 * When the browser refuses to start sound (a tablet's autoplay policy), the reader says so and a
 * tap turns narration on. The e2e browser allows autoplay (playwright.config.ts), so this test makes
 * the page's first `play()` fail the way a refusing browser does (NotAllowedError) and checks what
 * the student sees and that the tap plays the bubble.
 */
import { expect, test } from '@playwright/test';

test('sound refused by the browser: the reader offers "tap to turn on sound", and the tap plays', async ({
	page
}) => {
	// Every play() of a narration file is refused until the test lets sound through.
	await page.addInitScript(() => {
		const w = window as unknown as { refuseSound: boolean };
		w.refuseSound = true;
		const play = HTMLMediaElement.prototype.play;
		HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
			if (w.refuseSound && this.src.includes('/audio/'))
				return Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'));
			return play.call(this);
		};
	});
	await page.goto('/read/trente-jours');
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	const narration = page.getByTestId('narration');
	await expect(narration).toHaveAttribute('data-narration-state', 'idle');

	await page.getByTestId('narration-read').click();
	await expect(narration).toHaveAttribute('data-narration-state', 'blocked');
	const unblock = page.getByTestId('narration-unblock');
	await expect(unblock).toContainText('Touche ici pour activer le son');

	// The browser would now allow sound (the student's tap is the gesture it wanted).
	await page.evaluate(() => ((window as unknown as { refuseSound: boolean }).refuseSound = false));
	await unblock.click();
	await expect(narration).toHaveAttribute('data-narration-state', 'playing');
	await expect(unblock).toHaveCount(0);
	// The sound really runs: the position in the audio file moves on.
	await expect
		.poll(async () => Number((await narration.getAttribute('data-position')) || 0))
		.toBeGreaterThan(0);
});
