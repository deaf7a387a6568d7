// Issue 20: quizzes as IMS QTI 3.0, both ways, through the question-type registry's QTI codecs.
// The three samples' quizzes (single, multiple, true/false, ordering with panel pictures, matching,
// find-it on the page) go out and come back equal but for what QTI cannot hold (narration, evidence,
// named on export), objective codes kept in the item metadata; an item of a type Kalanso has not is
// reported, not dropped silently.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import type { Quiz } from '../../src/lib/domain/quiz/schema';
import { QUESTION_TYPES } from '../../src/lib/domain/quiz/types';
import { qtiCodecs } from '../../src/lib/domain/quiz/types/qti';
import { validateQuiz } from '../../src/lib/domain/quiz/validate';
import { exportQti, importQti } from '../../src/lib/server/interop/qti';

const SAMPLES = ['awa-et-le-cgs', 'le-robinet-de-sikoro', 'trente-jours'];
const json = async <T>(file: string) => JSON.parse(await readFile(path.resolve(file), 'utf8')) as T;

describe('QTI 3.0', () => {
	it('every question type of the registry has a QTI codec', () => {
		expect(Object.keys(qtiCodecs).sort()).toEqual([...QUESTION_TYPES].sort());
	});

	it.each(SAMPLES)('%s: the quiz goes out and comes back (objectives in the item metadata)', async (slug) => {
		const manifest = await json<Manifest>(`comics/${slug}/comic.json`);
		const quiz = await json<Quiz>(`comics/${slug}/quiz.json`);
		const exported = exportQti(quiz, manifest);
		expect(exported.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['qtiNotExported']));
		const imported = importQti(exported.files, manifest);
		expect(imported.issues).toEqual([]);
		const expected = quiz.questions.map(({ narration: _n, evidence: _e, ...rest }) => rest);
		expect(imported.questions).toEqual(expected);
		const checked = validateQuiz({ ...quiz, questions: imported.questions }, { manifest, assets: new Map() });
		expect(checked.issues.filter((i) => i.severity === 'error')).toEqual([]);
		// The codes are in the package's metadata (LOM classification), not only in our own files.
		const pkg = new TextDecoder().decode(exported.files.get('imsmanifest.xml'));
		for (const code of quiz.questions.flatMap((q) => q.objectives))
			expect(pkg).toContain(`<imsmd:id>${code}</imsmd:id>`);
		// Items are well-formed XML in the QTI 3.0 namespace, one language each.
		for (const [name, bytes] of exported.files) {
			if (!name.startsWith('items/')) continue;
			const doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'text/xml');
			expect(doc.documentElement?.namespaceURI).toBe('http://www.imsglobal.org/xsd/imsqtiasi_v3p0');
			expect(doc.documentElement?.getAttribute('xml:lang')).toBe(name.split('/')[1]);
		}
	});

	it('find-it is a select-point item on the page image, its targets rectangles in page pixels', async () => {
		const manifest = await json<Manifest>('comics/awa-et-le-cgs/comic.json');
		const quiz = await json<Quiz>('comics/awa-et-le-cgs/quiz.json');
		const find = quiz.questions.find((q) => q.type === 'find')!;
		const xml = new TextDecoder().decode(exportQti(quiz, manifest).files.get(`items/fr/${find.id}.xml`));
		expect(xml).toContain('<qti-select-point-interaction');
		expect(xml).toMatch(/<img src="art\/page-\d\.webp" width="\d+" height="\d+"/);
		expect(xml).toMatch(/<qti-area-map-entry shape="rect" coords="\d+,\d+,\d+,\d+" mapped-value="1"\/>/);
	});

	it('an item of a type Kalanso has not is reported by name, the others still come in', async () => {
		const manifest = await json<Manifest>('comics/trente-jours/comic.json');
		const quiz = await json<Quiz>('comics/trente-jours/quiz.json');
		const { files } = exportQti(quiz, manifest);
		const pkg = new TextDecoder().decode(files.get('imsmanifest.xml'));
		files.set(
			'imsmanifest.xml',
			new TextEncoder().encode(
				pkg.replace(
					'</resources>',
					'<resource identifier="essay-fr" type="imsqti_item_xmlv3p0" href="items/fr/essay.xml"><file href="items/fr/essay.xml"/></resource></resources>'
				)
			)
		);
		files.set(
			'items/fr/essay.xml',
			new TextEncoder().encode(
				'<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="essay" xml:lang="fr"><qti-item-body><qti-extended-text-interaction response-identifier="RESPONSE"/></qti-item-body></qti-assessment-item>'
			)
		);
		const imported = importQti(files, manifest);
		expect(imported.issues.map((i) => `${i.file}: ${i.message}`)).toEqual([
			'items/fr/essay.xml: item "essay" uses qti-extended-text-interaction, which no Kalanso question type reads: left out'
		]);
		expect(imported.questions).toHaveLength(quiz.questions.length);
	});
});
