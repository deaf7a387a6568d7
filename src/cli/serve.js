// Starts the production build (adapter-node) with Kalanso's defaults; `npm start` and the e2e
// server both go through here. Every setting can still be given in the environment.

// Authors upload comic packs of 1–3 MB (art + narration); adapter-node refuses bodies over 512 KB
// by default, which would turn every real upload into an error.
process.env.BODY_SIZE_LIMIT ??= '64M';

export {};

// A variable specifier keeps svelte-check (checkJs) from type-checking the generated build.
const entry = '../../build/index.js';
await import(entry);
