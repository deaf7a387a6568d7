/**
 * "What changed since the version I last reviewed": two versions compared by page, panel and bubble
 * id (ids are stable across versions; positions are not), per language, plus comic-level fields and
 * asset files (by hash, so a redrawn page shows even when the manifest is the same).
 */
import type { Bubble, Manifest, Panel } from '../manifest/schema';
import { canonicalJson } from '../signing/canonical';

export interface Change {
	/** What changed: the comic's own fields, a page, a panel, a bubble, narration or an asset file. */
	scope: 'comic' | 'page' | 'panel' | 'bubble' | 'narration' | 'asset';
	/** Page/panel/bubble id, language tag (narration), asset path, or field name (comic). */
	id: string;
	change: 'added' | 'removed' | 'changed';
	/** The fields that changed (e.g. `text`, `shape`, `region`). */
	fields?: string[];
	/** Languages whose text changed, when text changed. */
	languages?: string[];
	/** Old and new text per changed language, for bubbles and panel descriptions. */
	texts?: Record<string, { before?: string; after?: string }>;
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function textChanges(before: Record<string, string> = {}, after: Record<string, string> = {}) {
	const texts: NonNullable<Change['texts']> = {};
	for (const tag of new Set([...Object.keys(before), ...Object.keys(after)])) {
		if (before[tag] !== after[tag]) texts[tag] = { before: before[tag], after: after[tag] };
	}
	return texts;
}

function fieldsChanged<T extends object>(a: T, b: T, skip: readonly string[] = []): string[] {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
	return [...keys]
		.filter(
			(k) => !skip.includes(k) && !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
		)
		.sort();
}

export function diffVersions(
	before: { manifest: Manifest; assets?: Record<string, string> },
	after: { manifest: Manifest; assets?: Record<string, string> }
): Change[] {
	const changes: Change[] = [];
	const a = before.manifest;
	const b = after.manifest;

	for (const field of fieldsChanged(a, b, ['pages', 'narration'])) {
		changes.push({ scope: 'comic', id: field, change: 'changed', fields: [field] });
	}

	const pagesA = new Map(a.pages.map((p) => [p.id, p]));
	const pagesB = new Map(b.pages.map((p) => [p.id, p]));
	for (const [id, page] of pagesB) {
		const old = pagesA.get(id);
		if (!old) changes.push({ scope: 'page', id, change: 'added' });
		else {
			const fields = fieldsChanged(old, page, ['panels']);
			if (fields.length) changes.push({ scope: 'page', id, change: 'changed', fields });
		}
	}
	for (const id of pagesA.keys()) if (!pagesB.has(id)) changes.push({ scope: 'page', id, change: 'removed' });

	const panelsA = new Map(a.pages.flatMap((p) => p.panels).map((p) => [p.id, p]));
	const panelsB = new Map(b.pages.flatMap((p) => p.panels).map((p) => [p.id, p]));
	for (const [id, panel] of panelsB) {
		const old = panelsA.get(id);
		if (!old) changes.push({ scope: 'panel', id, change: 'added' });
		else changes.push(...panelChange(old, panel));
	}
	for (const id of panelsA.keys())
		if (!panelsB.has(id)) changes.push({ scope: 'panel', id, change: 'removed' });

	const bubblesA = new Map([...panelsA.values()].flatMap((p) => p.bubbles).map((x) => [x.id, x]));
	const bubblesB = new Map([...panelsB.values()].flatMap((p) => p.bubbles).map((x) => [x.id, x]));
	for (const [id, bubble] of bubblesB) {
		const old = bubblesA.get(id);
		if (!old) changes.push({ scope: 'bubble', id, change: 'added', texts: textChanges({}, bubble.text) });
		else changes.push(...bubbleChange(old, bubble));
	}
	for (const [id, bubble] of bubblesA) {
		if (!bubblesB.has(id))
			changes.push({ scope: 'bubble', id, change: 'removed', texts: textChanges(bubble.text, {}) });
	}

	const narrA = a.narration ?? {};
	const narrB = b.narration ?? {};
	for (const tag of new Set([...Object.keys(narrA), ...Object.keys(narrB)])) {
		const x = narrA[tag];
		const y = narrB[tag];
		if (!x) changes.push({ scope: 'narration', id: tag, change: 'added' });
		else if (!y) changes.push({ scope: 'narration', id: tag, change: 'removed' });
		else {
			const fields = fieldsChanged(x, y);
			if (fields.length) changes.push({ scope: 'narration', id: tag, change: 'changed', fields });
		}
	}

	const assetsA = before.assets ?? {};
	const assetsB = after.assets ?? {};
	for (const path of new Set([...Object.keys(assetsA), ...Object.keys(assetsB)])) {
		if (!(path in assetsA)) changes.push({ scope: 'asset', id: path, change: 'added' });
		else if (!(path in assetsB)) changes.push({ scope: 'asset', id: path, change: 'removed' });
		else if (assetsA[path] !== assetsB[path]) changes.push({ scope: 'asset', id: path, change: 'changed' });
	}
	return changes;
}

function panelChange(a: Panel, b: Panel): Change[] {
	const fields = fieldsChanged(a, b, ['bubbles']);
	// Bubble order is part of the panel (reading order); bubble content is reported per bubble.
	if (
		!same(
			a.bubbles.map((x) => x.id),
			b.bubbles.map((x) => x.id)
		)
	)
		fields.push('bubbleOrder');
	if (!fields.length) return [];
	const texts = textChanges(a.description, b.description);
	return [
		{
			scope: 'panel',
			id: b.id,
			change: 'changed',
			fields,
			...(Object.keys(texts).length ? { languages: Object.keys(texts).sort(), texts } : {})
		}
	];
}

function bubbleChange(a: Bubble, b: Bubble): Change[] {
	const fields = fieldsChanged(a, b);
	if (!fields.length) return [];
	const texts = textChanges(a.text, b.text);
	return [
		{
			scope: 'bubble',
			id: b.id,
			change: 'changed',
			fields,
			...(Object.keys(texts).length ? { languages: Object.keys(texts).sort(), texts } : {})
		}
	];
}
