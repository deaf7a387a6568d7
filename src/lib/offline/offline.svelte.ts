/**
 * The state of comics on this device, for the UI: stored packs, downloads in progress with their
 * bytes, the network status, the browser's storage estimate and persistence. One instance per
 * page, created by the layout and handed down by context (`getOfflineStore`).
 */
import { getContext, setContext } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { deletePack, listStoredPacks, type StoredPack, type WithdrawnNotice } from './db';
import { dismissNotices, syncTrustOnStart } from './trust-sync';
import { getPacksDb } from './index';
import { cachePagesForOffline } from './sw-register';
import { useMessages } from '$lib/i18n';

/** The pages a downloaded comic needs offline: its reader, its quiz, and "who is reading?". */
function offlinePages(slug: string): string[] {
	const encoded = encodeURIComponent(slug);
	return [`/read/${encoded}`, `/quiz/${encoded}`, '/profiles'];
}
import type { PackManifest } from '$lib/domain/packs/format';
import type { DevicePlan } from '$lib/domain/packs/audio-choice';

// Downloading and sharing bring zod, SHA-256 and zip code: loaded on first use, not with the library page.
const loadDownload = () => import('./download');
const loadShare = () => import('./share');
// What to say about a failure: loaded once something failed, with the error classes it tells apart.
const loadFailures = () => import('./failure-messages');

/** The message for `error` by `describe`, or the error's own text if that code cannot load. */
async function failureMessage(
	error: unknown,
	describe: (failures: typeof import('./failure-messages')) => OfflineMessage
): Promise<OfflineMessage> {
	try {
		return describe(await loadFailures());
	} catch {
		return { key: 'errors.unknown', values: { detail: (error as Error)?.message ?? String(error) } };
	}
}

/** A translated message: an i18n key under `offline.` and its values. */
export interface OfflineMessage {
	key: string;
	values?: Record<string, string | number>;
	/** The i18n folder of `key`: `offline` when absent, `trust` for refusals (loaded when needed). */
	feature?: 'trust';
}

export interface DownloadState {
	bytesDone: number;
	bytesTotal: number;
	running: boolean;
	error: OfflineMessage | null;
}

const KEY = Symbol('kalanso-offline');

/**
 * The words of failures, loaded on demand: the refusals' folder (`trust`), and the download
 * errors, a part of `offline` the library page loads only once a download starts (src/lib/i18n).
 */
const messagesOf = (message: OfflineMessage) => (message.feature ? [message.feature] : ['offline:errors']);

/** The message, once the words it needs are loaded (a failed load shows the French fallback or the key). */
async function withMessages(message: OfflineMessage): Promise<OfflineMessage> {
	await useMessages(messagesOf(message)).catch((error: unknown) =>
		console.warn('[offline] messages of a failure not loaded', error)
	);
	return message;
}

export function setOfflineStore(store: OfflineStore): OfflineStore {
	return setContext(KEY, store);
}

/** The layout's store; undefined outside the app layout (e.g. component tests). */
export function getOfflineStore(): OfflineStore | undefined {
	return getContext<OfflineStore | undefined>(KEY);
}

export class OfflineStore {
	/** Comics on the device, ready or not, by slug. */
	readonly packs = new SvelteMap<string, StoredPack>();
	readonly downloads = new SvelteMap<string, DownloadState>();
	online = $state(true);
	/** False where IndexedDB cannot be opened (private browsing, very old WebView). */
	available = $state(true);
	/** True once the stored packs were read. */
	loaded = $state(false);
	/** Comics deleted from this tablet because they were withdrawn, until the student dismisses it. */
	notices = $state<WithdrawnNotice[]>([]);
	/** True once the approval keys and the withdrawal list were refreshed (or found kept) at start. */
	trustSynced = $state(false);
	estimate = $state<{ usage: number; quota: number } | null>(null);
	/** null: not asked yet or unsupported. */
	persisted = $state<boolean | null>(null);
	readonly persistSupported: boolean;

	// Not reactive on purpose: controllers are bookkeeping; the UI reads `downloads`.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #controllers = new Map<string, AbortController>();
	readonly #lang: () => string;
	#cleanup: (() => void) | null = null;

	/** `lang` gives the interface language for sizes in messages. */
	constructor(lang: () => string) {
		this.#lang = lang;
		this.persistSupported =
			typeof navigator !== 'undefined' && typeof navigator.storage?.persist === 'function';
	}

