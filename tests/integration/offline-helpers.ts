/**
 * Test helpers for the offline layer: an in-memory comic pack (the tiny fixture plus narration
 * audio in two languages) and a fake server that serves it with Range support and can cut the
 * connection after a given number of bytes of a given file.
 */
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import {
	COMIC_MANIFEST_PATH,
	PACK_FORMAT,
	PACK_FORMAT_VERSION,
	packVersion,
	type PackFile,
	type PackManifest
} from '../../src/lib/domain/packs/format';
import { openPacksDb, type PacksDb } from '../../src/lib/offline/db';
import { setTrustedKeysSource } from '../../src/lib/offline/signature';
import { bytesToHex, sha256Hex } from '../../src/lib/domain/signing/hash';
import { approvalMessage, trustedKey, type Approval } from '../../src/lib/domain/signing/signature';
import { buildVersionDocument, versionHashOf } from '../../src/lib/domain/signing/version';
import {
	WITHDRAWAL_FORMAT,
	withdrawalMessage,
	type SignedWithdrawalList,
	type WithdrawnKey,
	type WithdrawnVersion
} from '../../src/lib/domain/signing/withdrawal';
import * as ed from '@noble/ed25519';

/** The approval key of the test server (fixed bytes: no randomness in tests); tablets trust it. */
const testSecretKey = Uint8Array.from({ length: 32 }, (_, i) => i + 7);
export const testTrustedKey = trustedKey(bytesToHex(ed.getPublicKey(testSecretKey)), 'test server');
setTrustedKeysSource(async () => [testTrustedKey]);

/** A withdrawal list signed with the test server's key (or `secret`), as /api/withdrawals serves it. */
export function signedWithdrawals(
	versions: WithdrawnVersion[],
	keys: WithdrawnKey[] = [],
	issuedAt = '2026-12-01T10:00:00.000Z',
	secret: Uint8Array = testSecretKey
): SignedWithdrawalList {
	const list = { format: WITHDRAWAL_FORMAT, issuedAt, versions, keys } as const;
	const publicKey = bytesToHex(ed.getPublicKey(secret));
	return {
		list,
		keyId: trustedKey(publicKey).id,
		signature: bytesToHex(ed.sign(withdrawalMessage(list), secret))
	};
}

/** The withdrawal entry of a test pack's version. */
export function withdrawalOfPack(
	pack: PackManifest,
	withdrawnAt = '2026-12-01T09:00:00.000Z'
): WithdrawnVersion {
	const approval = pack.signature as unknown as Approval;
	return {
		comicId: pack.slug,
		versionHash: approval.versionHash,
		withdrawnAt,
		reason: 'withdrawn-by-reviewer'
	};
}

/**
 * A fetch that answers /api/keys and /api/withdrawals like a Kalanso server (with the test key and
 * `list`) and passes everything else to `rest`. `offline` cuts it all.
 */
export function trustServer(
	rest: typeof fetch,
	state: { list: SignedWithdrawalList | null; offline?: boolean; keys?: string[] }
): typeof fetch {
	return async (input, init) => {
		if (state.offline) throw new TypeError('fetch failed');
		const path = new URL(String(input), 'http://kalanso.test').pathname;
		if (path === '/api/keys')
			return Response.json({
				keys: (state.keys ?? [testTrustedKey.publicKey]).map((publicKey) => ({ id: 'ignored', publicKey }))
			});
		if (path === '/api/withdrawals')
			return state.list ? Response.json(state.list) : new Response('none', { status: 404 });
		return rest(input, init);
	};
}

/** The list a server with nothing withdrawn serves. */
const NO_LIST = signedWithdrawals([], [], '2026-11-01T00:00:00.000Z');

/** Signs a pack listing the way the server does: the approval of the version its files make up. */
export function approvalFor(manifest: Manifest, files: readonly PackFile[]): Approval {
	const assets: Record<string, string> = {};
	for (const f of files) if (f.path !== COMIC_MANIFEST_PATH) assets[f.path] = f.sha256;
	const claim = { comicId: manifest.id, versionHash: versionHashOf(buildVersionDocument(manifest, assets)) };
	return {
		...claim,
		keyId: testTrustedKey.id,
		signature: bytesToHex(ed.sign(approvalMessage(claim), testSecretKey))
	};
}

const tiny = JSON.parse(readFileSync('tests/fixtures/comics/tiny/comic.json', 'utf8')) as Manifest;
const pageArt = new Uint8Array(readFileSync('tests/fixtures/comics/tiny/art/page-1.webp'));

