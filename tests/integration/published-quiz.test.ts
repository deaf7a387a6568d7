/**
 * The quiz a student gets is the one reviewers approved (issue 11, gap 3): it comes from the
 * comic's published, signed version in the content store, never from the comics/ folder, so an
 * uploaded comic has its quiz online and a quiz edited on disk after approval is not served.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VersionDocument } from '../../src/lib/domain/signing/version';
import { getQuizPayload } from '../../src/lib/server/quiz/quiz-service';
import { reviewWorld, tinyVersion, type ReviewWorld } from './support/review-world';

const REVIEWED_PROMPT = 'Où se trouve Awa dans la case ?';

/** The tiny comic with its first question reworded: not what comics/ (the fixture folder) holds. */
const reworded = () =>
	tinyVersion((manifest, files) => {
		const quiz = JSON.parse(new TextDecoder().decode(files.get('quiz.json')));
		quiz.questions[0].prompt.fr = REVIEWED_PROMPT;
		files.set('quiz.json', new TextEncoder().encode(JSON.stringify(quiz)));
		return manifest;
	});

describe('the quiz served to students', () => {
	let world: ReviewWorld;
	let emptyComics: string;
	const read = (world: ReviewWorld) => async (document: VersionDocument, asset: string) => {
		const file = world.service.assetFile(document, asset);
		return file ? new Uint8Array(await readFile(file)) : null;
	};

	beforeEach(async () => {
		world = await reviewWorld();
		emptyComics = await mkdtemp(path.join(tmpdir(), 'kalanso-no-comics-'));
	});
	afterEach(async () => {
		await world.close();
		await rm(emptyComics, { recursive: true, force: true });
	});

	it('of an uploaded comic (no folder in comics/) is its published quiz', async () => {
		await world.publish(await reworded());
		const published = (await world.service.publishedComic('tiny'))!;
		const payload = await getQuizPayload(published.document, read(world), emptyComics);
		expect(payload?.quiz.questions[0]!.prompt.fr).toBe(REVIEWED_PROMPT);
	});

	it('is the approved quiz, not the one in the comics folder', async () => {
		await world.publish(await reworded());
		const published = (await world.service.publishedComic('tiny'))!;
		const payload = await getQuizPayload(published.document, read(world), emptyComics);
		expect(payload?.quiz.questions[0]!.prompt.fr).toBe(REVIEWED_PROMPT);
		const onDisk = JSON.parse(await readFile('tests/fixtures/comics/tiny/quiz.json', 'utf8'));
		expect(onDisk.questions[0].prompt.fr).not.toBe(REVIEWED_PROMPT);
	});

	it('names the objectives from the curriculum data', async () => {
		await world.publish(await reworded());
		const published = (await world.service.publishedComic('tiny'))!;
		const payload = await getQuizPayload(published.document, read(world), 'comics');
		expect(payload!.objectives['SMP-ECM-7-COLL-01.1']?.title.fr).toMatch(/\S/);
	});

	it('is refused when the stored quiz no longer matches its signed version', async () => {
		await world.publish(await reworded());
		const published = (await world.service.publishedComic('tiny'))!;
		const tampered = async () => new TextEncoder().encode('{"schemaVersion":1,"questions":[]}');
		await expect(getQuizPayload(published.document, tampered, emptyComics)).rejects.toThrow(/altered/);
	});

	it('is none for a published version without quiz.json', async () => {
		await world.publish(
			await tinyVersion((manifest, files) => {
				files.delete('quiz.json');
				for (const p of [...files.keys()]) if (p.startsWith('audio/quiz/')) files.delete(p);
				return manifest;
			})
		);
		const published = (await world.service.publishedComic('tiny'))!;
		expect(await getQuizPayload(published.document, read(world), emptyComics)).toBeNull();
	});
});
