/**
 * Builds the production app and serves it (src/cli/serve.js, as `npm start`) on the bench port with a
 * throw-away data folder, the way `npm start` runs it on a school server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs `vite build` unless BENCH_SKIP_BUILD=1 and a build exists (for iterating on the bench itself). */
export function buildApp(): void {
	if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(path.join(ROOT, 'build/index.js'))) {
		console.log('bench: BENCH_SKIP_BUILD=1, using the existing build/');
		return;
	}
	console.log('bench: building the production app…');
	// BENCH_SOURCEMAP=1: with source maps, so the CPU profiles (bench/lib/profile.ts) name source files.
	const sourcemap = process.env.BENCH_SOURCEMAP === '1' ? ['--sourcemap'] : [];
	const result = spawnSync('npx', ['vite', 'build', ...sourcemap], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}

/**
 * The comics folder to serve: the repository's comics/ when it holds comics, else the tiny test
 * fixture, so the harness still measures something before the sample comics exist (the results
 * name the folder used).
 */
export function comicsRootForBench(): string {
	if (process.env.KALANSO_COMICS) return path.resolve(process.env.KALANSO_COMICS);
	const comics = path.join(ROOT, 'comics');
	const hasComics = readdirSync(comics, { withFileTypes: true }).some(
		(d) => d.isDirectory() && existsSync(path.join(comics, d.name, 'comic.json'))
	);
	return hasComics ? comics : path.join(ROOT, 'tests/fixtures/comics');
}

export interface RunningServer {
	baseUrl: string;
	comicsRoot: string;
	/** The seeded accounts' one-time passwords (KALANSO_DEMO_PASSWORDS_FILE), JSON by role. */
	passwordsFile: string;
	/** The server's process id (its memory is read from /proc). */
	pid: number | undefined;
	stop(): void;
}

export async function startServer(port: number, comicsRoot: string): Promise<RunningServer> {
	const data = mkdtempSync(path.join(tmpdir(), 'kalanso-bench-'));
	const child: ChildProcess = spawn(process.execPath, ['src/cli/serve.js'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			KALANSO_DATA: data,
			KALANSO_COMICS: comicsRoot,
			KALANSO_QUIET: '1',
			KALANSO_DEMO_PASSWORDS_FILE: path.join(data, 'passwords.json')
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	let exited = false;
	child.on('exit', () => (exited = true));
	const stop = () => {
		if (!exited) child.kill('SIGTERM');
		rmSync(data, { recursive: true, force: true });
	};
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (exited) throw new Error('the server exited while starting');
		try {
			const response = await fetch(`${baseUrl}/healthz`);
			if (response.ok)
				return {
					baseUrl,
					comicsRoot,
					stop,
					pid: child.pid,
					passwordsFile: path.join(data, 'passwords.json')
				};
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	stop();
	throw new Error(`the server did not answer ${baseUrl}/healthz within 60 s`);
}
