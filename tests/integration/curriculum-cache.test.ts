// Issue 19: the curriculum is read and validated once and kept until its folder changes, instead of
// on every reviewer page, class report and quiz request.
import { cp, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedCurriculum } from '../../src/lib/server/quiz/curriculum-files';

const dirs: string[] = [];
afterAll(async () => {
	await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('the cached curriculum', () => {
	it('is read once, read again when a file changes, and gone when the folder is', async () => {
		const root = await mkdtemp(path.join(tmpdir(), 'kalanso-curriculum-'));
		dirs.push(root);
		await cp('comics/curriculum', path.join(root, 'curriculum'), { recursive: true });
		const file = path.join(root, 'curriculum', 'ecm-fondamental-2.json');

		const first = await cachedCurriculum(root);
		expect(first?.issues.filter((i) => i.severity === 'error')).toEqual([]);
		const objective = first!.objectives[0]!;
		// Unchanged folder: the very same result, nothing read or validated again.
		expect(await cachedCurriculum(root)).toBe(first);

		// An edited title (a new mtime, as any editor or copy gives) is seen at the next request.
		const text = await readFile(file, 'utf8');
		await writeFile(file, text.replace(JSON.stringify(objective.title.fr), JSON.stringify('Titre modifié')));
		const later = new Date(Date.now() + 5_000);
		await utimes(file, later, later);
		const edited = await cachedCurriculum(root);
		expect(edited).not.toBe(first);
		expect(edited!.objectives.find((o) => o.code === objective.code)?.title.fr).toBe('Titre modifié');

		await rm(path.join(root, 'curriculum'), { recursive: true });
		expect(await cachedCurriculum(root)).toBeNull();
	});
});
