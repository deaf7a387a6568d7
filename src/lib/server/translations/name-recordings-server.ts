/**
 * The process-wide name-recording service, and the interface languages as the root layout serves
 * them with the recordings speakers made (so /languages and the header's chooser play them).
 */
import path from 'node:path';
import type { OfferedLanguage } from '$lib/i18n';
import { comicsRoot, loadLanguages } from '../content/comic-folder';
import { database } from '../db/server';
import { storeDir } from '../review/server';
import { BlobStore } from '../store/blobs';
import { processTakeOffThread } from '../studio/narration/off-thread';
import { kyselyNameRecordingRepository, NameRecordingService, recordingUrl } from './name-recordings';

let service: Promise<{ service: NameRecordingService; blobs: BlobStore }> | undefined;

export function nameRecordingService(): Promise<{ service: NameRecordingService; blobs: BlobStore }> {
	service ??= (async () => {
		const [{ db }, languages] = await Promise.all([database(), loadLanguages(comicsRoot())]);
		const blobs = new BlobStore(path.join(storeDir(), 'blobs'));
		return {
			blobs,
			service: new NameRecordingService({
				repo: kyselyNameRecordingRepository(db),
				files: blobs,
				languages,
				process: (wav, texts) => processTakeOffThread(wav, texts),
				now: () => new Date()
			})
		};
	})().catch((error: unknown) => {
		service = undefined;
		throw error;
	});
	return service;
}

/**
 * `languages` with the recording a speaker made in the app in place of languages.json's, and
 * `recordingDraft` while nobody else has reviewed it. Unreadable recordings leave them as they are.
 */
export async function withNameRecordings(languages: OfferedLanguage[]): Promise<OfferedLanguage[]> {
	let recordings;
	try {
		recordings = await (await nameRecordingService()).service.all();
	} catch (error) {
		console.warn('[languages] name recordings unavailable', error);
		return languages;
	}
	const byLang = new Map(recordings.map((r) => [r.lang, r]));
	return languages.map((language) => {
		const recording = byLang.get(language.tag);
		return recording
			? {
					...language,
					recording: recordingUrl(recording.oggSha256, 'ogg'),
					recordingDraft: recording.status === 'draft'
				}
			: language;
	});
}

/** One interface language as /translate's name-recording section shows it to `userId`. */
export interface NameRecordingRow {
	tag: string;
	nativeName: string;
	direction: 'ltr' | 'rtl';
	name: Record<string, string>;
	recording: { url: string; status: 'draft' | 'reviewed'; mine: boolean } | null;
}

export async function nameRecordingRows(userId: string): Promise<NameRecordingRow[]> {
	const { service } = await nameRecordingService();
	const byLang = new Map((await service.all()).map((r) => [r.lang, r]));
	return service.languages().map((l) => {
		const r = byLang.get(l.tag);
		return {
			tag: l.tag,
			nativeName: l.nativeName,
			direction: l.direction,
			name: l.name,
			recording: r
				? { url: recordingUrl(r.oggSha256, 'ogg'), status: r.status, mine: r.recordedBy === userId }
				: null
		};
	});
}
