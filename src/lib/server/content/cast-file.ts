/**
 * Reads the collection's cast (`comics/cast.json`, see src/lib/domain/manifest/cast.ts). A
 * collection without a cast file (test fixtures) is not checked for names.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CAST_FILE, castProblems, castSchema, type Cast } from '../../domain/manifest/cast';

/** The cast of the comics folder, or null without a cast file; a broken cast is an error naming each problem. */
export async function requireValidCast(comicsRoot: string): Promise<Cast | null> {
	let text: string;
	try {
		text = await readFile(path.join(comicsRoot, CAST_FILE), 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
	const parsed = castSchema.safeParse(JSON.parse(text));
	if (!parsed.success)
		throw new Error(
			`${CAST_FILE} is invalid:\n  ${parsed.error.issues.map((i) => `$.${i.path.join('.')}: ${i.message}`).join('\n  ')}`
		);
	const problems = castProblems(parsed.data);
	if (problems.length > 0) throw new Error(`${CAST_FILE} is invalid:\n  ${problems.join('\n  ')}`);
	return parsed.data;
}
