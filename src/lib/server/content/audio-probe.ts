/**
 * Reads an audio file's real duration from the file itself (music-metadata), so narration segments
 * are checked against what a tablet will actually play, not against what the manifest claims.
 */
import { stat } from 'node:fs/promises';
import { parseFile } from 'music-metadata';
import type { AssetProbe } from '../../domain/manifest/validate';

/**
 * Recent probes by file identity (path, inode, size, mtime): a version is validated several times
 * on its way to publication, the second and third time from the content store, whose files never
 * change (their name is their hash). Bounded, so memory stays flat with thousands of comics.
 */
const recent = new Map<string, AssetProbe>();
const RECENT_MAX = 10_000;

export async function probeAudio(file: string): Promise<AssetProbe> {
	let key: string | null = null;
	try {
		const info = await stat(file);
		key = `${file}|${info.ino}|${info.size}|${info.mtimeMs}`;
	} catch {
		// Unreadable: parseFile below says why.
	}
	const known = key ? recent.get(key) : undefined;
	if (known) return known;
	const probe = await probeOnce(file);
	if (key) {
		if (recent.size >= RECENT_MAX) recent.clear();
		recent.set(key, probe);
	}
	return probe;
}

async function probeOnce(file: string): Promise<AssetProbe> {
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
