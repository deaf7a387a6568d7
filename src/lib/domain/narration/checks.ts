/**
 * Content rules for narration, run by `comics:check`, the catalog and uploads through
 * src/lib/server/content/checks.ts. The caller probes the audio files (their real duration) and
 * passes the probes in, so these rules stay pure.
 */
import type { Manifest } from '../manifest/schema';
import type { AssetProbe, Reporter } from '../manifest/validate';
import { textHash } from './text-hash';

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
			if (audioIds.has(file.id)) report([...base, 'audio', a, 'id'], `duplicate audio id "${file.id}"`);
			audioIds.add(file.id);
			file.sources.forEach((source, s) => {
				const where = [...base, 'audio', a, 'sources', s, 'src'];
				const probe = assets.get(source.src);
				if (!probe) return; // not probed (no audio prober registered): nothing to compare with
				if (probe.kind === 'missing') return report(where, `audio file "${source.src}" is missing`);
				if (probe.kind === 'unreadable')
					return report(where, `audio file "${source.src}" cannot be read: ${probe.reason}`);
				if (probe.kind !== 'audio') return report(where, `"${source.src}" is not an audio file`);
				const known = realDuration.get(file.id);
				realDuration.set(
					file.id,
					known === undefined ? probe.durationSec : Math.min(known, probe.durationSec)
				);
				if (Math.abs(probe.durationSec - file.durationSec) > DECLARED_DURATION_TOLERANCE_SEC) {
					report(
						[...base, 'audio', a, 'durationSec'],
						`"${source.src}" lasts ${probe.durationSec.toFixed(2)} s but durationSec says ${file.durationSec}`
					);
				}
			});
		});

		const byFile = new Map<string, { index: number; startSec: number; endSec: number; target: string }[]>();
		const targets = new Set<string>();
		narration.clips.forEach((clip, c) => {
			const at = [...base, 'clips', c];
			const target = texts.get(clip.target);
			if (!target)
				report([...at, 'target'], `clip for "${clip.target}", which is no bubble or panel of this comic`);
			if (targets.has(clip.target))
				report([...at, 'target'], `"${clip.target}" has more than one clip in "${tag}"`);
			targets.add(clip.target);
			if (!audioIds.has(clip.audio)) {
				report(
					[...at, 'audio'],
					`clip refers to audio "${clip.audio}", which is not in narration.${tag}.audio`
				);
			} else {
				const list = byFile.get(clip.audio) ?? [];
				list.push({ index: c, startSec: clip.startSec, endSec: clip.endSec, target: clip.target });
				byFile.set(clip.audio, list);
				const file = narration.audio.find((f) => f.id === clip.audio)!;
				const limit = realDuration.get(clip.audio) ?? file.durationSec;
				if (clip.endSec > limit + DURATION_TOLERANCE_SEC) {
					report(
						[...at, 'endSec'],
						`clip ends at ${clip.endSec} s but audio "${clip.audio}" lasts only ${limit.toFixed(2)} s`
					);
				}
			}
			if (clip.endSec <= clip.startSec) {
				report([...at, 'endSec'], `clip ends (${clip.endSec} s) before it starts (${clip.startSec} s)`);
			}
			if (target) {
				const text = target.text[tag];
				if (text === undefined) {
					report([...at, 'target'], `"${clip.target}" has no "${tag}" text to narrate`);
				} else if (textHash(text) !== clip.textHash) {
					// A warning, not an error: the comic still reads and plays; the recording needs redoing.
					report(
						[...at, 'textHash'],
						`stale clip: "${clip.target}" was recorded from another text than its current "${tag}" text; record it again (or re-run comics/tools/narrate.ts for synthetic voices)`,
						'warning'
					);
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
						`clip "${cur.target}" (from ${cur.startSec} s) overlaps clip "${prev.target}" (until ${prev.endSec} s) in audio "${audio}"`
					);
				}
			}
		}

		if (narration.status === 'complete') {
			for (const page of m.pages)
				for (const panel of page.panels)
					for (const bubble of panel.bubbles) {
						if (!targets.has(bubble.id)) {
							report(
								[...base, 'status'],
								`narration "${tag}" is declared complete but bubble "${bubble.id}" has no clip`
							);
						}
					}
		}
	}
}
