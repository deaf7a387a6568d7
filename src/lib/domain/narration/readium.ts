/**
 * Mapping to Readium Guided Navigation (`audioref` with a media fragment `#t=start,end`), both ways,
 * so a narration can be exported to and imported from the Readium ecosystem without loss.
 * The first source of an audio file is the one referenced (Opus in Kalanso's own files).
 */
import type { Narration } from '../manifest/schema';

/** `audio/p1.webm#t=1.25,3.8` for one clip. */
export function toAudioref(narration: Narration, clip: Narration['clips'][number]): string {
	const file = narration.audio.find((a) => a.id === clip.audio);
	if (!file) throw new Error(`clip for "${clip.target}" refers to unknown audio "${clip.audio}"`);
	return `${file.sources[0]!.src}#t=${formatSec(clip.startSec)},${formatSec(clip.endSec)}`;
}

/** Parses an audioref with a `#t=start,end` fragment (W3C Media Fragments, seconds form). */
export function parseAudioref(ref: string): { src: string; startSec: number; endSec: number } | null {
	const match = /^(.+)#t=(?:npt:)?(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(ref);
	if (!match) return null;
	return { src: match[1]!, startSec: Number(match[2]), endSec: Number(match[3]) };
}

/** Shortest decimal that reads back as the same number; never exponent notation (1e-7). */
function formatSec(sec: number): string {
	const plain = String(sec);
	return plain.includes('e') ? sec.toFixed(9).replace(/0+$/, '').replace(/\.$/, '') : plain;
}

/** Guided-navigation entries (one per clip) for a narration language. */
export function guidedAudio(narration: Narration): { target: string; audioref: string }[] {
	return narration.clips.map((clip) => ({ target: clip.target, audioref: toAudioref(narration, clip) }));
}
