/**
 * Content rules for narration, run by `comics:check`, the catalog and uploads through
 * src/lib/server/content/checks.ts. The caller probes the audio files (their real duration) and
 * passes the probes in, so these rules stay pure.
 */
import { finding } from '../manifest/findings';
import type { Manifest } from '../manifest/schema';
import type { AssetProbe, Reporter } from '../manifest/validate';
import { textHash } from '../signing/hash';

/**
 * How far a segment may run past the probed end of its file. Encoders pad or trim a few
 * milliseconds (Opus pre-skip, MP3 frames of 26 ms); more than this is a real mistake.
 */
export const DURATION_TOLERANCE_SEC = 0.05;
/** A declared `durationSec` further than this from the probed length is reported. */
export const DECLARED_DURATION_TOLERANCE_SEC = 0.25;

/** Texts a clip may narrate, by target id: bubble texts and panel descriptions. */
function narratableTexts(
	m: Manifest
): Map<string, { kind: 'bubble' | 'panel'; text: Record<string, string> }> {
	const texts = new Map<string, { kind: 'bubble' | 'panel'; text: Record<string, string> }>();
	for (const page of m.pages) {
		for (const panel of page.panels) {
			texts.set(panel.id, { kind: 'panel', text: panel.description });
			for (const bubble of panel.bubbles) texts.set(bubble.id, { kind: 'bubble', text: bubble.text });
		}
	}
	return texts;
}

/** Clips whose recorded text no longer matches the bubble's (or panel's) current text. */
export function staleClips(m: Manifest, language: string): { index: number; target: string }[] {
	const texts = narratableTexts(m);
	const stale: { index: number; target: string }[] = [];
	(m.narration?.[language]?.clips ?? []).forEach((clip, index) => {
		const text = texts.get(clip.target)?.text[language];
		if (text !== undefined && textHash(text) !== clip.textHash) stale.push({ index, target: clip.target });
	});
	return stale;
}

/** All narration rules; `assets` holds the probes of the audio files by path. */
export function checkNarration(m: Manifest, report: Reporter, assets: ReadonlyMap<string, AssetProbe>): void {
	const texts = narratableTexts(m);
	for (const [tag, narration] of Object.entries(m.narration ?? {})) {
		const base = ['narration', tag];
		// Real length of each audio file: the shortest of its formats, since any of them may be played.
		const realDuration = new Map<string, number>();
		const audioIds = new Set<string>();
		narration.audio.forEach((file, a) => {
			if (audioIds.has(file.id))
				report([...base, 'audio', a, 'id'], finding('duplicateAudioId', { id: file.id }));
			audioIds.add(file.id);
			file.sources.forEach((source, s) => {
				const where = [...base, 'audio', a, 'sources', s, 'src'];
				const probe = assets.get(source.src);
				if (!probe) return; // not probed (no audio prober registered): nothing to compare with
				const src = source.src;
				if (probe.kind === 'missing') return report(where, finding('audioFileMissing', { src }));
				if (probe.kind === 'unreadable') {
					if (!probe.reported) report(where, finding('audioFileUnreadable', { src, detail: probe.reason }));
					return;
				}
				if (probe.kind !== 'audio') return report(where, finding('notAudio', { src }));
				const known = realDuration.get(file.id);
				realDuration.set(
					file.id,
					known === undefined ? probe.durationSec : Math.min(known, probe.durationSec)
				);
				if (Math.abs(probe.durationSec - file.durationSec) > DECLARED_DURATION_TOLERANCE_SEC) {
					report(
						[...base, 'audio', a, 'durationSec'],
						finding('audioDurationMismatch', {
							src,
							real: probe.durationSec.toFixed(2),
							declared: String(file.durationSec)
						})
					);
				}
			});
		});

		const byFile = new Map<string, { index: number; startSec: number; endSec: number; target: string }[]>();
		const targets = new Set<string>();
		narration.clips.forEach((clip, c) => {
			const at = [...base, 'clips', c];
			const target = texts.get(clip.target);
			if (!target) report([...at, 'target'], finding('clipUnknownTarget', { target: clip.target }));
			if (targets.has(clip.target))
				report([...at, 'target'], finding('clipTwice', { target: clip.target, tag }));
			targets.add(clip.target);
			if (!audioIds.has(clip.audio)) {
				report([...at, 'audio'], finding('clipUnknownAudio', { audio: clip.audio, tag }));
			} else {
				const list = byFile.get(clip.audio) ?? [];
				list.push({ index: c, startSec: clip.startSec, endSec: clip.endSec, target: clip.target });
				byFile.set(clip.audio, list);
				const file = narration.audio.find((f) => f.id === clip.audio)!;
				const limit = realDuration.get(clip.audio) ?? file.durationSec;
				if (clip.endSec > limit + DURATION_TOLERANCE_SEC) {
					report(
						[...at, 'endSec'],
						finding('clipPastEnd', { end: String(clip.endSec), audio: clip.audio, real: limit.toFixed(2) })
					);
				}
			}
			if (clip.endSec <= clip.startSec) {
				report(
					[...at, 'endSec'],
					finding('clipEndsBeforeStart', { end: String(clip.endSec), start: String(clip.startSec) })
				);
			}
			if (target) {
				const text = target.text[tag];
				if (text === undefined) {
					report([...at, 'target'], finding('clipNoText', { target: clip.target, tag }));
				} else if (textHash(text) !== clip.textHash) {
					// A warning, not an error: the comic still reads and plays; the recording needs redoing.
					report([...at, 'textHash'], finding('clipStale', { target: clip.target, tag }), 'warning');
				}
			}
		});

		for (const [audio, clips] of byFile) {
			const sorted = [...clips].sort((x, y) => x.startSec - y.startSec);
			for (let i = 1; i < sorted.length; i++) {
				const prev = sorted[i - 1]!;
				const cur = sorted[i]!;
				if (cur.startSec < prev.endSec) {
					report(
						[...base, 'clips', cur.index, 'startSec'],
						finding('clipsOverlap', {
							target: cur.target,
							start: String(cur.startSec),
							other: prev.target,
							end: String(prev.endSec),
							audio
						})
					);
				}
			}
		}

		if (narration.status === 'complete') {
			for (const page of m.pages)
				for (const panel of page.panels)
					for (const bubble of panel.bubbles) {
						if (!targets.has(bubble.id)) {
							report([...base, 'status'], finding('narrationIncomplete', { tag, bubble: bubble.id }));
						}
					}
		}
	}
}
