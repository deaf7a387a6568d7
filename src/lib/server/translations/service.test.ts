import { readFileSync } from 'node:fs';
import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { parseLanguages } from '../../domain/languages/languages';
import { catalogs } from '../../i18n/catalogs';
import { flatten, type Messages } from '../../i18n/fallback';
import { exportPo, importPo } from './po';
import { offeredFrom, pseudoCatalog, pseudoLocalize } from './pseudo';
import { memoryTranslationRepository } from './repositories';
import { placeholdersOf, TranslationError, TranslationService } from './service';

const languages = parseLanguages(JSON.parse(readFileSync('comics/languages.json', 'utf8')));
const source = {
	fr: {
		common: {
			appName: 'Kalanso',
			nav: { library: 'Bibliothèque' },
			signedInAs: 'Connecté : {name} ({role})'
		},
		library: { count: '{count, plural, one {# BD} other {# BD}}' }
	},
	en: {
		common: { appName: 'Kalanso', nav: { library: 'Library' }, signedInAs: 'Signed in: {name} ({role})' }
	}
} satisfies Record<string, Messages>;

function service() {
	const repo = memoryTranslationRepository();
	const svc = new TranslationService({
		repo,
		catalogs: source,
		languages,
		notes: { 'common.appName': 'Keep Kalanso.' },
		now: () => new Date('2026-12-06T10:00:00.000Z')
	});
	return { repo, svc };
}

/** The code (and parameters) a refused call threw. */
async function refusal(run: () => Promise<unknown>) {
	try {
		await run();
	} catch (error) {
		if (error instanceof TranslationError) return { code: error.code, ...error.params };
		throw error;
	}
	throw new Error('not refused');
}

