/**
 * IMS QTI 3.0 for every question type (issue 20): one codec per type, keyed by the registry's type
 * names, so a new type does not compile until it says how it is written as a QTI item and read back.
 *
 * A QTI item holds one language (`xml:lang`): a question is written once per language and read
 * back by merging the items of the same identifier. Mapping:
 * - single, multiple, true-false → `qti-choice-interaction` (true-false: choices `true`/`false`);
 * - ordering → `qti-order-interaction` (a panel item is an `<img>` of its region, `#xywh=`);
 * - matching → `qti-match-interaction` (`directedPair` L-<pair> → R-<pair>);
 * - find → `qti-select-point-interaction` on the page image, targets as `qti-area-map-entry` rects.
 * The prompt is `qti-prompt`, the explanation a `qti-modal-feedback`. Objective codes go in the
 * item's metadata in imsmanifest.xml (src/lib/server/interop/qti.ts). Not carried: narration clips
 * and evidence (Kalanso-only; the export names them).
 */
import type { Manifest, Region } from '../../manifest/schema';
import type { Question, QuestionType } from './index';

/** A parsed QTI element (the W3C DOM interface; @xmldom/xmldom provides it on the server). */
export type QtiElement = Element;

export interface QtiContext {
	manifest: Pick<Manifest, 'pages'>;
	lang: string;
}

/** What an item gives back in one language: the type's own fields, texts in `lang` only. */
export type QtiRead = Record<string, unknown>;

export interface QtiCodec<Q> {
	/** The interaction and its response declaration, for one language. */
	write(q: Q, ctx: QtiContext): { declaration: string; interaction: string };
	/** Whether an item's interaction is this type's (the first codec that claims it reads it). */
	claims(interaction: QtiElement): boolean;
	/** The question's type-specific fields from the item (texts as `{ [lang]: text }`). */
	read(interaction: QtiElement, declaration: QtiElement | null, ctx: QtiContext): QtiRead;
}

export const esc = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const children = (el: Element, name: string): Element[] =>
	Array.from(el.getElementsByTagName(name)) as Element[];
const textOf = (el: Element | undefined | null) => (el?.textContent ?? '').trim();
const correctValues = (decl: Element | null) =>
	decl ? children(decl, 'qti-value').map((v) => textOf(v)) : [];
const t = (record: Record<string, string> | undefined, lang: string) => esc(record?.[lang] ?? '');

function declaration(cardinality: string, baseType: string, values: string[], extra = ''): string {
	return (
		`<qti-response-declaration identifier="RESPONSE" cardinality="${cardinality}" base-type="${baseType}">` +
		(values.length
			? `<qti-correct-response>${values.map((v) => `<qti-value>${esc(v)}</qti-value>`).join('')}</qti-correct-response>`
			: '') +
		`${extra}</qti-response-declaration>`
	);
}

function choices(el: Element, lang: string) {
	return children(el, 'qti-simple-choice').map((c) => ({
		id: c.getAttribute('identifier') ?? '',
		text: { [lang]: textOf(c) }
	}));
}

const panelImage = (manifest: Pick<Manifest, 'pages'>, panelId: string) => {
	for (const page of manifest.pages) {
		const panel = page.panels.find((p) => p.id === panelId);
		if (panel) {
			const r = panel.region;
			return { page, src: `${page.image}#xywh=${r.x},${r.y},${r.w},${r.h}`, region: r };
		}
	}
	return null;
};

/** The panel whose page image and region a `src#xywh=` reference names. */
function panelAt(manifest: Pick<Manifest, 'pages'>, ref: string): string | null {
	const match = /^(.+)#xywh=(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(ref);
	if (!match) return null;
	const [x, y, w, h] = match.slice(2).map(Number);
	for (const page of manifest.pages) {
		if (page.image !== match[1]) continue;
		const panel = page.panels.find(
			(p) => p.region.x === x && p.region.y === y && p.region.w === w && p.region.h === h
		);
		if (panel) return panel.id;
	}
	return null;
}

const sameRegion = (a: Region, b: Region) => a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

type Q<T extends QuestionType> = Extract<Question, { type: T }>;

