/**
 * What can go wrong when storing a comic. Each error carries what the UI needs to say what
 * happened and what to do (the messages themselves are translated in i18n `offline.errors`).
 */

/** The browser's estimate says the comic will not fit: nothing was downloaded. */
export class NotEnoughSpaceError extends Error {
	constructor(
		readonly neededBytes: number,
		readonly availableBytes: number
	) {
		super(`needs ${neededBytes} bytes, ${availableBytes} available`);
		this.name = 'NotEnoughSpaceError';
	}
}

/** The quota was hit while writing: the partial comic was removed, other comics are intact. */
export class StorageFullError extends Error {
	constructor(readonly slug: string) {
		super(`storage full while storing "${slug}"`);
		this.name = 'StorageFullError';
	}
}

/** The connection dropped; what was received is kept and the download can resume. */
export class DownloadInterruptedError extends Error {
	constructor(
		readonly slug: string,
		cause?: unknown
	) {
		super(`download of "${slug}" interrupted`, { cause });
		this.name = 'DownloadInterruptedError';
	}
}

/** The user cancelled; the partial comic was removed. */
export class DownloadCancelledError extends Error {
	constructor(readonly slug: string) {
		super(`download of "${slug}" cancelled`);
		this.name = 'DownloadCancelledError';
	}
}

/** A file does not match the size or SHA-256 its pack lists (damaged or altered). */
export class FileCheckError extends Error {
	constructor(
		readonly path: string,
		readonly reason: 'size' | 'sha256' | 'missing'
	) {
		super(`${path}: ${reason === 'missing' ? 'missing' : `${reason} does not match the pack`}`);
		this.name = 'FileCheckError';
	}
}

/** Why a pack is not trusted on this tablet (see `verifyPackSignature`). */
export const TRUST_PROBLEMS = [
	'unsigned',
	'no-keys',
	'malformed-approval',
	'unknown-key',
	'bad-signature',
	'other-comic',
	'malformed-document',
	'manifest-altered',
	'asset-missing',
	'asset-altered',
	'asset-unlisted',
	'comic-missing',
	'comic-not-json',
	'unsigned-field',
	'withdrawn',
	'key-withdrawn'
] as const;
export type TrustProblem = (typeof TRUST_PROBLEMS)[number];

/**
 * Why a pack was refused, as a code the UI translates (i18n `offline.problems.<code>`): every
 * tamper or signature refusal a student or teacher sees is in their language (issue 11, gap 12).
 */
export const IMPORT_PROBLEMS = [
	// Not a pack file at all.
	'not-zip',
	'no-pack-json',
	// pack.json damaged or altered.
	'pack-not-json',
	'pack-invalid',
	'pack-duplicate-file',
	'pack-no-comic',
	'pack-altered',
	'comic-invalid',
	// A file damaged or altered.
	'file-missing',
	'file-size',
	'file-sha256',
	'file-not-json',
	// Approval signature and withdrawal (src/lib/offline/signature.ts).
	...TRUST_PROBLEMS,
	'audio-format'
] as const;
export type ImportProblem = (typeof IMPORT_PROBLEMS)[number];

/** A pack file (zip), or a pack offered by the server, was refused; nothing of it was stored. */
export class ImportRejectedError extends Error {
	constructor(
		readonly reason: 'not-a-pack' | 'manifest' | 'file' | 'signature' | 'audio-format',
		/** Plain English for logs. */
		readonly detail: string,
		/** What the UI says, translated. */
		readonly problem: ImportProblem,
		/** Values for the message: `file`, `field`. */
		readonly params: Record<string, string> = {}
	) {
		super(`${reason}: ${detail}`);
		this.name = 'ImportRejectedError';
	}
}

/**
 * A pack file (zip) holds narration only in formats this tablet cannot play (e.g. Opus only, from
 * a tablet that plays Opus, on one that does not): refused, so nothing silently fails to play.
 */
export class UnplayableAudioError extends ImportRejectedError {
	constructor(
		readonly slug: string,
		readonly title: Record<string, string>,
		/** Narration languages affected (empty: audio shared by every language). */
		readonly languages: string[],
		/** The formats the file holds for them, as howler names them ("opus", "mp3"). */
		readonly formats: string[]
	) {
		super(
			'audio-format',
			`narration (${languages.join(', ')}) only as ${formats.join(', ')}`,
			'audio-format'
		);
		this.name = 'UnplayableAudioError';
	}
}

/** The server had no such comic, or answered with an error. */
export class PackUnavailableError extends Error {
	constructor(
		readonly slug: string,
		readonly status: number
	) {
		super(`pack "${slug}" unavailable (HTTP ${status})`);
		this.name = 'PackUnavailableError';
	}
}
