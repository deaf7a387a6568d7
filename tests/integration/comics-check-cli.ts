/** Runs `comics:check` on one comic folder as an author would, against the fixtures' languages. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The tests' fixtures folder. */
export const fixturesRoot = path.resolve('tests/fixtures');

/** Exit code and printed lines of `comics:check <dir>`. */
export async function runComicsCheck(dir: string): Promise<{ code: number; out: string }> {
	try {
		const { stdout } = await run('npx', ['tsx', 'src/cli/comics-check.ts', dir], {
			env: { ...process.env, KALANSO_COMICS: path.join(fixturesRoot, 'comics') }
		});
		return { code: 0, out: stdout };
	} catch (error) {
		const e = error as { code: number; stdout: string };
		return { code: e.code, out: e.stdout };
	}
}
