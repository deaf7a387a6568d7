/**
 * What a tablet trusts (issue 11 gaps 4, 5, 12; issue 15): pack files whose unsigned fields
 * disagree with the signed manifest are refused in the user's language; withdrawn versions are
 * deleted with a notice and refused, whether the tablet learnt of the withdrawal from the server or
 * from a pack file; keys and the withdrawal list are kept from the first visit, so an imported file
 * verifies with no network on a tablet that never downloaded anything.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { IntlMessageFormat } from 'intl-messageformat';
import { packVersion } from '../../src/lib/domain/packs/format';
import { catalogs } from '../../src/lib/i18n/catalogs';
import { downloadPack } from '../../src/lib/offline/download';
import { IMPORT_PROBLEMS, ImportRejectedError } from '../../src/lib/offline/errors';
import { exportPack, importPack } from '../../src/lib/offline/share';
import { setTrustedKeysSource } from '../../src/lib/offline/signature';
import { dismissNotices, pendingNotices, syncTrustOnStart } from '../../src/lib/offline/trust-sync';
import { problemMessage } from '../../src/lib/offline/failure-messages';
import {
	fakeServer,
	freshDb,
	makeTestPack,
	signedWithdrawals,
	testTrustedKey,
	trustServer,
	withdrawalOfPack,
	type TestPack
} from './offline-helpers';

const offlineNet = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;

/** The text a person reads for a message key of the trust feature, in `lang`. */
function say(lang: 'fr' | 'en', key: string, values: Record<string, string | number> = {}): string {
	let node: unknown = catalogs[lang]!.trust;
	for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
	expect(typeof node, `trust.${key} in ${lang}`).toBe('string');
	return new IntlMessageFormat(node as string, lang).format(values) as string;
}

/** A tablet that downloaded `tp` from a server withdrawing `withdrawn` of it. */
async function tabletWith(tp: TestPack) {
	const { db } = await freshDb();
	const server = { list: signedWithdrawals([]) as ReturnType<typeof signedWithdrawals>, offline: false };
	const fetcher = trustServer(fakeServer(tp).fetch, server);
	await downloadPack(db, tp.pack.slug, { languages: ['fr'], fetcher });
	return { db, server, fetcher };
}

async function refusal(promise: Promise<unknown>): Promise<ImportRejectedError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ImportRejectedError);
	return error as ImportRejectedError;
}

