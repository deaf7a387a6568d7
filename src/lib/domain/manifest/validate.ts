/**
 * Whole-manifest validation: the schema first, then the rules that need the whole comic at once.
 * Pure: the caller supplies what it learned from the file system (which images exist and their
 * size) and the known languages and curriculum objectives.
 */
import { finding, type Finding } from './findings';
import { contentIssue, jsonPath, type ContentIssue } from './issues';
import { migrateManifest, MigrationError } from './migrate';
import { manifestSchema, type Manifest, type Region } from './schema';
import { zodFinding } from './zod-finding';
import { letteredLanguages } from '../reader/lettering';

/** What the caller found for one referenced asset file. */
export type AssetProbe =
	| { kind: 'image'; width: number; height: number }
	| { kind: 'audio'; durationSec: number }
	| { kind: 'missing' }
	/** `reported`: the caller already reported why (an upload's own check), so it is not said twice. */
	| { kind: 'unreadable'; reason: string; reported?: boolean };

export interface ValidationContext {
	/** Manifest file name, for the messages (default "comic.json"). */
	file?: string;
	/** Language tags Kalanso knows (from comics/languages.json). */
	knownLanguages: ReadonlySet<string>;
	/** Objective codes of the curriculum; when absent, objective codes are not checked. */
	knownObjectives?: ReadonlySet<string>;
	/** Asset probes by path relative to the comic folder. */
	assets: ReadonlyMap<string, AssetProbe>;
	/** Extra checks that run on a structurally valid manifest (narration, text fitting…); they get the asset probes too. */
	extraChecks?: ReadonlyArray<
		(manifest: Manifest, report: Reporter, assets: ReadonlyMap<string, AssetProbe>) => void
	>;
}

export type Reporter = (path: PropertyKey[], found: Finding, severity?: 'error' | 'warning') => void;

export interface ValidationResult {
	manifest: Manifest | null;
	issues: ContentIssue[];
}

/** The asset paths a raw manifest refers to, so the caller can probe them before validating. */
export function referencedAssets(raw: unknown): { images: string[]; audio: string[] } {
	const images = new Set<string>();
	const audio = new Set<string>();
	const m = raw as Partial<Manifest> | null;
	if (m && Array.isArray(m.pages)) {
		for (const page of m.pages) if (page && typeof page.image === 'string') images.add(page.image);
	}
	if (m && typeof m.cover === 'string') images.add(m.cover);
	if (m && m.narration && typeof m.narration === 'object') {
		for (const narration of Object.values(m.narration)) {
			for (const file of narration?.audio ?? []) {
				for (const source of file?.sources ?? []) if (typeof source?.src === 'string') audio.add(source.src);
			}
		}
	}
	return { images: [...images], audio: [...audio] };
}

function inside(region: Region, width: number, height: number): boolean {
	return region.x >= 0 && region.y >= 0 && region.x + region.w <= width && region.y + region.h <= height;
}

/** Validates a parsed manifest (any schema version) and returns the migrated manifest or the issues. */
export function validateManifest(raw: unknown, ctx: ValidationContext): ValidationResult {
	const file = ctx.file ?? 'comic.json';
	const issues: ContentIssue[] = [];
	const report: Reporter = (path, found, severity = 'error') =>
		issues.push(contentIssue(file, jsonPath(path), found, severity));

	let migrated: unknown;
	try {
		migrated = migrateManifest(raw);
	} catch (error) {
		if (error instanceof MigrationError) {
			report(['schemaVersion'], error.finding);
			return { manifest: null, issues };
		}
		throw error;
	}

	const parsed = manifestSchema.safeParse(migrated, { reportInput: true });
	if (!parsed.success) {
		for (const issue of parsed.error.issues) report(issue.path, zodFinding(issue));
		return { manifest: null, issues };
	}
	const manifest = parsed.data;
	checkLanguages(manifest, ctx, report);
	checkIds(manifest, report);
	checkGeometry(manifest, report);
	checkLettering(manifest, report);
	checkAssets(manifest, ctx, report);
	checkText(manifest, report);
	checkObjectives(manifest, ctx, report);
	for (const check of ctx.extraChecks ?? []) check(manifest, report, ctx.assets);
	const hasError = issues.some((i) => i.severity === 'error');
	return { manifest: hasError ? null : manifest, issues };
}

