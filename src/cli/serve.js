// Starts the production build (adapter-node) with Kalanso's defaults; `npm start` and the e2e
// server both go through here. Every setting can still be given in the environment.

// Authors upload comic packs of 1–3 MB (art + narration); adapter-node refuses bodies over 512 KB
// by default, which would turn every real upload into an error.
process.env.BODY_SIZE_LIMIT ??= '64M';

import path from 'node:path';
import { pathToFileURL } from 'node:url';

// KALANSO_BUILD_DIR serves another build than ./build (the update test serves two in turn).
// A variable specifier keeps svelte-check (checkJs) from type-checking the generated build.
const entry = process.env.KALANSO_BUILD_DIR
	? pathToFileURL(path.resolve(process.env.KALANSO_BUILD_DIR, 'index.js')).href
	: '../../build/index.js';
await import(entry);
