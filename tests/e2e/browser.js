// Which Chromium the end-to-end tests drive (playwright.config.ts), checked before anything is
// built: `node tests/e2e/browser.js` stops `npm test` at once, naming the one command that gets a
// browser, instead of failing deep inside Playwright after the build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const GET_A_BROWSER = 'npx playwright install chromium';

/**
 * The executable to launch: PLAYWRIGHT_CHROMIUM_PATH when set (empty: Playwright's own), else
 * Debian's Chromium when installed, else Playwright's own browser when installed (`undefined`
 * lets Playwright pick it). Throws when there is none.
 * @param {NodeJS.ProcessEnv} [env]
 * @param {(file: string) => boolean} [exists] (tests pretend a fresh machine)
 * @returns {string | undefined}
 */
export function chromiumExecutable(env = process.env, exists = existsSync) {
	const chosen = env.PLAYWRIGHT_CHROMIUM_PATH;
	if (chosen) return chosen;
	if (chosen === undefined && exists(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
	if (exists(chromium.executablePath())) return undefined;
	throw new Error(
		`No Chromium for the end-to-end tests (${DEBIAN_CHROMIUM} is missing and Playwright's own ` +
			`browser is not installed). Get one with:\n\n    ${GET_A_BROWSER}\n`
	);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	try {
		chromiumExecutable();
	} catch (error) {
		console.error(/** @type {Error} */ (error).message);
		process.exit(1);
	}
}
