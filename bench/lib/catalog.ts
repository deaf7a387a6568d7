/**
 * The 2,000-comic catalog of issue 19, generated (never committed): the three sample comics cloned
 * under new slugs, titles, summaries, grades, themes and objectives, into a temporary comics folder.
 * Clones share the samples' art and audio through hard links (a few MB on disk for the whole
 * catalog). Each clone's version hash is computed from the sample's prepared version (same asset
 * hashes, changed manifest), checked once per sample against a real `prepareFromFolder`, and written
 * to a file for `KALANSO_KNOWN_SAMPLES_FILE`, so a bench or test server publishes the whole catalog
 * at start-up like the bundled samples.
 *
 *     npx tsx bench/lib/catalog.ts 2000 /tmp/catalog   # prints the folder and the hashes file
 */
import { copyFile, link, mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadLanguages } from '../../src/lib/server/content/comic-folder';
import { contentChecks } from '../../src/lib/server/content/checks';
import { prepareFromFolder } from '../../src/lib/server/store/prepare';
import { buildVersionDocument, versionHashOf } from '../../src/lib/domain/signing/version';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import { sha256Hex } from '../../src/lib/domain/signing/hash';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLES = ['awa-et-le-cgs', 'le-robinet-de-sikoro', 'trente-jours'];
/** Shared data of the comics folder, copied as is. */
const SHARED = ['languages.json', 'cast.json', 'curriculum'];

// Words with and without accents, so "ecole" must find "École" (issue 19).
const SUBJECTS = [
	{ fr: "L'École", en: 'The school' },
	{ fr: 'Le puits', en: 'The well' },
	{ fr: 'La mairie', en: 'The town hall' },
	{ fr: 'Le marché', en: 'The market' },
	{ fr: 'Le centre de santé', en: 'The health centre' },
	{ fr: "L'acte de naissance", en: 'The birth certificate' },
	{ fr: 'Le conseil communal', en: 'The commune council' },
	{ fr: 'La pompe à eau', en: 'The water pump' },
	{ fr: 'Les élèves', en: 'The students' },
	{ fr: 'Le comité de gestion', en: 'The management committee' },
	{ fr: 'La forêt classée', en: 'The protected forest' },
	{ fr: 'Le vote', en: 'The vote' }
];
const PLACES = [
	'Sikoro',
	'Ségou',
	'Kati',
	'Kayes',
	'Mopti',
	'Sévaré',
	'Koulikoro',
	'Tombouctou',
	'Gao',
	'Bougouni',
	'Niono',
	'Djenné',
	'Kita',
	'Nioro',
	'Bandiagara',
	'Koutiala',
	'Sikasso'
];

export interface GeneratedCatalog {
	/** The comics folder (KALANSO_COMICS). */
	root: string;
	/** Version hashes of every comic, one per line (KALANSO_KNOWN_SAMPLES_FILE). */
	knownFile: string;
	/** Slugs in order. */
	slugs: string[];
}

async function linkTree(from: string, to: string, skip: (rel: string) => boolean, rel = ''): Promise<void> {
	await mkdir(path.join(to, rel), { recursive: true });
	for (const entry of await readdir(path.join(from, rel), { withFileTypes: true })) {
		const child = rel ? `${rel}/${entry.name}` : entry.name;
		if (skip(child)) continue;
		if (entry.isDirectory()) await linkTree(from, to, skip, child);
		else {
			const source = path.join(from, child);
			const target = path.join(to, child);
			// Hard links cost no space; across file systems fall back to a symbolic link.
			await link(source, target).catch(() => symlink(source, target));
		}
	}
}

