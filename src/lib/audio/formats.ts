/**
 * Picks the format of an audio file the browser can play. Opus comes first in Kalanso's manifests
 * (half the size of MP3 at the same clarity); MP3 is the fallback for browsers without Opus.
 * `canPlay` is howler's codec table (`Howler.codecs(ext)`), passed in so this stays testable.
 */

/** howler's format name for a MIME type, or null when howler has no name for it. */
export function howlerFormat(type: string): string | null {
	const [base = '', ...params] = type
		.toLowerCase()
		.split(';')
		.map((s) => s.trim());
	const codecs = params
		.find((p) => p.startsWith('codecs='))
		?.slice(7)
		.replace(/"/g, '');
	if (base === 'audio/ogg') return codecs === 'opus' ? 'opus' : 'ogg';
	if (base === 'audio/webm') return 'webm';
	if (base === 'audio/mpeg' || base === 'audio/mp3') return 'mp3';
	if (base === 'audio/mp4' || base === 'audio/aac') return 'm4a';
	if (base === 'audio/wav' || base === 'audio/x-wav') return 'wav';
	return null;
}

/**
 * The first source the browser can play, with the format howler must be told (object URLs from the
 * offline store have no file extension to guess from). Null when none can be played.
 */
export function pickSource<S extends { url: string; type: string }>(
	sources: readonly S[],
	canPlay: (format: string, type: string) => boolean
): { source: S; format: string } | null {
	for (const source of sources) {
		const format = howlerFormat(source.type);
		if (format && canPlay(format, source.type)) return { source, format };
	}
	return null;
}

/**
 * Whether this browser plays a MIME type such as `audio/ogg; codecs=opus`, from the media
 * element's `canPlayType` ("probably" or "maybe" count; "" does not), which is also what howler's
 * codec table is built from. Decides which one format of each narration file a tablet downloads
 * and keeps (src/lib/domain/packs/audio-choice.ts). False outside a browser.
 */
export function browserCanPlayType(type: string): boolean {
	if (typeof document === 'undefined') return false;
	try {
		return document.createElement('audio').canPlayType(type) !== '';
	} catch (error) {
		// Some WebViews throw for types they do not know: that is a no.
		console.warn(`[audio] canPlayType("${type}") threw`, error);
		return false;
	}
}
