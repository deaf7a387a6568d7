// Starts the production build for the e2e tests with a fresh, throw-away data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.KALANSO_DATA ??= mkdtempSync(path.join(tmpdir(), 'kalanso-e2e-'));
process.env.KALANSO_QUIET ??= '1';
// The seeded accounts' passwords, for tests/e2e/support/accounts.ts (same path formula there). The
// data folder is fresh, so the server seeds and rewrites this file on every run.
process.env.KALANSO_DEMO_PASSWORDS_FILE ??= path.join(
	tmpdir(),
	`kalanso-e2e-${process.env.PORT ?? 3000}-passwords.json`
);
rmSync(process.env.KALANSO_DEMO_PASSWORDS_FILE, { force: true });
await import('../../src/cli/serve.js');