/** Generates `count` comics (the three samples first, then clones) into `dir` (default: a temp dir). */
export async function generateCatalog(count: number, dir?: string): Promise<GeneratedCatalog> {
	const root = dir ?? (await mkdtemp(path.join(tmpdir(), 'kalanso-catalog-')));
	await mkdir(root, { recursive: true });
	const comics = path.join(ROOT, 'comics');
	for (const name of SHARED) {
		if (name === 'curriculum') await linkTree(path.join(comics, name), path.join(root, name), () => false);
		else await copyFile(path.join(comics, name), path.join(root, name));
	}
	const languages = await loadLanguages(root);
	const checks = await contentChecks(root);
	const objectives = (
		JSON.parse(
			await import('node:fs/promises').then((fs) =>
				fs.readFile(path.join(comics, 'curriculum/ecm-fondamental-2.json'), 'utf8')
			)
		) as { objectives: Array<{ code: string; level: string; domain: string }> }
	).objectives;

	const samples = [];
	for (const slug of SAMPLES) {
		const prepared = await prepareFromFolder(path.join(comics, slug), languages, checks);
		if (!prepared.ok) throw new Error(`sample ${slug} does not validate`);
		const quizBytes = prepared.version.files.get('quiz.json');
		samples.push({
			slug,
			manifest: prepared.version.document.manifest,
			assets: prepared.version.document.assets,
			versionHash: prepared.version.versionHash,
			quiz: quizBytes ? (JSON.parse(new TextDecoder().decode(quizBytes)) as Record<string, unknown>) : null
		});
	}

	const hashes: string[] = [];
	const slugs: string[] = [];
	for (let i = 0; i < count; i++) {
		const sample = samples[i % samples.length]!;
		const isOriginal = i < samples.length;
		const manifest: Manifest = structuredClone(sample.manifest);
		if (!isOriginal) {
			const subject = SUBJECTS[i % SUBJECTS.length]!;
			const place = PLACES[Math.floor(i / SUBJECTS.length) % PLACES.length]!;
			const objective = objectives[(i * 7) % objectives.length]!;
			manifest.id = `${sample.slug}-${String(i).padStart(4, '0')}`;
			manifest.title = { fr: `${subject.fr} de ${place} (${i})`, en: `${subject.en} of ${place} (${i})` };
			manifest.summary = Object.fromEntries(
				Object.entries(sample.manifest.summary).map(([lang, text]) => [
					lang,
					`${lang === 'fr' ? subject.fr : subject.en} — ${place}. ${text}`
				])
			);
			manifest.gradeLevels = [
				...new Set([...manifest.gradeLevels, objective.level])
			].sort() as Manifest['gradeLevels'];
			manifest.themes = [...new Set([...manifest.themes, objective.domain])];
			manifest.objectives = [...new Set([...manifest.objectives, objective.code])];
		}
		const folder = path.join(root, manifest.id);
		if (isOriginal) {
			await linkTree(path.join(comics, sample.slug), folder, () => false);
			hashes.push(sample.versionHash);
			slugs.push(manifest.id);
			continue;
		}
		await linkTree(
			path.join(comics, sample.slug),
			folder,
			(rel) => rel === 'comic.json' || rel === 'quiz.json'
		);
		await writeFile(path.join(folder, 'comic.json'), JSON.stringify(manifest, null, '\t'));
		const assets = { ...sample.assets };
		if (sample.quiz) {
			// A quiz names its comic: each clone has its own.
			const quiz = new TextEncoder().encode(
				JSON.stringify({ ...sample.quiz, comic: manifest.id }, null, '\t')
			);
			await writeFile(path.join(folder, 'quiz.json'), quiz);
			assets['quiz.json'] = sha256Hex(quiz);
		}
		const hash = versionHashOf(buildVersionDocument(manifest, assets));
		// The shortcut above must give what start-up computes: checked for the first clone of each sample.
		if (i >= samples.length && i < 2 * samples.length) {
			const real = await prepareFromFolder(folder, languages, checks);
			if (!real.ok) throw new Error(`clone ${manifest.id} does not validate: ${JSON.stringify(real.issues)}`);
			if (real.version.versionHash !== hash) throw new Error(`clone ${manifest.id}: version hash differs`);
		}
		hashes.push(hash);
		slugs.push(manifest.id);
	}
	const knownFile = path.join(root, '.known-samples');
	await writeFile(knownFile, hashes.join('\n') + '\n');
	return { root, knownFile, slugs };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
	const count = Number(process.argv[2] ?? 2000);
	const catalog = await generateCatalog(count, process.argv[3]);
	console.log(
		JSON.stringify({ root: catalog.root, knownFile: catalog.knownFile, comics: catalog.slugs.length })
	);
}