function checkLanguages(m: Manifest, ctx: ValidationContext, report: Reporter): void {
	const declared = new Set<string>();
	m.languages.forEach((lang, i) => {
		if (!ctx.knownLanguages.has(lang.tag)) {
			report(['languages', i, 'tag'], finding('unknownLanguage', { tag: lang.tag }));
		}
		if (declared.has(lang.tag)) report(['languages', i, 'tag'], finding('languageTwice', { tag: lang.tag }));
		declared.add(lang.tag);
	});
	if (!declared.has(m.referenceLanguage)) {
		report(['referenceLanguage'], finding('referenceNotDeclared', { tag: m.referenceLanguage }));
	} else if (m.languages.find((l) => l.tag === m.referenceLanguage)?.status !== 'complete') {
		report(['referenceLanguage'], finding('referenceNotComplete', { tag: m.referenceLanguage }));
	}
	// Every text key must be a declared language: a typo ("fra") would otherwise hide silently.
	forEachText(m, (path, tag) => {
		if (!ctx.knownLanguages.has(tag)) report(path, finding('unknownLanguage', { tag }));
		else if (!declared.has(tag)) report(path, finding('textUndeclaredLanguage', { tag }));
	});
	// A per-bubble status or shape in a language the comic does not declare is the same typo.
	m.pages.forEach((page, p) =>
		page.panels.forEach((panel, q) =>
			panel.bubbles.forEach((bubble, b) => {
				for (const field of ['textStatus', 'shapeByLanguage'] as const) {
					for (const tag of Object.keys(bubble[field] ?? {})) {
						if (!declared.has(tag)) {
							report(
								['pages', p, 'panels', q, 'bubbles', b, field, tag],
								finding('textUndeclaredLanguage', { tag })
							);
						}
					}
				}
			})
		)
	);
	for (const tag of Object.keys(m.narration ?? {})) {
		if (!declared.has(tag)) report(['narration', tag], finding('narrationUndeclaredLanguage', { tag }));
	}
}

/** Calls back with the path and language of every localized text (keys included, values not needed). */
function forEachText(m: Manifest, visit: (path: PropertyKey[], tag: string, text: string) => void): void {
	const each = (record: Record<string, string> | undefined, path: PropertyKey[]) => {
		for (const [tag, text] of Object.entries(record ?? {})) visit([...path, tag], tag, text);
	};
	each(m.title, ['title']);
	each(m.summary, ['summary']);
	m.characters.forEach((c, i) => {
		each(c.name, ['characters', i, 'name']);
		each(c.about, ['characters', i, 'about']);
	});
	m.pages.forEach((page, p) =>
		page.panels.forEach((panel, q) => {
			each(panel.description, ['pages', p, 'panels', q, 'description']);
			panel.bubbles.forEach((bubble, b) =>
				each(bubble.text, ['pages', p, 'panels', q, 'bubbles', b, 'text'])
			);
		})
	);
}

function checkIds(m: Manifest, report: Reporter): void {
	// Pages, panels and bubbles share one id space: narration clips and review comments point at them.
	const seen = new Map<string, string>();
	const claim = (id: string, path: PropertyKey[]) => {
		const first = seen.get(id);
		if (first) report(path, finding('duplicateId', { id, first }));
		else seen.set(id, jsonPath(path));
	};
	m.pages.forEach((page, p) => {
		claim(page.id, ['pages', p, 'id']);
		page.panels.forEach((panel, q) => {
			claim(panel.id, ['pages', p, 'panels', q, 'id']);
			panel.bubbles.forEach((bubble, b) => claim(bubble.id, ['pages', p, 'panels', q, 'bubbles', b, 'id']));
		});
	});
	const characters = new Set<string>();
	m.characters.forEach((c, i) => {
		if (characters.has(c.id)) report(['characters', i, 'id'], finding('duplicateCharacter', { id: c.id }));
		characters.add(c.id);
	});
	m.pages.forEach((page, p) =>
		page.panels.forEach((panel, q) =>
			panel.bubbles.forEach((bubble, b) => {
				if (bubble.character && !characters.has(bubble.character)) {
					report(
						['pages', p, 'panels', q, 'bubbles', b, 'character'],
						finding('unknownCharacter', { id: bubble.character })
					);
				}
			})
		)
	);
}

