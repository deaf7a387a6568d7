/**
 * What a printout contains, from a comic's PUBLISHED, SIGNED version (never comics/ on disk): the
 * comic's pages composed in the chosen language (render/svg-page.ts) with their panels numbered,
 * the back page (title, languages, curriculum objectives with their wording, the approval), the
 * worksheet and the answer key (domain/print/paper.ts). The print view and the PDF both lay out
 * this one model.
 */
import { letteredLanguages } from '../../domain/reader/lettering';
import { isUiLanguage, type UiLanguage } from '$lib/i18n';
import { pickText } from '../../domain/library';
import { answerKey, worksheet, type KeyEntry, type PaperExercise } from '../../domain/print/paper';
import type { PaperFormat } from '../../domain/print/booklet';
import type { QuizPayload } from '../../domain/quiz/payload';
import type { VersionDocument } from '../../domain/signing/version';
import { composePage, numberPanels, type PageScene } from '../../render/svg-page';
import { serverMessage } from '../auth/messages';
import type { LanguageInfo } from '../content/comic-folder';
import type { VersionRecord } from '../review/repositories';
import type { PrintFonts } from './fonts';

export const PRINT_PARTS = ['comic', 'worksheet', 'key'] as const;
export type PrintPart = (typeof PRINT_PARTS)[number];

/** A published version and what goes with it. */
export interface Printable {
	document: VersionDocument;
	payload: QuizPayload | null;
	version: Pick<VersionRecord, 'versionHash' | 'approvedAt'>;
	languages: readonly LanguageInfo[];
}

export interface PrintOptions {
	/** Language of the comic's text. */
	lang: string;
	format: PaperFormat;
	parts: readonly PrintPart[];
	/** Interface language of the page around the comic (instructions, labels). */
	ui: UiLanguage;
}

export interface BackPage {
	title: string;
	summary: string;
	languages: string[];
	objectives: { code: string; title: string; sample: boolean }[];
	approval: string;
	credits: string[];
	license: string;
	printed: string;
}

export type LogicalPage =
	{ kind: 'comic'; n: number; scene: PageScene; asset: string } | { kind: 'back'; back: BackPage };

export interface PrintModel {
	slug: string;
	title: string;
	/** The language the comic's text is set in. */
	lang: string;
	/** Language of the instructions and labels (the comic's language when the interface has it). */
	labelLang: UiLanguage;
	format: PaperFormat;
	parts: PrintPart[];
	/** Comic pages then the back page, in reading order (empty when the comic is not printed). */
	pages: LogicalPage[];
	/** Null when the comic has no quiz or the worksheet is not printed. */
	worksheet: PaperExercise[] | null;
	key: KeyEntry[] | null;
	/** Labels in `labelLang`, from the `print` catalog. */
	t: (key: string, values?: Record<string, string | number>) => string;
}

/** `print.<key>` in a language. */
export function printMessage(
	lang: UiLanguage,
	key: string,
	values?: Record<string, string | number>
): string {
	return serverMessage(lang, `print.${key}`, values);
}

/** The comic's languages a printout may use (those it has text for). */
export function printLanguages(document: VersionDocument): string[] {
	return document.manifest.languages.map((l) => l.tag);
}

/** Builds the model of a printout. */
export function printModel(printable: Printable, options: PrintOptions, fonts: PrintFonts): PrintModel {
	const { manifest } = printable.document;
	const ref = manifest.referenceLanguage;
	const lang = manifest.languages.some((l) => l.tag === options.lang) ? options.lang : ref;
	// Instructions in the comic's language when the interface is translated into it, else the page's.
	const labelLang: UiLanguage = isUiLanguage(lang) ? lang : options.ui;
	const t = (key: string, values?: Record<string, string | number>) => printMessage(labelLang, key, values);
	const text = (value: Record<string, string> | undefined, l = lang) => pickText(value, l, ref)?.text ?? '';
	const panelNumbers = numberPanels(manifest.pages);
	const parts = PRINT_PARTS.filter((p) => options.parts.includes(p));

	const pages: LogicalPage[] = [];
	if (parts.includes('comic')) {
		manifest.pages.forEach((page, i) => {
			pages.push({
				kind: 'comic',
				n: i + 1,
				asset: page.image,
				scene: composePage(page, {
					lang,
					fallback: ref,
					measure: fonts.measure,
					image: page.image,
					panelNumbers,
					grayscale: true,
					lettered: letteredLanguages(manifest, page)
				})
			});
		});
		const names = new Map(printable.languages.map((l) => [l.tag, l]));
		const languageName = (tag: string) => {
			const info = names.get(tag);
			if (!info) return tag;
			const local = info.name[labelLang] ?? info.nativeName;
			return local === info.nativeName ? local : `${info.nativeName} (${local})`;
		};
		const approvedAt = printable.version.approvedAt?.slice(0, 10) ?? '—';
		pages.push({
			kind: 'back',
			back: {
				title: text(manifest.title),
				summary: text(manifest.summary),
				languages: manifest.languages.map((l) => languageName(l.tag)),
				objectives: manifest.objectives.map((code) => {
					const o = printable.payload?.objectives[code];
					return {
						code,
						title: o ? text(o.title) : '',
						sample: o ? !o.official : code.startsWith('SMP-')
					};
				}),
				approval: t('back.approval', {
					version: printable.version.versionHash.slice(0, 12),
					date: approvedAt
				}),
				credits: manifest.credits.map(
					(c) =>
						`${t(`back.role.${c.role}`)}${c.language ? ` (${languageName(c.language)})` : ''} — ${c.name}`
				),
				license: t('back.license', { license: manifest.license }),
				printed: t('back.printed', { language: languageName(lang) })
			}
		});
	}
	const quiz = printable.payload?.quiz ?? null;
	const ctx = {
		manifest,
		lang,
		t: (key: string, values?: Record<string, string | number>) => t(`paper.${key}`, values),
		panelNumbers
	};
	return {
		slug: manifest.id,
		title: text(manifest.title),
		lang,
		labelLang,
		format: options.format,
		parts,
		pages,
		worksheet: quiz && parts.includes('worksheet') ? worksheet(quiz.questions, ctx) : null,
		key: quiz && parts.includes('key') ? answerKey(quiz.questions, ctx) : null,
		t
	};
}
