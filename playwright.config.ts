import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './tests/e2e/browser.js';

/**
 * E2E tests run against the production build (adapter-node), in Debian's Chromium when installed,
 * else Playwright's own (tests/e2e/browser.js). PLAYWRIGHT_CHROMIUM_PATH overrides the executable;
 * set it to an empty string to use Playwright's own.
 */
const executablePath = chromiumExecutable();

/**
 * Two workers, each with a server of its own (CI time: one worker took 26 of CI's 36 minutes). Files
 * run in name order within a worker, as they did on one server. A worker's ports are its own block:
 * worker N sees E2E_PORT = the base + N × PORT_STRIDE, so its app server and every fixture server a
 * file starts (E2E_PORT + an offset below 100) never meet the other worker's. Playwright sets
 * TEST_PARALLEL_INDEX in a worker before it loads this file; the runner has none and starts the
 * servers. E2E_WORKERS=1 runs everything on one server, as before.
 */
const PORT_STRIDE = 1000;
const workers = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));
const basePort = Number(process.env.E2E_BASE_PORT ?? process.env.E2E_PORT ?? 4173);
process.env.E2E_BASE_PORT = String(basePort);
const workerIndex = process.env.TEST_PARALLEL_INDEX;
if (workerIndex !== undefined) process.env.E2E_PORT = String(basePort + PORT_STRIDE * Number(workerIndex));
const port = Number(process.env.E2E_PORT ?? basePort);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	timeout: 90_000,
	expect: { timeout: 20_000 },
	fullyParallel: false,
	workers,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		// Recording a trace costs CPU in every test, kept or not (screencast frames: the browser and GPU
		// processes busy all along; quiz.e2e took 2.2 min with it, 1.4 without, on a 2-core machine). CI
		// keeps no files, so it records none: a CI failure is re-run here, where it is kept on failure.
		trace: process.env.CI ? 'off' : 'retain-on-failure',
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
	// One app server per worker, each on a fresh data folder (tests/e2e/serve.js).
	webServer: Array.from({ length: workers }, (_, index) => {
		const serverPort = basePort + PORT_STRIDE * index;
		return {
			command: `node tests/e2e/serve.js`,
			url: `http://127.0.0.1:${serverPort}/healthz`,
			reuseExistingServer: false,
			timeout: 120_000,
			// Pseudo-locales (issue 17, tests/e2e/languages.e2e.ts): offered on this test server only.
			env: { PORT: String(serverPort), HOST: '127.0.0.1', KALANSO_PSEUDO_LOCALES: '1' }
		};
	})
});