/** Deterministic bytes that stand in for an audio file. */
export function fakeAudio(size: number, seed: number): Uint8Array {
	const bytes = new Uint8Array(size);
	let x = seed;
	for (let i = 0; i < size; i++) {
		x = (x * 1103515245 + 12345) >>> 0;
		bytes[i] = x >>> 24;
	}
	return bytes;
}

export interface TestPack {
	pack: PackManifest;
	bytes: Map<string, Uint8Array>;
	manifest: Manifest;
}

export interface TestPackOptions {
	/**
	 * Each narration file also as MP3, after the Opus (as the authoring tools make them), and a
	 * quiz.json narrated in French in both formats. Without it: one Ogg file per language.
	 */
	twoFormats?: boolean;
}

export const OPUS_TYPE = 'audio/ogg; codecs=opus';
export const MP3_TYPE = 'audio/mpeg';

/** A browser's `canPlayType` answers, by the formats it plays. */
export function plays(...formats: ('opus' | 'mp3')[]): (type: string) => boolean {
	return (type) =>
		(formats.includes('opus') && /codecs="?opus/.test(type)) ||
		(formats.includes('mp3') && type === MP3_TYPE);
}

/** A pack of the tiny comic, with narration audio in French (big, for Range) and Bambara. */
export function makeTestPack(slug = 'tiny', audioSize = 300_000, options: TestPackOptions = {}): TestPack {
	const clip = { startSec: 0, endSec: 1, textHash: '0'.repeat(64) };
	const sources = (lang: string) =>
		options.twoFormats
			? [
					{ src: `audio/${lang}/p1.ogg`, type: OPUS_TYPE },
					{ src: `audio/${lang}/p1.mp3`, type: MP3_TYPE }
				]
			: [{ src: `audio/${lang}/p1.ogg`, type: 'audio/ogg' }];
	const manifest: Manifest = {
		...tiny,
		id: slug,
		narration: {
			fr: {
				status: 'partial',
				voice: 'test',
				synthetic: true,
				audio: [{ id: 'fr-1', sources: sources('fr'), durationSec: 2 }],
				clips: [{ target: 'p1-1-b1', audio: 'fr-1', ...clip }]
			},
			bm: {
				status: 'partial',
				voice: 'test',
				synthetic: true,
				audio: [{ id: 'bm-1', sources: sources('bm'), durationSec: 2 }],
				clips: [{ target: 'p1-1-b1', audio: 'bm-1', ...clip }]
			}
		}
	};
	const bytes = new Map<string, Uint8Array>([
		[COMIC_MANIFEST_PATH, new TextEncoder().encode(JSON.stringify(manifest))],
		['art/page-1.webp', pageArt],
		['audio/fr/p1.ogg', fakeAudio(audioSize, 1)],
		['audio/bm/p1.ogg', fakeAudio(audioSize / 3, 2)]
	]);
	const language: Record<string, string> = { 'audio/fr/p1.ogg': 'fr', 'audio/bm/p1.ogg': 'bm' };
	const type: Record<string, string> = {
		[COMIC_MANIFEST_PATH]: 'application/json',
		'art/page-1.webp': 'image/webp'
	};
	if (options.twoFormats) {
		bytes
			.set('audio/fr/p1.mp3', fakeAudio(audioSize * 2, 3))
			.set('audio/bm/p1.mp3', fakeAudio(audioSize / 2, 4));
		Object.assign(language, { 'audio/fr/p1.mp3': 'fr', 'audio/bm/p1.mp3': 'bm' });
		const quizClip = (startSec: number) => ({
			sources: [
				{ src: 'audio/quiz/fr/q1.ogg', type: OPUS_TYPE },
				{ src: 'audio/quiz/fr/q1.mp3', type: MP3_TYPE }
			],
			startSec,
			endSec: startSec + 1
		});
		const quiz = {
			schemaVersion: 1,
			comic: slug,
			questions: [{ id: 'q1', narration: { fr: { prompt: quizClip(0), explanation: quizClip(1) } } }]
		};
		bytes.set('quiz.json', new TextEncoder().encode(JSON.stringify(quiz)));
		// The pack listing gives quiz audio no language: only quiz.json says it is French.
		bytes.set('audio/quiz/fr/q1.ogg', fakeAudio(5_000, 5)).set('audio/quiz/fr/q1.mp3', fakeAudio(9_000, 6));
		Object.assign(type, { 'quiz.json': 'application/json' });
	}
	const files: PackFile[] = [...bytes].map(([path, b]) => ({
		path,
		size: b.byteLength,
		sha256: sha256Hex(b),
		type: type[path] ?? (path.endsWith('.mp3') ? 'audio/mpeg' : 'audio/ogg'),
		...(language[path] ? { language: language[path] } : {})
	}));
	const listing = {
		format: PACK_FORMAT,
		formatVersion: PACK_FORMAT_VERSION,
		slug,
		title: manifest.title,
		files
	} as const;
	const signature = approvalFor(manifest, files) as unknown as PackManifest['signature'];
	return { pack: { ...listing, version: packVersion(listing), signature }, bytes, manifest };
}

export interface FakeServer {
	fetch: typeof fetch;
	/** Every file request: path and Range header. */
	requests: { path: string; range: string | null }[];
	/** Cut the connection once after `afterBytes` of `path` were sent. */
	dropOnce(path: string, afterBytes: number): void;
	/** Serve these bytes instead of the real file (a corrupted mirror). */
	corrupt(path: string, bytes: Uint8Array): void;
	/** Refuse every request, as with the network down. */
	offline: boolean;
}

/** A fake Kalanso server for the given packs. Chunks of 16 KiB, like a real stream. */
export function fakeServer(...packs: TestPack[]): FakeServer {
	const drops = new Map<string, number>();
	const corrupted = new Map<string, Uint8Array>();
	const server: FakeServer = {
		requests: [],
		offline: false,
		dropOnce: (path, afterBytes) => drops.set(path, afterBytes),
		corrupt: (path, bytes) => corrupted.set(path, bytes),
		fetch: async (input, init) => {
			if (server.offline) throw new TypeError('fetch failed');
			const url = new URL(String(input), 'http://kalanso.test');
			// The tablet refreshes its keys and withdrawal list with every download.
			if (url.pathname.startsWith('/api/')) return trustServer(fetch, { list: NO_LIST })(input, init);
			const parts = url.pathname.split('/').map(decodeURIComponent);
			const tp = packs.find((p) => p.pack.slug === parts[2]);
			if (!tp) return new Response('not found', { status: 404 });
			if (parts.length === 3) return Response.json(tp.pack);
			const path = parts.slice(5).join('/');
			let body = corrupted.get(path) ?? tp.bytes.get(path);
			if (parts[3] !== tp.pack.version || parts[4] !== 'files' || !body)
				return new Response('not found', { status: 404 });
			const range = new Headers(init?.headers).get('range');
			server.requests.push({ path, range });
			let status = 200;
			const headers = new Headers({ 'content-type': 'application/octet-stream' });
			const m = range ? /^bytes=(\d+)-$/.exec(range) : null;
			if (m) {
				const start = Number(m[1]);
				headers.set('content-range', `bytes ${start}-${body.byteLength - 1}/${body.byteLength}`);
				body = body.subarray(start);
				status = 206;
			}
			const drop = drops.get(path);
			if (drop !== undefined) drops.delete(path);
			const chunks: Uint8Array[] = [];
			for (let i = 0; i < body.byteLength; i += 16_384) chunks.push(body.subarray(i, i + 16_384));
			let sent = 0;
			const stream = new ReadableStream<Uint8Array>({
				pull(controller) {
					if (drop !== undefined && sent >= drop) {
						controller.error(new TypeError('network connection lost'));
						return;
					}
					const chunk = chunks.shift();
					if (!chunk) return controller.close();
					sent += chunk.byteLength;
					controller.enqueue(chunk);
				}
			});
			return new Response(stream, { status, headers });
		}
	};
	return server;
}

/** A fresh, empty fake IndexedDB and the pack store opened in it. */
export async function freshDb(): Promise<{ db: PacksDb; factory: IDBFactory }> {
	const factory = new IDBFactory();
	return { db: await openPacksDb(factory), factory };
}

/**
 * Makes every `put` of a blob into IndexedDB fail with the browser's QuotaExceededError once `limit`
 * bytes were written, as Chromium does under a quota override. Returns the undo.
 */
export function quotaAfter(db: PacksDb, limit: number): () => void {
	const store = Object.getPrototypeOf(db.transaction('files').objectStore('files')) as {
		put: (...args: unknown[]) => Promise<unknown>;
	};
	const original = store.put;
	let written = 0;
	store.put = function (this: unknown, ...args: unknown[]) {
		written += (args[0] as { blob?: Blob })?.blob?.size ?? 0;
		if (written > limit) return Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError'));
		return original.apply(this, args);
	};
	return () => (store.put = original);
}