function checkGeometry(m: Manifest, report: Reporter): void {
	const outside = (r: Region, width: number, height: number) =>
		finding('regionOutside', { x: r.x, y: r.y, w: r.w, h: r.h, width, height });
	m.pages.forEach((page, p) => {
		page.panels.forEach((panel, q) => {
			const base = ['pages', p, 'panels', q];
			if (!inside(panel.region, page.width, page.height)) {
				report([...base, 'region'], outside(panel.region, page.width, page.height));
			}
			panel.bubbles.forEach((bubble, b) => {
				const bb = [...base, 'bubbles', b];
				if (bubble.shape && !inside(bubble.shape.region, page.width, page.height)) {
					report([...bb, 'shape', 'region'], outside(bubble.shape.region, page.width, page.height));
				}
				for (const [tag, shape] of Object.entries(bubble.shapeByLanguage ?? {})) {
					if (!inside(shape.region, page.width, page.height)) {
						report([...bb, 'shapeByLanguage', tag, 'region'], outside(shape.region, page.width, page.height));
					}
				}
				const t = bubble.tail;
				if (t && (t.x < 0 || t.y < 0 || t.x > page.width || t.y > page.height)) {
					report(
						[...bb, 'tail'],
						finding('tailOutside', { x: t.x, y: t.y, width: page.width, height: page.height })
					);
				}
			});
		});
	});
}

/**
 * Text in the art (domain/reader/lettering.ts): a bubble may lack a shape only on a page whose art
 * carries text; in a language the art does not carry, such a bubble is read but not drawn (warned).
 */
function checkLettering(m: Manifest, report: Reporter): void {
	const declared = new Set(m.languages.map((l) => l.tag));
	m.pages.forEach((page, p) => {
		(page.textInArt ?? []).forEach((tag, i) => {
			if (!declared.has(tag)) report(['pages', p, 'textInArt', i], finding('textInArtUndeclared', { tag }));
		});
		const lettered = letteredLanguages(m, page);
		page.panels.forEach((panel, q) =>
			panel.bubbles.forEach((bubble, b) => {
				const bb = ['pages', p, 'panels', q, 'bubbles', b];
				if (bubble.shape) return;
				if (lettered.length === 0)
					return report([...bb, 'shape'], finding('bubbleNeedsShape', { bubble: bubble.id }));
				for (const tag of Object.keys(bubble.text)) {
					if (!lettered.includes(tag) && !bubble.shapeByLanguage?.[tag]) {
						report(
							[...bb, 'text', tag],
							finding('translationNotDrawn', { bubble: bubble.id, tag }),
							'warning'
						);
					}
				}
			})
		);
	});
}

function checkAssets(m: Manifest, ctx: ValidationContext, report: Reporter): void {
	const checkImage = (path: PropertyKey[], src: string, expect?: { width: number; height: number }) => {
		const probe = ctx.assets.get(src);
		if (!probe || probe.kind === 'missing') return report(path, finding('imageMissing', { src }));
		if (probe.kind === 'unreadable') {
			if (!probe.reported) report(path, finding('imageUnreadable', { src, detail: probe.reason }));
			return;
		}
		if (probe.kind !== 'image') return report(path, finding('notAnImage', { src }));
		if (expect && (probe.width !== expect.width || probe.height !== expect.height)) {
			report(
				path,
				finding('imageWrongSize', {
					src,
					width: probe.width,
					height: probe.height,
					pageWidth: expect.width,
					pageHeight: expect.height
				})
			);
		}
	};
	m.pages.forEach((page, p) => checkImage(['pages', p, 'image'], page.image, page));
	if (m.cover) checkImage(['cover'], m.cover);
}

function checkText(m: Manifest, report: Reporter): void {
	forEachText(m, (path, _tag, text) => {
		if (text !== text.normalize('NFC')) {
			report(path, finding('notNfc'));
		}
		if (text.trim() !== text) report(path, finding('untrimmed'), 'warning');
	});
	for (const lang of m.languages) {
		if (lang.status !== 'complete') continue;
		const tag = lang.tag;
		const need = (record: Record<string, string> | undefined, path: PropertyKey[], missing: Finding) => {
			if (!record?.[tag]) report(path, missing);
		};
		need(m.title, ['title'], finding('completeMissingTitle', { tag }));
		need(m.summary, ['summary'], finding('completeMissingSummary', { tag }));
		m.pages.forEach((page, p) =>
			page.panels.forEach((panel, q) => {
				need(
					panel.description,
					['pages', p, 'panels', q, 'description'],
					finding('completeMissingDescription', { tag, panel: panel.id })
				);
				panel.bubbles.forEach((bubble, b) =>
					need(
						bubble.text,
						['pages', p, 'panels', q, 'bubbles', b, 'text'],
						finding('completeMissingBubble', { tag, bubble: bubble.id })
					)
				);
			})
		);
	}
}

function checkObjectives(m: Manifest, ctx: ValidationContext, report: Reporter): void {
	if (!ctx.knownObjectives) return;
	m.objectives.forEach((code, i) => {
		if (!ctx.knownObjectives!.has(code)) report(['objectives', i], finding('unknownObjective', { code }));
	});
}
