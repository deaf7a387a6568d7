/**
 * `/healthz` latency while hostile uploads are processed (issue 11 gap 7): signs in as the demo
 * author, sends six zip bombs to the upload form at once, and asks `/healthz` every few
 * milliseconds until every upload has been answered. Upload processing runs on worker threads, so
 * the server's own thread should keep answering within the budget.
 */
import { readFileSync } from 'node:fs';
import { percentile, summarize, type SeriesSummary } from '../../src/lib/domain/bench-stats';
import { zipBomb } from './zip-bomb';

const MB = 1024 * 1024;
const POLL_MS = 10;
/** A password the bench gives the demo author when the server asks for a new one. */
const BENCH_PASSWORD = 'banc-d-essai sur le serveur de Kalanso';

export interface HostileUploadRun {
	healthz: SeriesSummary;
	/** 99th percentile of the /healthz round trips, ms. */
	p99: number;
	samples: number;
	uploads: { status: number; ms: number; refused: boolean }[];
	bombs: { kind: string; zipBytes: number; unpackedBytes: number; declaredBytes: number }[];
}

/** Signs in (going through the forced password change, if any) and returns the session cookie. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
	const origin = new URL(baseUrl).origin;
	const login = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username, password })
	});
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
	if (login.status !== 303 || !cookie) throw new Error(`sign-in as ${username} failed (${login.status})`);
	if (login.headers.get('location')?.startsWith('/password')) {
		const change = await fetch(`${baseUrl}/password`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin, cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ current: password, new: BENCH_PASSWORD, confirm: BENCH_PASSWORD })
		});
		if (change.status !== 303 && change.status !== 200)
			throw new Error(`password change for ${username} failed (${change.status})`);
	}
	return cookie;
}

/** The seeded passwords the server wrote (KALANSO_DEMO_PASSWORDS_FILE). */
export function seededAccount(file: string, role: string): { username: string; password: string } {
	const all = JSON.parse(readFileSync(file, 'utf8')) as Record<
		string,
		{ username: string; password: string }
	>;
	const account = all[role];
	if (!account) throw new Error(`no seeded ${role} account in ${file}`);
	return account;
}

/**
 * Six hostile packs: three whose directory lies (1.2 GB of zeros each, every file claiming 1 KB)
 * and three that declare their true 240 MB, just under the unpacked limit, so they are inflated
 * completely before validation refuses them.
 */
function hostilePacks() {
	const lying = { entries: 12, entryBytes: 100 * MB, declaredBytes: 1024 };
	const heavy = { entries: 10, entryBytes: 24 * MB };
	const lyingZip = zipBomb(lying);
	const heavyZip = zipBomb(heavy);
	const describe = (kind: string, zip: Uint8Array, o: typeof lying | typeof heavy) => ({
		kind,
		zipBytes: zip.byteLength,
		unpackedBytes: o.entries * o.entryBytes,
		declaredBytes: o.entries * ('declaredBytes' in o ? o.declaredBytes : o.entryBytes)
	});
	return [
		...Array.from({ length: 3 }, () => ({ zip: lyingZip, ...describe('lying directory', lyingZip, lying) })),
		...Array.from({ length: 3 }, () => ({ zip: heavyZip, ...describe('under the limits', heavyZip, heavy) }))
	];
}

export async function measureHealthzUnderUploads(
	baseUrl: string,
	passwordsFile: string
): Promise<HostileUploadRun> {
	const author = seededAccount(passwordsFile, 'author');
	const cookie = await signIn(baseUrl, author.username, author.password);
	const origin = new URL(baseUrl).origin;
	const packs = hostilePacks();

	let uploading = true;
	const latencies: number[] = [];
	const poll = (async () => {
		while (uploading) {
			const started = performance.now();
			const response = await fetch(`${baseUrl}/healthz`);
			await response.arrayBuffer();
			latencies.push(performance.now() - started);
			await new Promise((r) => setTimeout(r, POLL_MS));
		}
	})();
	const uploads = await Promise.all(
		packs.map(async ({ zip }, i) => {
			const form = new FormData();
			form.set(
				'pack',
				new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
				`bomb-${i}.zip`
			);
			const started = performance.now();
			const response = await fetch(`${baseUrl}/author?/upload`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin, cookie, accept: 'application/json', 'x-sveltekit-action': 'true' },
				body: form
			});
			const text = await response.text();
			return {
				status: response.status,
				ms: Math.round(performance.now() - started),
				refused: /"failure"|invalid-pack/.test(text)
			};
		})
	);
	uploading = false;
	await poll;
	if (uploads.some((u) => !u.refused))
		throw new Error(`a hostile upload was not refused: ${JSON.stringify(uploads)}`);
	return {
		healthz: summarize(latencies),
		p99: percentile(latencies, 99),
		samples: latencies.length,
		uploads,
		bombs: packs.map(({ zip: _zip, ...rest }) => rest)
	};
}