	/** Starts listening to the network and reads what is stored. Call in the browser only. */
	async start(): Promise<void> {
		this.online = navigator.onLine;
		const update = () => (this.online = navigator.onLine);
		// Back online: the tablet learns of withdrawals at once, not at the next start.
		const reconnected = () => void this.syncTrust();
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		window.addEventListener('online', reconnected);
		this.#cleanup = () => {
			window.removeEventListener('online', update);
			window.removeEventListener('offline', update);
			window.removeEventListener('online', reconnected);
		};
		await this.refresh();
		// Not awaited: a school server that does not answer must not hold back the comics stored here.
		void this.syncTrust();
		if (typeof navigator.storage?.persisted === 'function')
			this.persisted = (await navigator.storage.persisted().catch(() => false)) || null;
	}

	destroy(): void {
		this.#cleanup?.();
		this.#cleanup = null;
		for (const controller of this.#controllers.values()) controller.abort();
	}

	async refresh(): Promise<void> {
		try {
			const packs = await listStoredPacks(await getPacksDb());
			this.packs.clear();
			for (const p of packs) this.packs.set(p.slug, p);
			this.available = true;
			if (packs.length > 0) preloadDeviceLibrary();
		} catch (error) {
			console.warn('Offline store unavailable', error);
			this.available = false;
		}
		this.loaded = true;
		await this.refreshEstimate();
	}

	/**
	 * Keeps the approval keys and the withdrawal list on this tablet (from its first visit), and
	 * deletes the comics that were withdrawn; then reads again what is stored.
	 */
	async syncTrust(): Promise<void> {
		try {
			const notices = await syncTrustOnStart(await getPacksDb());
			// The notice's words are loaded only when there is something to say.
			if (notices.length > 0) await useMessages(['trust']);
			this.notices = notices;
		} catch (error) {
			// IndexedDB unavailable: refresh() below says so; nothing can be kept.
			console.warn('[offline] approval keys and withdrawals not kept', error);
		}
		this.trustSynced = true;
		await this.refresh();
	}

	/** The student has read the withdrawal notices. */
	async dismissNotices(): Promise<void> {
		this.notices = [];
		await dismissNotices(await getPacksDb());
	}

	async refreshEstimate(): Promise<void> {
		const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
		this.estimate =
			estimate?.usage !== undefined && estimate.quota !== undefined
				? { usage: estimate.usage, quota: estimate.quota }
				: null;
	}

	/** Bytes of all the comics on the device. */
	get totalBytes(): number {
		let n = 0;
		for (const p of this.packs.values()) n += p.bytes;
		return n;
	}

	isReady(slug: string): boolean {
		return this.packs.get(slug)?.status === 'ready';
	}

	/**
	 * The server's pack of a comic and what this tablet would download of it (one audio format per
	 * narration file), to offer the narration languages with their sizes.
	 */
	async fetchOffer(slug: string): Promise<{ pack: PackManifest; plan: DevicePlan }> {
		return (await loadDownload()).fetchDeviceOffer(slug, await getPacksDb());
	}

	/** Downloads (or resumes) a comic; progress and errors land in `downloads`. */
	async download(slug: string, languages: string[], title: string): Promise<boolean> {
		if (this.#controllers.has(slug)) return false;
		const controller = new AbortController();
		this.#controllers.set(slug, controller);
		const state: DownloadState = { bytesDone: 0, bytesTotal: 0, running: true, error: null };
		this.downloads.set(slug, state);
		// The words of a failure, while the network is there (a download may fail for want of it).
		void useMessages(['offline:errors']).catch(() => undefined);
		preloadDeviceLibrary();
		try {
			const [db, { downloadPack }] = await Promise.all([getPacksDb(), loadDownload()]);
			const stored = await downloadPack(db, slug, {
				languages,
				signal: controller.signal,
				estimate: () => navigator.storage?.estimate?.() ?? Promise.resolve(undefined),
				onProgress: (p) =>
					this.downloads.set(slug, { ...state, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal })
			});
			// Keep the reader's and the quiz's pages so a tablet that never opened them online can
			// open them offline (the quiz itself is in the pack); "ready" only once they are kept.
			await cachePagesForOffline(offlinePages(slug));
			this.packs.set(slug, stored);
			this.downloads.delete(slug);
			return true;
		} catch (error) {
			const current = this.downloads.get(slug) ?? state;
			const message = await withMessages(
				await failureMessage(error, (f) => f.downloadFailure(error, title, this.#lang()))
			);
			this.downloads.set(slug, { ...current, running: false, error: message });
			return false;
		} finally {
			this.#controllers.delete(slug);
			await this.refresh();
		}
	}

	cancel(slug: string): void {
		this.#controllers.get(slug)?.abort();
	}

	dismiss(slug: string): void {
		if (!this.#controllers.has(slug)) this.downloads.delete(slug);
	}

	async remove(slug: string): Promise<void> {
		this.cancel(slug);
		await deletePack(await getPacksDb(), slug);
		this.downloads.delete(slug);
		await this.refresh();
	}

	/** Saves a ready comic as one `.kalanso.zip` file through the browser's download. */
	async exportComic(slug: string): Promise<void> {
		const { blob, fileName } = await (await loadShare()).exportPack(await getPacksDb(), slug);
		const url = URL.createObjectURL(blob);
		const a = document.createElement('a');
		a.href = url;
		a.download = fileName;
		document.body.append(a);
		a.click();
		a.remove();
		// The click starts the save synchronously; the URL is freed on the next turn.
		setTimeout(() => URL.revokeObjectURL(url), 0);
	}

	/** Imports a pack file; resolves with the stored comic or a message saying why it was refused. */
	async importFile(
		file: Blob
	): Promise<{ ok: true; pack: StoredPack } | { ok: false; error: OfflineMessage }> {
		try {
			const pack = await (await loadShare()).importPack(await getPacksDb(), file);
			await cachePagesForOffline(offlinePages(pack.slug));
			await this.refresh();
			return { ok: true, pack };
		} catch (error) {
			const message = await failureMessage(error, (f) => f.importFailure(error, this.#lang()));
			return { ok: false, error: await withMessages(message) };
		}
	}

	async requestPersist(): Promise<void> {
		if (!this.persistSupported) return;
		this.persisted = await navigator.storage.persist().catch(() => false);
	}
}

/**
 * Loads the code that lists and shows the comics stored here (the library offline, the cards'
 * stored covers) while the network is there: without a service worker (a plain-http school
 * server) it could not be fetched once the network is gone, and the library offline listed none.
 */
function preloadDeviceLibrary(): void {
	void import('./library').catch(() => undefined);
}
