/**
 * Quizzes as IMS QTI 3.0 content packages, both ways: `imsmanifest.xml` (one resource per item and
 * language, the curriculum objective codes in each item's LOM metadata as classification taxons)
 * and `items/<lang>/<question>.xml`. The per-type mapping is the question-type registry's QTI part
 * (src/lib/domain/quiz/types/qti.ts); parsing is @xmldom/xmldom (a well-kept, dependency-free W3C
 * DOM parser). What QTI cannot hold (narration clips, evidence) is named on export; items no
 * Kalanso question type reads are named on import, never dropped silently.
 */
import { DOMParser } from '@xmldom/xmldom';
import { finding } from '../../domain/manifest/findings';
import { contentIssue, type ContentIssue } from '../../domain/manifest/issues';
import type { Manifest } from '../../domain/manifest/schema';
import type { Question } from '../../domain/quiz/types';
import { esc, qtiCodecs } from '../../domain/quiz/types/qti';
import type { Quiz } from '../../domain/quiz/schema';

const MANIFEST = 'imsmanifest.xml';
const ITEM_TYPE = 'imsqti_item_xmlv3p0';
const QTI_NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
const OBJECTIVE_SOURCE = 'Kalanso curriculum objectives';

type AnyCodec = (typeof qtiCodecs)[keyof typeof qtiCodecs] & {
	write(
		q: Question,
		ctx: { manifest: Pick<Manifest, 'pages'>; lang: string }
	): { declaration: string; interaction: string };
};
const codecOf = (type: Question['type']) => qtiCodecs[type] as unknown as AnyCodec;

const encode = (text: string) => new TextEncoder().encode(text);

/** A quiz as a QTI 3.0 package (files by path), with what could not be exported. */
export function exportQti(
	quiz: Quiz,
	manifest: Manifest
): { files: Map<string, Uint8Array>; issues: ContentIssue[] } {
	const files = new Map<string, Uint8Array>();
	const issues: ContentIssue[] = [];
	const resources: string[] = [];
	quiz.questions.forEach((q, i) => {
		if (q.narration)
			issues.push(
				contentIssue(
					'quiz.json',
					`$.questions[${i}].narration`,
					finding('qtiNotExported', { id: q.id, what: 'its narration' }),
					'warning'
				)
			);
		if (q.evidence)
			issues.push(
				contentIssue(
					'quiz.json',
					`$.questions[${i}].evidence`,
					finding('qtiNotExported', { id: q.id, what: 'its evidence panel' }),
					'warning'
				)
			);
		for (const lang of Object.keys(q.prompt)) {
			const { declaration, interaction } = codecOf(q.type).write(q, { manifest, lang });
			const prompt = `<qti-prompt>${esc(q.prompt[lang] ?? '')}</qti-prompt>`;
			const withPrompt = interaction.replace(/^(<[^>]+>)/, `$1${prompt}`);
			const template =
				q.type === 'find'
					? 'map_response_point'
					: q.type === 'single' || q.type === 'true-false'
						? 'match_correct'
						: 'map_response';
			const explanation = q.explanation[lang];
			const href = `items/${lang}/${q.id}.xml`;
			files.set(
				href,
				encode(
					`<?xml version="1.0" encoding="UTF-8"?>\n` +
						`<qti-assessment-item xmlns="${QTI_NS}" identifier="${esc(q.id)}" title="${esc(q.id)}" adaptive="false" time-dependent="false" xml:lang="${esc(lang)}">` +
						declaration +
						`<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>` +
						`<qti-outcome-declaration identifier="FEEDBACK" cardinality="single" base-type="identifier"/>` +
						`<qti-item-body>${withPrompt}</qti-item-body>` +
						`<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/${template}"/>` +
						(explanation
							? `<qti-modal-feedback outcome-identifier="FEEDBACK" identifier="EXPLANATION" show-hide="show"><qti-content-body><p>${esc(explanation)}</p></qti-content-body></qti-modal-feedback>`
							: '') +
						`</qti-assessment-item>\n`
				)
			);
			const taxons = q.objectives
				.map((code) => `<imsmd:taxon><imsmd:id>${esc(code)}</imsmd:id></imsmd:taxon>`)
				.join('');
			resources.push(
				`<resource identifier="${esc(`${q.id}-${lang}`)}" type="${ITEM_TYPE}" href="${href}">` +
					`<metadata><imsmd:lom><imsmd:general><imsmd:language>${esc(lang)}</imsmd:language></imsmd:general>` +
					`<imsmd:classification><imsmd:purpose><imsmd:source>LOMv1.0</imsmd:source><imsmd:value>educational objective</imsmd:value></imsmd:purpose>` +
					`<imsmd:taxonPath><imsmd:source><imsmd:string>${OBJECTIVE_SOURCE}</imsmd:string></imsmd:source>${taxons}</imsmd:taxonPath>` +
					`</imsmd:classification></imsmd:lom></metadata><file href="${href}"/></resource>`
			);
		}
	});
	files.set(
		MANIFEST,
		encode(
			`<?xml version="1.0" encoding="UTF-8"?>\n` +
				`<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" xmlns:imsmd="http://ltsc.ieee.org/xsd/LOM" identifier="${esc(quiz.comic)}-quiz">` +
				`<metadata><schema>QTI Package</schema><schemaversion>3.0.0</schemaversion></metadata><organizations/>` +
				`<resources>${resources.join('')}</resources></manifest>\n`
		)
	);
	return { files, issues };
}

