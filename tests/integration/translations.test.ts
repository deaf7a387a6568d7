/**
 * The translation workflow on real databases (SQLite file, PostgreSQL): a translator's string stored
 * and served at run time, a PO file exported, translated and imported back, and a bad file refused
 * with nothing stored (one transaction, also when the database itself refuses mid-way).
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { parseLanguages } from '../../src/lib/domain/languages/languages';
import { flatten } from '../../src/lib/i18n/fallback';
import type { Database } from '../../src/lib/server/db/schema';
import { exportPo, importPo } from '../../src/lib/server/translations/po';
import { kyselyTranslationRepository } from '../../src/lib/server/translations/repositories';
import { TranslationError, TranslationService } from '../../src/lib/server/translations/service';
import { engines, insertUsers } from './support/databases';

const languages = parseLanguages(JSON.parse(readFileSync('comics/languages.json', 'utf8')));
const catalogs = {
	fr: {
		common: { appName: 'Kalanso', signedInAs: 'Connecté : {name} ({role})', nav: { library: 'Bibliothèque' } }
	},
	en: {
		common: { appName: 'Kalanso', signedInAs: 'Signed in: {name} ({role})', nav: { library: 'Library' } }
	}
};

async function translator(db: Kysely<Database>) {
	await insertUsers(
		db,
		[
			{ id: 'tr1', role: 'translator', name: 'Traducteur' },
			{ id: 'tr2', role: 'translator', name: 'Traductrice' },
			{ id: 'rv1', role: 'reviewer', name: 'Relectrice' }
		],
		'2026-12-06T10:00:00.000Z'
	);
}

for (const engine of engines) {
	describe.skipIf(!engine.available)(`translations on ${engine.title}`, () => {
		async function setup() {
			const opened = await engine.open();
			await translator(opened.db);
			const service = new TranslationService({
				repo: kyselyTranslationRepository(opened.db),
				catalogs,
				languages,
				now: () => new Date('2026-12-06T11:00:00.000Z')
			});
			return { db: opened.db, service };
		}

		it('stores a string, replaces it, serves it, and removes it', async () => {
			const { db, service } = await setup();
			await service.save('tr1', 'bm-Nkoo', { key: 'common.appName', text: 'Kalanso', status: 'draft' });
			await service.save('rv1', 'bm-Nkoo', { key: 'common.appName', text: 'Kalanso', status: 'reviewed' });
			const rows = await db.selectFrom('ui_translations').selectAll().execute();
			expect(rows).toEqual([
				{
					lang: 'bm-Nkoo',
					key: 'common.appName',
					text: 'Kalanso',
					status: 'reviewed',
					source: 'Kalanso',
					updated_at: '2026-12-06T11:00:00.000Z',
					updated_by: 'tr1',
					reviewed_by: 'rv1'
				}
			]);
			expect(await service.runtime('bm-Nkoo')).toEqual({ common: { appName: 'Kalanso' } });
			expect(await service.runtime('bm')).toEqual({});
			await service.remove('bm-Nkoo', 'common.appName');
			expect(await db.selectFrom('ui_translations').selectAll().execute()).toEqual([]);
		});

		it("refuses a translator's own translation marked reviewed; another translator may", async () => {
			const { db, service } = await setup();
			const appName = { key: 'common.appName', text: 'Kalanso', status: 'reviewed' as const };
			const own = await service.save('tr1', 'bm', appName).catch((e: unknown) => e);
			expect(own).toMatchObject({ code: 'ownReview', params: { key: 'common.appName' } });
			expect(await db.selectFrom('ui_translations').selectAll().execute()).toEqual([]);
			await service.save('tr1', 'bm', { ...appName, status: 'draft' });
			expect(await service.save('tr1', 'bm', appName).catch((e: unknown) => e)).toMatchObject({
				code: 'ownReview'
			});
			await service.save('tr2', 'bm', appName);
			expect(
				await db.selectFrom('ui_translations').select(['status', 'updated_by', 'reviewed_by']).execute()
			).toEqual([{ status: 'reviewed', updated_by: 'tr1', reviewed_by: 'tr2' }]);
		});

		it('round-trips a PO file: export, fill in, import, export again', async () => {
			const { service } = await setup();
			const po = exportPo('taq-Tfng', await service.list('taq-Tfng'));
			// Test data: placeholders and the app's name only, no invented Tamasheq words.
			const filled = po
				.replace('msgid "Kalanso"\nmsgstr ""', 'msgid "Kalanso"\nmsgstr "Kalanso"')
				// A draft: PO's fuzzy flag, in the comments before the entry.
				.replace('msgctxt "common.signedInAs"', '#, fuzzy\nmsgctxt "common.signedInAs"')
				.replace(
					'msgid "Connecté : {name} ({role})"\nmsgstr ""',
					'msgid "Connecté : {name} ({role})"\nmsgstr "{name} · {role}"'
				);
			// The operator's command line (no account) imports a catalog reviewed elsewhere.
			expect(await service.importAll(null, 'taq-Tfng', importPo('taq-Tfng', filled))).toEqual({
				imported: 2,
				keptDraft: 0
			});
			const statuses = Object.fromEntries((await service.list('taq-Tfng')).map((e) => [e.key, e.status]));
			expect(statuses).toEqual({
				'common.appName': 'reviewed',
				'common.signedInAs': 'draft',
				'common.nav.library': 'missing'
			});
			const again = importPo('taq-Tfng', exportPo('taq-Tfng', await service.list('taq-Tfng')));
			expect(again.map((e) => [e.key, e.text, e.status])).toEqual([
				['common.appName', 'Kalanso', 'reviewed'],
				['common.signedInAs', '{name} · {role}', 'draft']
			]);
			expect(flatten(await service.runtime('taq-Tfng'))).toEqual({
				'common.appName': 'Kalanso',
				'common.signedInAs': '{name} · {role}'
			});
		});

		it('stores nothing of a file with one bad string, and names its line', async () => {
			const { db, service } = await setup();
			const po = exportPo('bm', await service.list('bm'))
				.replace('msgid "Kalanso"\nmsgstr ""', 'msgid "Kalanso"\nmsgstr "Kalanso"')
				.replace(
					'msgid "Connecté : {name} ({role})"\nmsgstr ""',
					'msgid "Connecté : {name} ({role})"\nmsgstr "{name}"'
				);
			const line = po.split('\n').indexOf('msgctxt "common.signedInAs"') + 1;
			const error = await service.importAll('tr1', 'bm', importPo('bm', po)).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(TranslationError);
			expect(error).toMatchObject({ code: 'placeholders', params: { line: String(line) } });
			expect(await db.selectFrom('ui_translations').selectAll().execute()).toEqual([]);
		});

		it('rolls back every row when the database refuses one mid-way (unknown translator id)', async () => {
			const { db } = await setup();
			const repo = kyselyTranslationRepository(db);
			const row = {
				lang: 'bm',
				text: 'Kalanso',
				status: 'draft' as const,
				source: 'Kalanso',
				updatedAt: 'x'
			};
			const refused = await repo
				.saveAll([
					{ ...row, key: 'common.appName', updatedBy: 'tr1' },
					// A foreign key the database refuses, after the first row was written.
					...Array.from({ length: 250 }, (_, i) => ({
						...row,
						key: `k${i}`,
						updatedBy: i === 249 ? 'nobody' : 'tr1'
					}))
				])
				.then(
					() => null,
					(e: unknown) => e
				);
			expect(refused).toBeInstanceOf(Error);
			expect(await db.selectFrom('ui_translations').selectAll().execute()).toEqual([]);
		});
	});
}
