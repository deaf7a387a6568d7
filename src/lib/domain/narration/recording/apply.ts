/**
 * What keeping a take changes in a comic's manifest (issue 16): a new audio file in the language's
 * narration, the clips of the recorded targets pointing into it with the hash of the text they
 * say (so they are no longer stale), audio files no clip uses any more dropped, the status and the
 * credits brought up to date. Pure: the server applies it, then validates the result like any version.
 */
import type { Manifest, Narration } from '../../manifest/schema';
import { textHash } from '../../signing/hash';

/** A kept take: one audio file (its formats, Opus first) and the segment of each target in it. */
export interface RecordedTake {
	language: string;
	/** Who speaks, as the author typed it. */
	voice: string;
	audio: { id: string; sources: { src: string; type: string }[]; durationSec: number };
	clips: { target: string; startSec: number; endSec: number }[];
}

/** The text of a bubble (by id) or a panel's description (by panel id) in `language`, if any. */
export function narratableText(manifest: Manifest, target: string, language: string): string | undefined {
	for (const page of manifest.pages)
		for (const panel of page.panels) {
			if (panel.id === target) return panel.description[language];
			for (const bubble of panel.bubbles) if (bubble.id === target) return bubble.text[language];
		}
	return undefined;
}

/** Seconds rounded to the millisecond, as the manifests write them. */
const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** The manifest with `take` in it (a new object; `manifest` is not changed). */
export function withRecordedTake(manifest: Manifest, take: RecordedTake): Manifest {
	const next: Manifest = JSON.parse(JSON.stringify(manifest)) as Manifest;
	const voice = take.voice.normalize('NFC').trim();
	const narration: Narration = next.narration?.[take.language] ?? {
		status: 'partial',
		voice,
		synthetic: false,
		audio: [],
		clips: []
	};
	const recorded = new Map(take.clips.map((c) => [c.target, c]));
	const clips = narration.clips.filter((c) => !recorded.has(c.target));
	for (const clip of take.clips) {
		const text = narratableText(next, clip.target, take.language);
		if (text === undefined) throw new Error(`no ${take.language} text for ${clip.target}`);
		clips.push({
			target: clip.target,
			audio: take.audio.id,
			startSec: ms(clip.startSec),
			endSec: ms(clip.endSec),
			textHash: textHash(text)
		});
	}
	const used = new Set(clips.map((c) => c.audio));
	const audio = [...narration.audio.filter((a) => used.has(a.id) && a.id !== take.audio.id), take.audio];
	audio[audio.length - 1] = { ...take.audio, durationSec: ms(take.audio.durationSec) };
	// Several people may narrate one language (a clip re-recorded by someone else): name them all.
	// `synthetic` keeps its value: clips of the synthetic voice may remain beside the new ones.
	const voices = narration.voice.split(', ').filter(Boolean);
	if (!voices.includes(voice)) voices.push(voice);
	const everyBubble = next.pages.every((p) =>
		p.panels.every((panel) => panel.bubbles.every((b) => clips.some((c) => c.target === b.id)))
	);
	next.narration = {
		...next.narration,
		[take.language]: {
			...narration,
			status: everyBubble ? 'complete' : 'partial',
			voice: voices.join(', '),
			audio,
			clips
		}
	};
	const credited = next.credits.some(
		(c) => (c.role === 'narration' || c.role === 'voice') && c.name === voice && c.language === take.language
	);
	if (!credited) next.credits.push({ role: 'narration', name: voice, language: take.language });
	return next;
}
