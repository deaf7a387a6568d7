/**
 * What to tell the user about a failed download or a refused pack file. Loaded only once one
 * failed, with the download or share code that threw (the error classes of ./errors come with
 * them): the library page lists stored comics without it (DESIGN.md §6, its JavaScript budget).
 */
import { formatBytes } from '$lib/domain/packs/bytes';
import {
	DownloadCancelledError,
	DownloadInterruptedError,
	FileCheckError,
	ImportRejectedError,
	NotEnoughSpaceError,
	PackUnavailableError,
	StorageFullError,
	UnplayableAudioError
} from './errors';
import type { OfflineMessage } from './offline.svelte';
import { languageName } from '../i18n/language-name';

/** The translated sentence for a refused pack: `offline.problems.<code>` (never English details). */
export function problemMessage(error: ImportRejectedError): OfflineMessage {
	return { feature: 'trust', key: `problems.${error.problem}`, values: { ...error.params } };
}

/** What to tell the user about a failed download of `title`, sizes in the interface language `lang`. */
export function downloadFailure(error: unknown, title: string, lang: string): OfflineMessage {
	const size = (n: number) => formatBytes(n, lang);
	if (error instanceof NotEnoughSpaceError)
		return {
			key: 'errors.notEnoughSpace',
			values: { needed: size(error.neededBytes), available: size(error.availableBytes) }
		};
	if (error instanceof StorageFullError) return { key: 'errors.storageFull', values: { title } };
	if (error instanceof DownloadInterruptedError) return { key: 'errors.interrupted' };
	if (error instanceof DownloadCancelledError) return { key: 'errors.cancelled' };
	if (error instanceof FileCheckError) return { key: 'errors.fileCheck', values: { file: error.path } };
	if (error instanceof PackUnavailableError)
		return { key: 'errors.unavailable', values: { status: error.status } };
	if (error instanceof ImportRejectedError) return problemMessage(error);
	return { key: 'errors.unknown', values: { detail: (error as Error)?.message ?? String(error) } };
}

/** Why a pack file was refused, in the interface language `lang`. */
export function importFailure(error: unknown, lang: string): OfflineMessage {
	if (error instanceof UnplayableAudioError) return unplayable(error, lang);
	if (error instanceof ImportRejectedError) return problemMessage(error);
	if (error instanceof StorageFullError) return { key: 'import.storageFull' };
	return { key: 'errors.unknown', values: { detail: (error as Error).message } };
}

/** "This copy holds the narration (French) only as Opus, which this tablet cannot play." */
function unplayable(error: UnplayableAudioError, lang: string): OfflineMessage {
	const languages = error.languages.map((tag) => languageName(tag, lang));
	const list = (items: string[]) =>
		typeof Intl.ListFormat === 'function' ? new Intl.ListFormat(lang).format(items) : items.join(', ');
	const formatNames: Record<string, string> = { opus: 'Opus (Ogg)', mp3: 'MP3', webm: 'WebM', ogg: 'Ogg' };
	return {
		key: languages.length ? 'import.audioFormat' : 'import.audioFormatShared',
		values: {
			title: error.title[lang] ?? error.title.fr ?? Object.values(error.title)[0] ?? error.slug,
			languages: list(languages),
			formats: list(error.formats.map((f) => formatNames[f] ?? f))
		}
	};
}
