/**
 * The narration of one panel as a list of clips (its recorded description, then its bubbles in
 * reading order), in the shape the quiz's "listen" plays: a live session's "follow me" reads the
 * followed panel aloud on the teacher's device. Built from the reader's own track (timeline.ts).
 */
import type { Manifest } from '../manifest/schema';
import type { QuizClip } from '../quiz/schema';
import { audioFileOf, buildTrack } from './timeline';

export function panelClips(manifest: Manifest, language: string, panelId: string): QuizClip[] {
	const track = buildTrack(manifest, language, { descriptions: true });
	if (!track) return [];
	return track.items
		.filter((item) => item.panelId === panelId)
		.flatMap((item) => {
			const file = audioFileOf(track, item.audio);
			return file
				? [
						{
							sources: file.sources.map((s) => ({ src: s.src, type: s.type })),
							startSec: item.startSec,
							endSec: item.endSec
						}
					]
				: [];
		});
}
