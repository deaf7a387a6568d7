/**
 * Size budgets of a comic's files (DESIGN.md §6: one page of art and its narration in one language
 * ≤ 150 KB in a pack). Whatever a comic's origin (drawn here, uploaded, imported from Readium), a
 * page or a clip over budget is a warning in `comics:check`, an upload and an import: it still
 * reads, but costs tablets space and the school's network time. Pure: the caller gives the sizes.
 */
import { finding } from './findings';
import type { Manifest } from './schema';
import type { AssetProbe, Reporter } from './validate';

/**
 * Most a page's art may weigh: with ≈ 60 KB for its narration, a page stays within the pack budget.
 * The sample art kit (comics/tools/build-art.ts) encodes to it too.
 */
export const PAGE_ART_BUDGET_BYTES = 90_000;
/** Most a minute of narration may weigh: Opus 24 kbps speech is ≈ 173 KB per minute (TECH-NOTES). */
export const AUDIO_BUDGET_BYTES_PER_MINUTE = 200 * 1024;

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
