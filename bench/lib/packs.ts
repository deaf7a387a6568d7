/**
 * Pack bytes per page, per narration language. From the server's pack manifests (`/packs/<slug>`,
 * engineer "offline": every file with its size, narration files tagged with their language) when
 * the server offers them; else from the comic folders (page art from comic.json, audio files under
 * audio/<lang>/, one figure per audio format since a tablet downloads one format).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { packBytesPerPage, type PackPageFigure } from '../../src/lib/domain/bench-stats';

export interface PackFigures {
	source: 'pack manifests' | 'comic folders';
	figures: PackPageFigure[];
	/**
	 * From the pack manifests: each language's audio bytes by file format, and the bytes per page
	 * if the pack carried only the smallest format (a tablet plays one).
	 */
	byFormat: {
		comic: string;
		language: string;
		audioBytesByFormat: Record<string, number>;
		oneFormatBytesPerPage: number;
	}[];
}

/** The language column of a comic that has no narration yet: its figure is the art alone. */
const NO_NARRATION = 'no narration yet';

interface PackFileEntry {
	path: string;
	size: number;
	language?: string;
}

function pageCount(comicsRoot: string, slug: string): number {
	const manifest = JSON.parse(readFileSync(path.join(comicsRoot, slug, 'comic.json'), 'utf8')) as {
		pages: { image: string }[];
	};
	return manifest.pages.length;
}

type ByFormat = PackFigures['byFormat'];

async function fromPackManifests(
	baseUrl: string,
	comicsRoot: string,
	slugs: string[]
): Promise<{ figures: PackPageFigure[]; byFormat: ByFormat } | null> {
	const figures: PackPageFigure[] = [];
	const byFormat: ByFormat = [];
	for (const slug of slugs) {
		const response = await fetch(`${baseUrl}/packs/${encodeURIComponent(slug)}`);
		if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return null;
		const pack = (await response.json()) as { format?: string; files?: PackFileEntry[] };
		if (pack.format !== 'kalanso-pack' || !Array.isArray(pack.files)) return null;
		const core = pack.files.filter((f) => !f.language).reduce((a, f) => a + f.size, 0);
		const audio: Record<string, number> = {};
		const formats: Record<string, Record<string, number>> = {};
		for (const f of pack.files) {
			if (!f.language) continue;
			audio[f.language] = (audio[f.language] ?? 0) + f.size;
			const ext = path.extname(f.path).slice(1) || 'audio';
			const perLanguage = (formats[f.language] ??= {});
			perLanguage[ext] = (perLanguage[ext] ?? 0) + f.size;
		}
		const pages = pageCount(comicsRoot, slug);
		for (const [language, audioBytesByFormat] of Object.entries(formats).sort()) {
			const smallest = Math.min(...Object.values(audioBytesByFormat));
			byFormat.push({
				comic: slug,
				language,
				audioBytesByFormat,
				oneFormatBytesPerPage: Math.round((core + smallest) / pages)
			});
		}
		figures.push(
			...packBytesPerPage(
				slug,
				pageCount(comicsRoot, slug),
				core,
				Object.keys(audio).length ? audio : { [NO_NARRATION]: 0 }
			)
		);
	}
	return { figures, byFormat };
}

function filesUnder(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
		d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]
	);
}

function fromFolders(comicsRoot: string, slugs: string[]): PackPageFigure[] {
	const figures: PackPageFigure[] = [];
	for (const slug of slugs) {
		const dir = path.join(comicsRoot, slug);
		const manifest = JSON.parse(readFileSync(path.join(dir, 'comic.json'), 'utf8')) as {
			pages: { image: string }[];
		};
		const art = manifest.pages.reduce((a, p) => a + statSync(path.join(dir, p.image)).size, 0);
		const audio: Record<string, number> = {};
		const audioDir = path.join(dir, 'audio');
		for (const lang of existsSync(audioDir) ? readdirSync(audioDir) : []) {
			for (const file of filesUnder(path.join(audioDir, lang))) {
				const key = `${lang} (${path.extname(file).slice(1) || 'audio'})`;
				audio[key] = (audio[key] ?? 0) + statSync(file).size;
			}
		}
		figures.push(
			...packBytesPerPage(
				slug,
				manifest.pages.length,
				art,
				Object.keys(audio).length ? audio : { [NO_NARRATION]: 0 }
			)
		);
	}
	return figures;
}

export async function measurePacks(
	baseUrl: string,
	comicsRoot: string,
	slugs: string[]
): Promise<PackFigures> {
	const packs = await fromPackManifests(baseUrl, comicsRoot, slugs);
	if (packs) return { source: 'pack manifests', ...packs };
	return { source: 'comic folders', figures: fromFolders(comicsRoot, slugs), byFormat: [] };
}
