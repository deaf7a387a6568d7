/**
 * The national report (issue 19): what schools pushed up (sync_aggregates), totalled per school,
 * comic, objective and week over batches and classes, newest week first, 50 rows a page in two
 * statements (the page and its count) whatever the number of rows, filtered, on SQLite and PostgreSQL. The batches go in through
 * the repository's own `receiveBatch`, as POST /api/sync/results stores them.
 */
import path from 'node:path';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { setupI18n } from '../../src/lib/i18n';
import { loadCurriculum } from '../../src/lib/server/quiz/curriculum-files';
import type { AggregateRow } from '../../src/lib/server/sync/protocol';
import {
	nationalReport,
	objectiveTitles,
	REPORT_PAGE_SIZE,
	reportQueryFrom
} from '../../src/lib/server/sync/report';
import NationalPage from '../../src/routes/national/+page.svelte';
import { syncRepository } from '../../src/lib/server/sync/repository';
import { counted } from './support/counted';
import { engines } from './support/databases';

const row = (over: Partial<AggregateRow>): AggregateRow => ({
	classRef: 'c'.repeat(64),
	grade: '7e',
	schoolYear: '2026-2027',
	comic: 'trente-jours',
	objective: 'ECM-7-ETAT-CIVIL',
	week: '2026-11-30',
	attempts: 1,
	correct: 1,
	...over
});

for (const engine of engines) {
	describe.skipIf(!engine.available)(`national report on ${engine.title}`, () => {
		it('totals per school, comic, objective and week, a page at a time, filtered', async () => {
			const { db } = await engine.open();
			const repo = syncRepository(db);
			const at = '2026-12-06T10:00:00.000Z';
			await repo.addSchool('ecole-sikoro', 'École de Sikoro', 'h', at);
			await repo.addSchool('ecole-kati', 'École de Kati', 'h', at);
			// Sikoro: two classes in one batch and a later batch for the same week: summed.
			await repo.receiveBatch(
				'ecole-sikoro',
				'b1',
				[
					row({ classRef: 'a'.repeat(64), attempts: 3, correct: 1.5 }),
					row({ classRef: 'b'.repeat(64), attempts: 2, correct: 2 }),
					row({ objective: 'ECM-7-SERVICES', attempts: 1, correct: 0.5 })
				],
				at
			);
			await repo.receiveBatch(
				'ecole-sikoro',
				'b2',
				[row({ classRef: 'a'.repeat(64), attempts: 5, correct: 0.5 })],
				at
			);
			// Kati: 120 weeks of one objective (three pages of rows at the end of the list).
			const weeks = Array.from({ length: 120 }, (_, i) =>
				new Date(Date.parse('2024-01-01T00:00:00Z') + i * 7 * 86_400_000).toISOString().slice(0, 10)
			);
			await repo.receiveBatch(
				'ecole-kati',
				'k1',
				weeks.map((week) => row({ week, comic: 'le-robinet-de-sikoro', objective: 'ECM-7-EAU' })),
				at
			);

			const counter = counted(db);
			const report = (query: string) => {
				const { filter, page } = reportQueryFrom(new URLSearchParams(query));
				counter.reset();
				return nationalReport(syncRepository(counter.db), filter, page);
			};

			const first = await report('');
			expect(counter.executed).toBe(2);
			expect(first).toMatchObject({ total: 122, page: 1, pages: 3 });
			expect(first.items).toHaveLength(REPORT_PAGE_SIZE);
			// Newest week first; then school, comic, objective.
			expect(first.items[0]).toEqual({
				week: '2026-11-30',
				schoolId: 'ecole-sikoro',
				schoolName: 'École de Sikoro',
				comic: 'trente-jours',
				objective: 'ECM-7-ETAT-CIVIL',
				classes: 2,
				attempts: 10,
				correct: 4
			});
			expect(first.items[1]).toMatchObject({
				objective: 'ECM-7-SERVICES',
				classes: 1,
				attempts: 1,
				correct: 0.5
			});
			expect(first.items[2]).toMatchObject({ schoolId: 'ecole-kati', week: weeks[119] });

			const seen = [...first.items];
			for (const n of [2, 3]) {
				const page = await report(`page=${n}`);
				expect(counter.executed).toBe(2);
				seen.push(...page.items);
			}
			expect(seen).toHaveLength(122);
			expect(new Set(seen.map((r) => `${r.week}|${r.schoolId}|${r.objective}`)).size).toBe(122);
			expect(seen.at(-1)).toMatchObject({ week: weeks[0], schoolName: 'École de Kati' });

			// Past the end: the last page.
			expect(await report('page=99')).toMatchObject({ page: 3, pages: 3 });
			// Filters, combinable; a malformed week is dropped.
			expect((await report('school=ecole-sikoro')).total).toBe(2);
			expect((await report('school=ecole-sikoro&objective=ECM-7-SERVICES')).items).toEqual([
				expect.objectContaining({ attempts: 1, correct: 0.5 })
			]);
			expect((await report(`week=${weeks[3]}`)).items.map((r) => r.schoolId)).toEqual(['ecole-kati']);
			expect((await report('comic=trente-jours')).total).toBe(2);
			expect(await report('week=not-a-week')).toMatchObject({ total: 122, filter: { week: '' } });
			expect(await report('school=nowhere')).toMatchObject({ total: 0, items: [], page: 1, pages: 1 });
		});

		it('shows each objective with its title from the curriculum, in the interface language', async () => {
			const { db } = await engine.open();
			const repo = syncRepository(db);
			const at = '2026-12-06T10:00:00.000Z';
			await repo.addSchool('ecole-sikoro', 'École de Sikoro', 'h', at);
			await repo.receiveBatch(
				'ecole-sikoro',
				'b1',
				[
					row({ objective: 'SMP-ECM-7-COLL-04.1' }),
					// A code this server's curriculum does not have (an older school's): shown alone.
					row({ objective: 'ECM-7-ANCIEN' })
				],
				at
			);
			const report = await nationalReport(repo, reportQueryFrom(new URLSearchParams()).filter, 1);
			const curriculum = await loadCurriculum(path.resolve('comics'));
			const titles = objectiveTitles(report.items, curriculum);
			expect(Object.keys(titles)).toEqual(['SMP-ECM-7-COLL-04.1']);

			const cell = async (lang: 'fr' | 'en', code: string) => {
				await setupI18n(lang);
				const { body } = render(NationalPage, {
					props: { data: { report, objectiveTitles: titles } } as never
				});
				const row = new RegExp(`<tr[^>]*data-objective="${code}"[\\s\\S]*?</tr>`).exec(body)?.[0] ?? '';
				return /<td[^>]*data-field="objective"[^>]*>([\s\S]*?)<\/td>/
					.exec(row)?.[1]
					?.replace(/<!--[^>]*-->/g, '')
					.replace(/<[^>]+>/g, ' ')
					.replace(/\s+/g, ' ')
					.trim();
			};
			expect(await cell('fr', 'SMP-ECM-7-COLL-04.1')).toBe(
				'SMP-ECM-7-COLL-04.1 Expliquer pourquoi et dans quel délai (30 jours) déclarer une naissance'
			);
			expect(await cell('en', 'SMP-ECM-7-COLL-04.1')).toBe(
				'SMP-ECM-7-COLL-04.1 Explain why and within what time (30 days) a birth must be declared'
			);
			expect(await cell('fr', 'ECM-7-ANCIEN')).toBe('ECM-7-ANCIEN');
			await setupI18n('fr');
		});
	});
}
