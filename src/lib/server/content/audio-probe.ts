/**
 * Reads an audio file's real duration from the file itself (music-metadata), so narration segments
 * are checked against what a tablet will actually play, not against what the manifest claims.
 */
import { parseFile } from 'music-metadata';
import type { AssetProbe } from '../../domain/manifest/validate';

export async function probeAudio(file: string): Promise<AssetProbe> {
	try {
		// `duration: true` makes music-metadata scan to the end when the header has no length
		// (WebM from a live encoder, Ogg): slower, but the exact length is the point of the check.
		const { format } = await parseFile(file, { duration: true, skipCovers: true });
		if (!format.duration || !Number.isFinite(format.duration)) {
			return { kind: 'unreadable', reason: 'no duration in the file' };
		}
		return { kind: 'audio', durationSec: format.duration };
	} catch (error) {
		return { kind: 'unreadable', reason: (error as Error).message.split('\n')[0] ?? 'unknown format' };
	}
}
