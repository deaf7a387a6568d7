/** The header's account label names the role once ("Enseignant (démo) (enseignant)" was the bug). */
import { expect, test } from '@playwright/test';
import { signInAs } from './support/accounts';

test('a signed-in demo teacher reads their role once in the header, in French and in English', async ({
	page
}) => {
	await page.context().addCookies([{ name: 'kalanso-lang', value: 'fr', url: 'http://127.0.0.1' }]);
	await signInAs(page, 'teacher');
	await page.goto('/');
	const who = page.getByTestId('account-who');
	await expect(who).toContainText('Connecté : ');
	const french = (await who.innerText()).toLowerCase();
	expect(french.match(/enseignant/g)).toHaveLength(1);

	// The header's language picker (the library's filters have a "Langue" select too).
	// A choice made before the page's scripts run would not switch: the picker says when they do.
	const picker = page.getByTestId('ui-language');
	await expect(picker).toHaveAttribute('data-ready', 'true');
	await picker.selectOption('en');
	await expect(who).toContainText('Signed in: ');
	// In English the name (French) and the role (English) are different words: both are shown.
	await expect(who).toContainText('(teacher)');
});