const byTag = (el: Element | Document, name: string) =>
	Array.from(el.getElementsByTagName(name)) as Element[];

/** Deep merge of what the items of one question say in each language (texts are `{ lang: text }`). */
function merge(a: unknown, b: unknown): unknown {
	if (Array.isArray(a) && Array.isArray(b)) return a.map((v, i) => merge(v, b[i]));
	if (a && b && typeof a === 'object' && typeof b === 'object') {
		const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
		for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
		return out;
	}
	return a;
}

/** The questions of a QTI 3.0 package, and what could not be read. Validate them with validateQuiz. */
export function importQti(
	files: ReadonlyMap<string, Uint8Array>,
	manifest: Pick<Manifest, 'pages'>
): { questions: Record<string, unknown>[]; issues: ContentIssue[] } {
	const issues: ContentIssue[] = [];
	const parse = (name: string) =>
		new DOMParser().parseFromString(new TextDecoder().decode(files.get(name)), 'text/xml');
	if (!files.has(MANIFEST)) {
		return {
			questions: [],
			issues: [
				contentIssue(
					MANIFEST,
					'$',
					finding('readiumBadReference', { ref: MANIFEST, detail: 'no imsmanifest.xml in the package' }),
					'error'
				)
			]
		};
	}
	const questions = new Map<string, Record<string, unknown>>();
	for (const resource of byTag(parse(MANIFEST), 'resource')) {
		const href = resource.getAttribute('href') ?? '';
		if (!/^imsqti_item_xmlv3p0$/.test(resource.getAttribute('type') ?? '')) continue;
		if (!files.has(href)) {
			issues.push(
				contentIssue(
					MANIFEST,
					href,
					finding('readiumBadReference', { ref: href, detail: 'no such item file' }),
					'error'
				)
			);
			continue;
		}
		const objectives = byTag(resource, 'imsmd:taxon').map((t) =>
			(byTag(t, 'imsmd:id')[0]?.textContent ?? '').trim()
		);
		const item = parse(href).documentElement;
		if (!item) continue;
		const id = item.getAttribute('identifier') ?? href;
		const lang = item.getAttribute('xml:lang') ?? 'fr';
		const body = byTag(item, 'qti-item-body')[0];
		const interaction = body ? byTag(body, '*').find((el) => el.tagName.endsWith('-interaction')) : undefined;
		const found =
			interaction &&
			(Object.entries(qtiCodecs) as [Question['type'], AnyCodec][]).find(([, c]) => c.claims(interaction));
		if (!interaction || !found) {
			issues.push(
				contentIssue(
					href,
					'$',
					finding('qtiUnknownItem', { id, interaction: interaction?.tagName ?? 'no interaction' }),
					'warning'
				)
			);
			continue;
		}
		const [type, codec] = found;
		const declaration =
			byTag(item, 'qti-response-declaration').find((d) => d.getAttribute('identifier') === 'RESPONSE') ??
			null;
		const prompt = (byTag(interaction, 'qti-prompt')[0]?.textContent ?? '').trim();
		const explanation = byTag(item, 'qti-modal-feedback').find(
			(f) => f.getAttribute('identifier') === 'EXPLANATION'
		);
		const read: Record<string, unknown> = {
			id,
			type,
			objectives,
			prompt: { [lang]: prompt },
			...codec.read(interaction, declaration, { manifest, lang }),
			explanation: explanation ? { [lang]: (explanation.textContent ?? '').trim() } : {}
		};
		questions.set(id, questions.has(id) ? (merge(questions.get(id), read) as Record<string, unknown>) : read);
	}
	return { questions: [...questions.values()], issues };
}
