import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './tests/e2e/browser.js';

/**
 * E2E tests run against the production build (adapter-node), in Debian's Chromium when installed,
 * else Playwright's own (tests/e2e/browser.js). PLAYWRIGHT_CHROMIUM_PATH overrides the executable;
 * set it to an empty string to use Playwright's own.
 */
const executablePath = chromiumExecutable();
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	timeout: 90_000,
	expect: { timeout: 20_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--autoplay-policy=no-user-gesture-required'
			]
		}
	},
	webServer: {
		command: `node tests/e2e/serve.js`,
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		// Pseudo-locales (issue 17, tests/e2e/languages.e2e.ts): offered on this test server only.
		env: { PORT: String(port), HOST: '127.0.0.1', KALANSO_PSEUDO_LOCALES: '1' }
	}
});