/** Every question type's QTI codec, by type name (the registry's keys: none may be missing). */
export const qtiCodecs: { [T in QuestionType]: QtiCodec<Q<T>> } = {
	single: {
		write: (q, { lang }) => ({
			declaration: declaration('single', 'identifier', [q.answer]),
			interaction:
				`<qti-choice-interaction response-identifier="RESPONSE" max-choices="1">` +
				q.options
					.map((o) => `<qti-simple-choice identifier="${esc(o.id)}">${t(o.text, lang)}</qti-simple-choice>`)
					.join('') +
				`</qti-choice-interaction>`
		}),
		claims: (el) =>
			el.tagName === 'qti-choice-interaction' && el.getAttribute('max-choices') === '1' && !isTrueFalse(el),
		read: (el, decl, { lang }) => ({ options: choices(el, lang), answer: correctValues(decl)[0] ?? '' })
	},
	multiple: {
		write: (q, { lang }) => ({
			declaration: declaration('multiple', 'identifier', q.answers),
			interaction:
				`<qti-choice-interaction response-identifier="RESPONSE" max-choices="0">` +
				q.options
					.map((o) => `<qti-simple-choice identifier="${esc(o.id)}">${t(o.text, lang)}</qti-simple-choice>`)
					.join('') +
				`</qti-choice-interaction>`
		}),
		claims: (el) => el.tagName === 'qti-choice-interaction' && el.getAttribute('max-choices') !== '1',
		read: (el, decl, { lang }) => ({ options: choices(el, lang), answers: correctValues(decl) })
	},
	'true-false': {
		write: (q, { lang }) => ({
			declaration: declaration('single', 'identifier', [String(q.answer)]),
			interaction:
				`<qti-choice-interaction response-identifier="RESPONSE" max-choices="1">` +
				`<qti-simple-choice identifier="true">${lang === 'fr' ? 'Vrai' : 'True'}</qti-simple-choice>` +
				`<qti-simple-choice identifier="false">${lang === 'fr' ? 'Faux' : 'False'}</qti-simple-choice>` +
				`</qti-choice-interaction>`
		}),
		claims: (el) => el.tagName === 'qti-choice-interaction' && isTrueFalse(el),
		read: (_el, decl) => ({ answer: correctValues(decl)[0] === 'true' })
	},
	ordering: {
		write: (q, ctx) => ({
			declaration: declaration(
				'ordered',
				'identifier',
				q.items.map((i) => i.id)
			),
			interaction:
				`<qti-order-interaction response-identifier="RESPONSE" shuffle="true">` +
				q.items
					.map((item) => {
						if ('text' in item)
							return `<qti-simple-choice identifier="${esc(item.id)}">${t(item.text, ctx.lang)}</qti-simple-choice>`;
						const image = panelImage(ctx.manifest, item.panel);
						return `<qti-simple-choice identifier="${esc(item.id)}"><img src="${esc(image?.src ?? item.panel)}" alt="${esc(item.panel)}"/></qti-simple-choice>`;
					})
					.join('') +
				`</qti-order-interaction>`
		}),
		claims: (el) => el.tagName === 'qti-order-interaction',
		read: (el, decl, ctx) => {
			const byId = new Map(
				children(el, 'qti-simple-choice').map((c) => {
					const id = c.getAttribute('identifier') ?? '';
					const img = children(c, 'img')[0];
					const panel = img
						? (panelAt(ctx.manifest, img.getAttribute('src') ?? '') ?? img.getAttribute('alt') ?? '')
						: null;
					return [id, panel ? { id, panel } : { id, text: { [ctx.lang]: textOf(c) } }] as const;
				})
			);
			return { items: correctValues(decl).map((id) => byId.get(id) ?? { id, text: {} }) };
		}
	},
	matching: {
		write: (q, { lang }) => ({
			declaration: declaration(
				'multiple',
				'directedPair',
				q.pairs.map((p) => `L-${p.id} R-${p.id}`)
			),
			interaction:
				`<qti-match-interaction response-identifier="RESPONSE" max-associations="${q.pairs.length}" shuffle="true">` +
				`<qti-simple-match-set>${q.pairs.map((p) => `<qti-simple-associable-choice identifier="L-${esc(p.id)}" match-max="1">${t(p.left, lang)}</qti-simple-associable-choice>`).join('')}</qti-simple-match-set>` +
				`<qti-simple-match-set>${q.pairs.map((p) => `<qti-simple-associable-choice identifier="R-${esc(p.id)}" match-max="1">${t(p.right, lang)}</qti-simple-associable-choice>`).join('')}</qti-simple-match-set>` +
				`</qti-match-interaction>`
		}),
		claims: (el) => el.tagName === 'qti-match-interaction',
		read: (el, decl, { lang }) => {
			const [left, right] = children(el, 'qti-simple-match-set');
			const text = (set: Element | undefined) =>
				new Map(
					(set ? children(set, 'qti-simple-associable-choice') : []).map((c) => [
						c.getAttribute('identifier') ?? '',
						textOf(c)
					])
				);
			const lefts = text(left);
			const rights = text(right);
			return {
				pairs: correctValues(decl).map((pair) => {
					const [l = '', r = ''] = pair.split(/\s+/);
					return {
						id: l.replace(/^L-/, ''),
						left: { [lang]: lefts.get(l) ?? '' },
						right: { [lang]: rights.get(r) ?? '' }
					};
				})
			};
		}
	},
	find: {
		write: (q, ctx) => {
			const page = ctx.manifest.pages.find((p) => p.id === q.page);
			const regions = q.targets.map((target) =>
				'region' in target ? target.region : panelImage(ctx.manifest, target.panel)?.region
			);
			const entries = regions
				.filter((r): r is Region => !!r)
				.map(
					(r) =>
						`<qti-area-map-entry shape="rect" coords="${r.x},${r.y},${r.x + r.w},${r.y + r.h}" mapped-value="1"/>`
				)
				.join('');
			return {
				declaration: declaration(
					'single',
					'point',
					[],
					`<qti-area-mapping default-value="0">${entries}</qti-area-mapping>`
				),
				interaction:
					`<qti-select-point-interaction response-identifier="RESPONSE" max-choices="1">` +
					`<img src="${esc(page?.image ?? q.page)}" width="${page?.width ?? 0}" height="${page?.height ?? 0}" alt="${esc(q.page)}"/>` +
					`</qti-select-point-interaction>`
			};
		},
		claims: (el) => el.tagName === 'qti-select-point-interaction',
		read: (el, decl, ctx) => {
			const src = children(el, 'img')[0]?.getAttribute('src') ?? '';
			const page = ctx.manifest.pages.find((p) => p.image === src);
			const targets = (decl ? children(decl, 'qti-area-map-entry') : []).map((entry) => {
				const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = (entry.getAttribute('coords') ?? '').split(',').map(Number);
				const region = { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
				const panel = page?.panels.find((p) => sameRegion(p.region, region));
				return panel ? { panel: panel.id } : { region };
			});
			return { page: page?.id ?? src, targets };
		}
	}
};

function isTrueFalse(el: Element): boolean {
	const ids = children(el, 'qti-simple-choice').map((c) => c.getAttribute('identifier'));
	return ids.length === 2 && ids.includes('true') && ids.includes('false');
}