describe('TranslationService', () => {
	it('lists every French string as missing, with its location, reference, note and placeholders', async () => {
		const { svc } = service();
		const entries = await svc.list('bm-Nkoo');
		expect(entries.map((e) => e.key)).toEqual([
			'common.appName',
			'common.nav.library',
			'common.signedInAs',
			'library.count'
		]);
		expect(entries[0]).toMatchObject({
			feature: 'common',
			note: 'Keep Kalanso.',
			reference: 'Kalanso',
			status: 'missing'
		});
		expect(entries[2]!.placeholders).toEqual(['name', 'role']);
	});

	it('never offers French, the source, as a target', () => {
		expect(
			service()
				.svc.targets()
				.map((l) => l.tag)
		).not.toContain('fr');
	});

	it('stores a draft, serves it at run time, and marks it outdated when the French changes', async () => {
		const { svc, repo } = service();
		await svc.save('u1', 'taq-Tfng', { key: 'common.appName', text: 'Kalanso', status: 'draft' });
		expect(await svc.runtime('taq-Tfng')).toEqual({ common: { appName: 'Kalanso' } });
		expect((await svc.list('taq-Tfng'))[0]).toMatchObject({
			status: 'draft',
			translation: 'Kalanso',
			outdated: false
		});
		repo.rows.get('taq-Tfng|common.appName')!.source = 'Kalanso (old)';
		expect((await svc.list('taq-Tfng'))[0]!.outdated).toBe(true);
		await svc.remove('taq-Tfng', 'common.appName');
		expect((await svc.list('taq-Tfng'))[0]!.status).toBe('missing');
	});

	it('lets another person, never the writer, mark a translation reviewed', async () => {
		const { svc, repo } = service();
		const appName = { key: 'common.appName', text: 'Kalanso', status: 'reviewed' as const };
		// Writing a text and calling it reviewed at once: refused, nothing stored.
		expect(await refusal(() => svc.save('u1', 'bm', appName))).toMatchObject({
			code: 'ownReview',
			key: 'common.appName'
		});
		expect(repo.rows.size).toBe(0);
		await svc.save('u1', 'bm', { ...appName, status: 'draft' });
		// The writer coming back to mark it reviewed: refused, still a draft.
		expect(await refusal(() => svc.save('u1', 'bm', appName))).toMatchObject({ code: 'ownReview' });
		expect(repo.rows.get('bm|common.appName')).toMatchObject({ status: 'draft', updatedBy: 'u1' });
		// Another person (translator or reviewer): reviewed; the writer stays u1.
		await svc.save('u2', 'bm', appName);
		expect(repo.rows.get('bm|common.appName')).toMatchObject({
			status: 'reviewed',
			updatedBy: 'u1',
			reviewedBy: 'u2'
		});
		// The reviewer changing the text writes it: it is theirs now, and cannot be reviewed by them.
		expect(await refusal(() => svc.save('u2', 'bm', { ...appName, text: 'Kalanso !' }))).toMatchObject({
			code: 'ownReview'
		});
		await svc.save('u2', 'bm', { ...appName, text: 'Kalanso !', status: 'draft' });
		expect(repo.rows.get('bm|common.appName')).toMatchObject({ updatedBy: 'u2', reviewedBy: null });
		await svc.save('u1', 'bm', { ...appName, text: 'Kalanso !' });
		expect(repo.rows.get('bm|common.appName')).toMatchObject({ status: 'reviewed', reviewedBy: 'u1' });
	});

	it('keeps as drafts the strings of an imported file that the importer wrote', async () => {
		const { svc, repo } = service();
		await svc.save('u2', 'bm', { key: 'common.appName', text: 'Kalanso', status: 'draft' });
		const result = await svc.importAll('u1', 'bm', [
			// u2's text, unchanged, not fuzzy: u1 reviews it.
			{ key: 'common.appName', text: 'Kalanso', status: 'reviewed', line: 4 },
			// u1's own new text, not fuzzy: kept a draft.
			{ key: 'common.signedInAs', text: '{name} ({role})', status: 'reviewed', line: 9 }
		]);
		expect(result).toEqual({ imported: 2, keptDraft: 1 });
		expect(repo.rows.get('bm|common.appName')).toMatchObject({ status: 'reviewed', reviewedBy: 'u1' });
		expect(repo.rows.get('bm|common.signedInAs')).toMatchObject({ status: 'draft', updatedBy: 'u1' });
	});

	it.each([
		[
			{ key: 'common.nope', text: 'x', status: 'draft' as const },
			{ code: 'unknownKey', key: 'common.nope' }
		],
		[{ key: 'common.appName', text: '   ', status: 'draft' as const }, { code: 'empty' }],
		[{ key: 'common.appName', text: 'x', status: 'done' as never }, { code: 'badStatus' }],
		[{ key: 'common.signedInAs', text: '{name', status: 'draft' as const }, { code: 'badSyntax' }],
		[
			{ key: 'common.signedInAs', text: '{nom} ({role})', status: 'draft' as const },
			{ code: 'placeholders', expected: '{name} {role}', found: '{nom} {role}' }
		]
	])('refuses %j', async (incoming, expected) => {
		const { svc, repo } = service();
		expect(await refusal(() => svc.save('u1', 'bm', incoming))).toMatchObject(expected);
		expect(repo.rows.size).toBe(0);
	});

	it('refuses a language that is not in languages.json, and French', async () => {
		const { svc } = service();
		expect(await refusal(() => svc.list('xx'))).toMatchObject({ code: 'unknownLanguage' });
		expect(await refusal(() => svc.list('fr'))).toMatchObject({ code: 'unknownLanguage' });
	});

	it('imports all strings or none: one bad string (named by its line) stores nothing', async () => {
		const { svc, repo } = service();
		expect(
			await refusal(() =>
				svc.importAll('u1', 'bm', [
					{ key: 'common.appName', text: 'Kalanso', status: 'reviewed', line: 4 },
					{ key: 'common.signedInAs', text: '{name}', status: 'reviewed', line: 9 }
				])
			)
		).toMatchObject({ code: 'placeholders', line: '9' });
		expect(repo.rows.size).toBe(0);
	});
});

