/**
 * A version the national server approved, installed on a school server through
 * ReviewService.installApproved (school sync, src/lib/server/sync): only with the approval of a key
 * the school trusts and files that match it, published by the reviewers' rule (an older version is
 * superseded), and withdrawn again when the national list says so, which puts it in the school's
 * own withdrawal list for its tablets.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { withdrawnVersions } from '../../src/lib/server/packs/withdrawals';
import { ReviewError, ReviewService } from '../../src/lib/server/review/service';
import { ephemeralSigner } from '../../src/lib/server/review/keys';
import { loadLanguages } from '../../src/lib/server/content/comic-folder';
import { contentChecks } from '../../src/lib/server/content/checks';
import { reviewWorld, tinyVersion, type ReviewWorld } from './support/review-world';

const worlds: ReviewWorld[] = [];
afterAll(async () => {
	for (const w of worlds) await w.close();
});

/** A national world that published the tiny comic, and a school world that trusts its key. */
async function nationalAndSchool() {
	const national = await reviewWorld();
	const school = await reviewWorld();
	worlds.push(national, school);
	const schoolService = new ReviewService({
		repos: school.repos,
		store: school.store,
		signer: school.signer,
		trusted: [school.signer.key, national.signer.key],
		validation
	});
	return { national, school, schoolService };
}

/** The one validation with the fixtures' languages and checks, as review-world.ts sets it up. */
const validation = async () => ({
	languages: await loadLanguages('tests/fixtures/comics'),
	checks: await contentChecks('tests/fixtures/comics')
});

const owner = '00000000-0000-4000-8000-0000000000a1';

async function publishedAt(world: ReviewWorld, hash: string) {
	const version = (await world.repos.versions.get(hash))!;
	const document = (await world.store.load(hash))!;
	const files = new Map<string, Uint8Array>();
	for (const [p, h] of Object.entries(document.assets)) files.set(p, (await world.store.blobs.get(h))!);
	return { version, prepared: { document, versionHash: hash, files } };
}

describe('installApproved', () => {
	it('installs and publishes a trusted approval; the school then serves it as verified', async () => {
		const { national, school, schoolService } = await nationalAndSchool();
		const hash = await national.publish(await tinyVersion());
		const { version, prepared } = await publishedAt(national, hash);
		const { created } = await schoolService.installApproved(owner, prepared, version.approval!);
		expect(created).toBe(true);
		const installed = (await school.repos.versions.get(hash))!;
		expect(installed.state).toBe('published');
		expect(installed.approval).toEqual(version.approval);
		expect((await schoolService.publishedComic(version.comicId))?.version.versionHash).toBe(hash);
		// Again: nothing changes (a re-run of a sync that was cut after installing).
		expect((await schoolService.installApproved(owner, prepared, version.approval!)).created).toBe(false);
	});

	it('refuses altered files and stores nothing', async () => {
		const { national, school, schoolService } = await nationalAndSchool();
		const hash = await national.publish(await tinyVersion());
		const { version, prepared } = await publishedAt(national, hash);
		const [first] = prepared.files.keys();
		const altered = new Map(prepared.files);
		const bytes = new Uint8Array(altered.get(first!)!);
		bytes[0] = bytes[0]! ^ 0xff;
		altered.set(first!, bytes);
		const refusal = await schoolService
			.installApproved(owner, { ...prepared, files: altered }, version.approval!)
			.catch((e: unknown) => e);
		expect(refusal).toBeInstanceOf(ReviewError);
		expect((refusal as ReviewError).message).toMatch(/do not match the approval: .*\(altered\)/);
		expect(await school.repos.versions.get(hash)).toBeUndefined();
	});

	it('refuses an approval by a key the school does not trust', async () => {
		const { national, school } = await nationalAndSchool();
		const hash = await national.publish(await tinyVersion());
		const { version, prepared } = await publishedAt(national, hash);
		const distrustful = new ReviewService({
			repos: school.repos,
			store: school.store,
			signer: school.signer,
			trusted: [school.signer.key, ephemeralSigner('other').key],
			validation
		});
		await expect(distrustful.installApproved(owner, prepared, version.approval!)).rejects.toThrow(
			/not trusted/
		);
		expect(await school.repos.versions.get(hash)).toBeUndefined();
	});

	it('supersedes the older version, and a national withdrawal reaches the school list', async () => {
		const { national, school, schoolService } = await nationalAndSchool();
		const first = await publishedAt(national, await national.publish(await tinyVersion()));
		await schoolService.installApproved(owner, first.prepared, first.version.approval!);
		const secondHash = await national.publish(
			await tinyVersion((m) => ({ ...m, summary: { ...m.summary, fr: `${m.summary.fr ?? ''} (révisé)` } }))
		);
		const second = await publishedAt(national, secondHash);
		await schoolService.installApproved(owner, second.prepared, second.version.approval!);
		expect((await school.repos.versions.get(first.version.versionHash))!.state).toBe('withdrawn');
		expect((await school.repos.versions.get(secondHash))!.state).toBe('published');
		// Superseded is not a withdrawal tablets act on.
		expect(await withdrawnVersions(school.repos)).toEqual([]);

		expect(await schoolService.withdrawApproved(secondHash, { reason: 'withdrawn-nationally' })).toBe(true);
		expect(await schoolService.withdrawApproved(secondHash, { reason: 'withdrawn-nationally' })).toBe(false);
		expect(await schoolService.publishedComic(second.version.comicId)).toBeNull();
		expect((await withdrawnVersions(school.repos)).map((w) => w.versionHash)).toEqual([secondHash]);
	});
});
