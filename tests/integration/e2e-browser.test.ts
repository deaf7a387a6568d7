/** Which browser `npm test` drives, and the clear stop on a machine without one (tests/e2e/browser.js). */
import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { chromiumExecutable, GET_A_BROWSER } from '../e2e/browser.js';

const own = chromium.executablePath();

interface Case {
	case: string;
	env: NodeJS.ProcessEnv;
	files: string[];
	expected: string | undefined;
}

describe('end-to-end browser', () => {
	it.each<Case>([
		{ case: "Debian's Chromium", env: {}, files: ['/usr/bin/chromium', own], expected: '/usr/bin/chromium' },
		{ case: "Playwright's own when Debian's is missing", env: {}, files: [own], expected: undefined },
		{
			case: 'the one asked for',
			env: { PLAYWRIGHT_CHROMIUM_PATH: '/opt/c' },
			files: [],
			expected: '/opt/c'
		},
		{
			case: "Playwright's own when asked with an empty path",
			env: { PLAYWRIGHT_CHROMIUM_PATH: '' },
			files: ['/usr/bin/chromium', own],
			expected: undefined
		}
	])('uses $case', ({ env, files, expected }) => {
		expect(chromiumExecutable(env, (f) => files.includes(f))).toBe(expected);
	});

	it('stops with the command that gets a browser on a machine without any', () => {
		expect(() => chromiumExecutable({}, () => false)).toThrow(GET_A_BROWSER);
		expect(GET_A_BROWSER).toBe('npx playwright install chromium');
	});
});
