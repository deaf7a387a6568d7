/**
 * `comics:check` on the narration of real audio files: the tiny fixture's narration (made with
 * comics/tools/narrate.ts) passes, and each broken narration fixture is reported with its path.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesRoot, runComicsCheck } from './comics-check-cli';
import { probeAudio } from '../../src/lib/server/content/audio-probe';

const root = fixturesRoot;

const check = runComicsCheck;

describe('narration in comics:check', () => {
	it('probes the real duration of Opus and MP3 files', async () => {
		for (const ext of ['ogg', 'mp3']) {
			const probe = await probeAudio(path.join(root, `comics/tiny/audio/fr/p1.${ext}`));
			expect(probe.kind).toBe('audio');
			expect(probe.kind === 'audio' && probe.durationSec).toBeGreaterThan(3);
		}
		expect((await probeAudio(path.join(root, 'comics/tiny/comic.json'))).kind).toBe('unreadable');
	});

	it('passes the narrated fixture without warnings', async () => {
		const { code, out } = await check(path.join(root, 'comics/tiny'));
		expect(out).toContain('1 comic(s) checked: 0 error(s), 0 warning(s)');
		expect(code).toBe(0);
	});

	it.each([
		[
			'narration-past-end',
			'narration of p1-2-b2 (fr) ($.narration.fr.clips[2].endSec)',
			'clip ends at 9.5 s but audio "p1-fr" lasts only'
		],
		[
			'narration-overlap',
			'narration of p1-2-b1 (fr) ($.narration.fr.clips[1].startSec)',
			'overlaps clip "p1-1-b1"'
		],
		[
			'narration-unknown-bubble',
			'narration of p1-9-b9 (fr) ($.narration.fr.clips[0].target)',
			'"p1-9-b9", which is no bubble or panel'
		],
		['narration-incomplete', '$.narration.fr.status', 'bubble "p1-2-b2" has no clip'],
		[
			'narration-missing-audio',
			'$.narration.fr.audio[0].sources[0].src',
			'audio file "audio/fr/nowhere.ogg" is missing'
		]
	])(
		'reports %s, where (clip target and language, then JSON path), and fails',
		async (name, where, reason) => {
			const { code, out } = await check(path.join(root, 'broken', name));
			expect(code).toBe(1);
			const line = out.split('\n').find((l) => l.includes(`broken/${name}/comic.json: ${where}: `));
			expect(line, out).toBeDefined();
			expect(line).toContain(reason);
		}
	);

	it('reports a stale clip as a warning that names the bubble', async () => {
		const { code, out } = await check(path.join(root, 'broken', 'narration-stale'));
		const line = out
			.split('\n')
			.find((l) => l.includes('narration of p1-2-b1 (fr) ($.narration.fr.clips[1].textHash): stale clip'));
		expect(line, out).toContain('"p1-2-b1"');
		expect(line).toContain('(warning)');
		expect(code).toBe(0);
	});
});