describe('PO files', () => {
	it('round-trips: export, translate in a tool, import back', async () => {
		const { svc } = service();
		await svc.save('u1', 'bm', { key: 'common.appName', text: 'Kalanso', status: 'draft' });
		const po = exportPo('bm', await svc.list('bm'));
		expect(po).toContain('Language: bm');
		expect(po).toContain('msgctxt "common.signedInAs"');
		expect(po).toContain('#, fuzzy');
		expect(po).toContain('#: src/lib/i18n/messages/common/fr.json');
		// A translator fills one string in their tool (test data: placeholders only, no invented words).
		const edited = po.replace(
			'msgctxt "common.signedInAs"\nmsgid "Connecté : {name} ({role})"\nmsgstr ""',
			'msgctxt "common.signedInAs"\nmsgid "Connecté : {name} ({role})"\nmsgstr "{name} ({role})"'
		);
		expect(edited).not.toBe(po);
		const incoming = importPo('bm', edited);
		expect(incoming.map((i) => [i.key, i.text, i.status])).toEqual([
			['common.appName', 'Kalanso', 'draft'],
			['common.signedInAs', '{name} ({role})', 'reviewed']
		]);
		// The file's reviewed string is u1's own: it stays a draft until someone else reviews it.
		expect(await svc.importAll('u1', 'bm', incoming)).toEqual({ imported: 2, keptDraft: 1 });
		expect(flatten(await svc.runtime('bm'))).toEqual({
			'common.appName': 'Kalanso',
			'common.signedInAs': '{name} ({role})'
		});
	});

	it('refuses a file that is not PO, or is for another language, saying what is wrong', () => {
		expect(() => importPo('bm', 'msgid "a"\nmsgstr "b\n')).toThrow(TranslationError);
		const po = exportPo('taq-Tfng', []);
		try {
			importPo('bm', po);
			expect.unreachable();
		} catch (error) {
			expect((error as TranslationError).params.detail).toContain('taq-Tfng');
		}
	});

	it('names the line of a string whose French changed since the export', async () => {
		const { svc } = service();
		const po = exportPo('bm', await svc.list('bm')).replace(
			'msgid "Bibliothèque"\nmsgstr ""',
			'msgid "Ancienne bibliothèque"\nmsgstr "x"'
		);
		const incoming = importPo('bm', po);
		const line = po.split('\n').indexOf('msgctxt "common.nav.library"') + 1;
		expect(await refusal(() => svc.importAll('u1', 'bm', incoming))).toMatchObject({
			code: 'sourceChanged',
			line: String(line)
		});
	});
});

describe('pseudo-locales', () => {
	it('are offered only when the server is started with KALANSO_PSEUDO_LOCALES=1', () => {
		const tags = (env: NodeJS.ProcessEnv) => offeredFrom(languages, env).map((l) => l.tag);
		expect(tags({})).toEqual(['fr', 'en', 'bm', 'bm-Nkoo', 'taq-Tfng']);
		expect(tags({ KALANSO_PSEUDO_LOCALES: 'yes' })).not.toContain('qps-ploc');
		expect(tags({ KALANSO_PSEUDO_LOCALES: '1' })).toEqual([
			'fr',
			'en',
			'bm',
			'bm-Nkoo',
			'taq-Tfng',
			'qps-ploc',
			'qps-plocm'
		]);
	});

	it('accents, lengthens by 40% and brackets, keeping placeholders and plurals', () => {
		expect(pseudoLocalize('Bibliothèque')).toBe('[Ɓîƀļîöţĥèǫûé·····]');
		const plural = pseudoLocalize('{count, plural, one {# BD} other {# BD}}');
		expect(placeholdersOf(plural)).toEqual(['count']);
		expect(pseudoLocalize('x', true)).toBe('\u202E[ẋ·]\u202C');
	});

	it('keeps every message of every bundled catalog valid ICU with the same placeholders', () => {
		const pseudo = flatten(pseudoCatalog(catalogs.fr as Messages));
		for (const [key, message] of Object.entries(flatten(catalogs.fr as Messages))) {
			expect(() => parse(pseudo[key]!, { ignoreTag: true }), key).not.toThrow();
			expect(placeholdersOf(pseudo[key]!), key).toEqual(placeholdersOf(message));
		}
	});
});
