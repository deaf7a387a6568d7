// Starts the production build for the e2e tests with a fresh, throw-away data folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.KALANSO_DATA ??= mkdtempSync(path.join(tmpdir(), 'kalanso-e2e-'));
process.env.KALANSO_QUIET ??= '1';
// A variable specifier keeps svelte-check (checkJs) from type-checking the generated build.
const entry = '../../build/index.js';
await import(entry);
