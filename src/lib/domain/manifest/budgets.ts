/**
 * Size budgets of a comic's files (DESIGN.md §6: one page of art and its narration in one language
 * ≤ 150 KB in a pack). Whatever a comic's origin (drawn here, uploaded, imported from Readium), a
 * page or a clip over budget is a warning in `comics:check`, an upload and an import: it still
 * reads, but costs tablets space and the school's network time. Pure: the caller gives the sizes.
 */
import { finding } from './findings';
import type { Quiz } from '../quiz/schema';
import type { Manifest } from './schema';
import type { AssetProbe, Reporter } from './validate';

/**
 * Most a page's art may weigh: with ≈ 60 KB for its narration, a page stays within the pack budget.
 * The sample art kit (comics/tools/build-art.ts) encodes to it too.
 */
export const PAGE_ART_BUDGET_BYTES = 90_000;
/**
 * Most a minute of narration may weigh: a loose bound (Opus 24 kbps speech is ≈ 173 KB per minute,
 * TECH-NOTES); Kalanso's own speech encoding is 6 kbps (≈ 41 KB per minute, speech-encoding.ts), and
 * what binds is the pack share per page (checkPackShare).
 */
export const AUDIO_BUDGET_BYTES_PER_MINUTE = 200 * 1024;

/**
 * Most a page may cost a tablet in one narration language (DESIGN.md §6, issue 21): the comic's
 * art and cover plus that language's page and quiz narration (the files tablets play), divided by
 * its pages. The pack-size bench (bench/lib/packs.ts) measures the same on the wire, JSON included.
 */
export const PACK_PAGE_BUDGET_BYTES = 150 * 1024;

const kb = (bytes: number) => Math.round(bytes / 1000);

/**
 * Warns about page art and narration audio over budget. Only the first source of each narration
 * file is held to it: that is the one tablets play (Opus); later sources are fallbacks (MP3).
 */
export function checkBudgets(
	m: Manifest,
	sizes: ReadonlyMap<string, number>,
	assets: ReadonlyMap<string, AssetProbe>,
	report: Reporter
): void {
	m.pages.forEach((page, p) => {
		const bytes = sizes.get(page.image);
		if (bytes !== undefined && bytes > PAGE_ART_BUDGET_BYTES) {
			report(
				['pages', p, 'image'],
				finding('pageOverBudget', { src: page.image, kb: kb(bytes), budgetKb: kb(PAGE_ART_BUDGET_BYTES) }),
				'warning'
			);
		}
	});
	for (const [tag, narration] of Object.entries(m.narration ?? {})) {
		narration.audio.forEach((file, a) => {
			const src = file.sources[0]!.src;
			const bytes = sizes.get(src);
			const probe = assets.get(src);
			const durationSec =
				probe?.kind === 'audio' && probe.durationSec > 0 ? probe.durationSec : file.durationSec;
			if (bytes === undefined || durationSec <= 0) return;
			const perMinute = (bytes / durationSec) * 60;
			if (perMinute > AUDIO_BUDGET_BYTES_PER_MINUTE) {
				report(
					['narration', tag, 'audio', a, 'sources', 0, 'src'],
					finding('audioOverBudget', {
						src,
						kbPerMin: kb(perMinute),
						budgetKbPerMin: kb(AUDIO_BUDGET_BYTES_PER_MINUTE)
					}),
					'warning'
				);
			}
		});
	}
}

/**
 * Warns, per narration language, when a page's share of what a tablet downloads (art, cover, page
 * and quiz narration, first source of each: the format tablets play) is over PACK_PAGE_BUDGET_BYTES.
 * `sizes` holds the bytes of those files; one missing counts as nothing (its own check reports it).
 * JSON (a few KB gzipped) is not counted: the warning says where the bytes go, not the exact figure.
 */
export function checkPackShare(
	m: Manifest,
	quiz: Quiz | null,
	sizes: ReadonlyMap<string, number>,
	report: Reporter
): void {
	if (!m.pages.length) return;
	const bytesOf = (files: Iterable<string>) =>
		[...new Set(files)].reduce((n, f) => n + (sizes.get(f) ?? 0), 0);
	const art = bytesOf([...m.pages.map((p) => p.image), ...(m.cover ? [m.cover] : [])]);
	const audio = packShareAudio(m, quiz);
	for (const [tag, files] of audio) {
		const perPage = (art + bytesOf(files)) / m.pages.length;
		if (perPage <= PACK_PAGE_BUDGET_BYTES) continue;
		report(
			m.narration?.[tag] ? ['narration', tag] : ['pages'],
			finding('packShareOverBudget', {
				language: tag,
				// In KiB, as the budget and the bench count (150 KB = 150 × 1024 bytes).
				kb: Math.round(perPage / 1024),
				budgetKb: PACK_PAGE_BUDGET_BYTES / 1024
			}),
			'warning'
		);
	}
}

/** Per narration language, the audio files a tablet downloads for it (first source of each). */
export function packShareAudio(m: Manifest, quiz: Quiz | null): Map<string, string[]> {
	const audio = new Map<string, string[]>();
	const add = (tag: string, src: string | undefined) => {
		if (src) audio.set(tag, [...(audio.get(tag) ?? []), src]);
	};
	for (const [tag, narration] of Object.entries(m.narration ?? {}))
		for (const file of narration.audio) add(tag, file.sources[0]?.src);
	for (const question of quiz?.questions ?? [])
		for (const [tag, n] of Object.entries(question.narration ?? {}))
			for (const clip of [n.prompt, ...Object.values(n.options ?? {}), n.explanation])
				add(tag, clip?.sources[0]?.src);
	return audio;
}