describe('what a tablet trusts', () => {
	// These tests use the tablet's own keys (fetched and kept), not the helpers' fixed test key.
	beforeEach(() => setTrustedKeysSource(null));
	afterEach(() => setTrustedKeysSource(async () => [testTrustedKey]));

	it('refuses a pack file whose title was changed in pack.json, saying so in French and English', async () => {
		const tp = makeTestPack();
		const { db, fetcher } = await tabletWith(tp);
		const entries = unzipSync(new Uint8Array(await (await exportPack(db, 'tiny')).blob.arrayBuffer()));
		const pack = JSON.parse(new TextDecoder().decode(entries['pack.json']));
		pack.title = { ...pack.title, fr: 'Un titre jamais approuvé' };
		pack.version = packVersion(pack);
		const forged = new Blob([
			zipSync({ ...entries, 'pack.json': strToU8(JSON.stringify(pack)) }) as BlobPart
		]);

		const other = (await freshDb()).db;
		await syncTrustOnStart(other, fetcher);
		const error = await refusal(importPack(other, forged, { fetcher }));
		expect(error).toMatchObject({ problem: 'unsigned-field', params: { field: 'title' } });
		expect(await other.getAll('packs')).toEqual([]);
		const message = problemMessage(error);
		expect(say('fr', message.key, message.values)).toMatch(
			/son titre ne correspond pas à la version approuvée/
		);
		expect(say('en', message.key, message.values)).toMatch(/its title does not match the approved version/);
	});

	it('has every refusal in French and English, with no English left in French', () => {
		for (const problem of IMPORT_PROBLEMS) {
			const values = { file: 'art/page-1.webp', field: 'title' };
			const fr = say('fr', `problems.${problem}`, values);
			const en = say('en', `problems.${problem}`, values);
			expect(fr).not.toBe(en);
			expect(fr, problem).not.toMatch(/does not match|approval key|\bthe\b|signature of/i);
		}
	});

	it('deletes a downloaded comic once its version is withdrawn, with a notice until dismissed', async () => {
		const tp = makeTestPack();
		const { db, server, fetcher } = await tabletWith(tp);
		expect(await syncTrustOnStart(db, fetcher)).toEqual([]);
		expect(await db.get('packs', 'tiny')).toBeDefined();

		server.list = signedWithdrawals([withdrawalOfPack(tp.pack)]);
		const notices = await syncTrustOnStart(db, fetcher, () => 42);
		expect(notices).toEqual([
			{ slug: 'tiny', title: tp.manifest.title, versionHash: expect.any(String), kind: 'version', at: 42 }
		]);
		expect(await db.get('packs', 'tiny')).toBeUndefined();
		expect(await db.getAll('files')).toEqual([]);
		expect(say('fr', 'withdrawn.version', { title: notices[0]!.title.fr! })).toContain(
			'a été retirée par les relecteurs du ministère'
		);
		// Still shown at the next start, offline, until the student dismisses it.
		server.offline = true;
		expect(await syncTrustOnStart(db, offlineNet)).toHaveLength(1);
		await dismissNotices(db);
		expect(await pendingNotices(db)).toEqual([]);
	});

	it('refuses to download or import a withdrawn version', async () => {
		const tp = makeTestPack();
		const { db, server, fetcher } = await tabletWith(tp);
		const file = (await exportPack(db, 'tiny')).blob;
		server.list = signedWithdrawals([withdrawalOfPack(tp.pack)]);
		const other = (await freshDb()).db;
		expect((await refusal(importPack(other, file, { fetcher }))).problem).toBe('withdrawn');
		expect(await other.getAll('packs')).toEqual([]);
		const third = (await freshDb()).db;
		const error = await refusal(downloadPack(third, 'tiny', { languages: ['fr'], fetcher }));
		expect(error.problem).toBe('withdrawn');
	});

	it('an older list never brings a withdrawn version back', async () => {
		const tp = makeTestPack();
		const { db, server, fetcher } = await tabletWith(tp);
		const file = (await exportPack(db, 'tiny')).blob;
		server.list = signedWithdrawals([withdrawalOfPack(tp.pack)]);
		await syncTrustOnStart(db, fetcher);
		server.list = signedWithdrawals([], [], '2026-01-01T00:00:00.000Z');
		await syncTrustOnStart(db, fetcher);
		expect((await refusal(importPack(db, file, { fetcher }))).problem).toBe('withdrawn');
	});

	it('learns of a withdrawal from a pack file, and then refuses the withdrawn comic offline', async () => {
		const tiny = makeTestPack('tiny');
		const other = makeTestPack('other', 2_000);
		// Tablet A got both comics, exported "tiny", then learnt that it was withdrawn.
		const a = await tabletWith(tiny);
		await downloadPack(a.db, 'other', {
			languages: ['fr'],
			fetcher: trustServer(fakeServer(other).fetch, a.server)
		});
		const tinyFile = (await exportPack(a.db, 'tiny')).blob;
		a.server.list = signedWithdrawals([withdrawalOfPack(tiny.pack)]);
		await syncTrustOnStart(a.db, a.fetcher);
		const otherFile = (await exportPack(a.db, 'other')).blob;
		expect(Object.keys(unzipSync(new Uint8Array(await otherFile.arrayBuffer())))).toContain(
			'withdrawals.json'
		);

		// Tablet B visited the server once, before the withdrawal, and is offline since.
		const b = (await freshDb()).db;
		await syncTrustOnStart(b, trustServer(offlineNet, { list: signedWithdrawals([]) }));
		await importPack(b, otherFile, { fetcher: offlineNet });
		const error = await refusal(importPack(b, tinyFile, { fetcher: offlineNet }));
		expect(error.problem).toBe('withdrawn');
	});

	it('ignores a withdrawal list no trusted key signed', async () => {
		const tp = makeTestPack();
		const { db, fetcher } = await tabletWith(tp);
		const file = (await exportPack(db, 'tiny')).blob;
		const forger = Uint8Array.from({ length: 32 }, (_, i) => 250 - i);
		const forged = signedWithdrawals([withdrawalOfPack(tp.pack)], [], '2026-12-05T00:00:00.000Z', forger);
		const entries = unzipSync(new Uint8Array(await file.arrayBuffer()));
		const carrying = new Blob([
			zipSync({ ...entries, 'withdrawals.json': strToU8(JSON.stringify(forged)) }) as BlobPart
		]);
		const other = (await freshDb()).db;
		await syncTrustOnStart(other, fetcher);
		expect(await importPack(other, carrying, { fetcher: offlineNet })).toMatchObject({ slug: 'tiny' });
	});
});

describe('keys and withdrawals kept from the first visit (issue 15)', () => {
	beforeEach(() => setTrustedKeysSource(null));
	afterEach(() => setTrustedKeysSource(async () => [testTrustedKey]));

	it('a tablet that opened Kalanso once verifies an imported file offline', async () => {
		const tp = makeTestPack();
		const { db } = await tabletWith(tp);
		const file = (await exportPack(db, 'tiny')).blob;

		const visited = (await freshDb()).db;
		await syncTrustOnStart(visited, trustServer(offlineNet, { list: signedWithdrawals([]) }));
		expect(await visited.get('trust', 'keys')).toBeDefined();
		expect(await visited.get('trust', 'received')).toBeDefined();
		const stored = await importPack(visited, file, { fetcher: offlineNet });
		expect(stored).toMatchObject({ slug: 'tiny', status: 'ready', origin: 'import' });

		const never = (await freshDb()).db;
		expect((await refusal(importPack(never, file, { fetcher: offlineNet }))).problem).toBe('no-keys');
	});
});
