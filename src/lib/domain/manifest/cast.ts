/**
 * The cast of a comics collection (`comics/cast.json`): one identity per character across comics.
 * A class reads every comic, so a name must not stand for a baby in one comic and a
 * fifteen-year-old in another. Each cast entry is one person (name, age, role) and lists the
 * comics they appear in, with their character id in each.
 *
 * Rules: no two entries share a name (compared without honorifics such as "Mme" or "Tanti", so
 * "Tanti Nana" and "Nana" are one name); every character of a comic of the collection has its
 * entry, under the same name.
 */
import { z } from 'zod';
import { finding } from './findings';
import { idSchema, localizedTextSchema, type Manifest } from './schema';
import type { Reporter } from './validate';

export const CAST_FILE = 'cast.json';

export const castEntrySchema = z.strictObject({
	/** One id for the person across the collection. */
	id: idSchema,
	/** The name as the comics write it, in the reference language (French). */
	name: z.string().min(1),
	/** Age in years; null for an adult whose age no story says. */
	age: z.number().int().min(0).max(120).nullable(),
	/** Who they are, per language: "student in 9e at Sikoro", "midwife at the CSCom". */
	role: localizedTextSchema,
	/** Where they appear: the comic's id and their character id in that comic. */
	appearances: z.array(z.strictObject({ comic: idSchema, character: idSchema })).min(1)
});

export const castSchema = z.strictObject({
	$comment: z.string().optional(),
	characters: z.array(castEntrySchema)
});

export type CastEntry = z.infer<typeof castEntrySchema>;
export type Cast = z.infer<typeof castSchema>;

/** Titles and kinship words that come before a name and do not make it another name. */
const HONORIFICS = new Set([
	'm.',
	'mme',
	'mlle',
	'mr',
	'mrs',
	'ms',
	'miss',
	'dr',
	'tanti',
	'tonton',
	'aunt',
	'uncle',
	'grand-mère',
	'grand-père',
	'grandmother',
	'grandfather',
	'vieux',
	'le',
	'la',
	'the'
]);

/** The name a reader would recognise: lower case, without honorifics ("Mme Coumba" → "coumba"). */
export function nameKey(name: string): string {
	const words = name
		.normalize('NFC')
		.toLocaleLowerCase('fr')
		.replace(/[’']/g, ' ')
		.split(/\s+/)
		.filter(Boolean);
	const rest = words.filter((w) => !HONORIFICS.has(w));
	return (rest.length > 0 ? rest : words).join(' ');
}

/** Problems inside the cast itself: duplicate ids, a name given to two people, an appearance listed twice. */
export function castProblems(cast: Cast): string[] {
	const problems: string[] = [];
	const ids = new Set<string>();
	const names = new Map<string, CastEntry>();
	const appearances = new Map<string, string>();
	for (const entry of cast.characters) {
		if (ids.has(entry.id)) problems.push(`duplicate cast id "${entry.id}"`);
		ids.add(entry.id);
		const key = nameKey(entry.name);
		const other = names.get(key);
		if (other)
			problems.push(
				`"${entry.name}" (${entry.id}) and "${other.name}" (${other.id}) are two characters with one name: give one of them another name`
			);
		else names.set(key, entry);
		for (const a of entry.appearances) {
			const at = `${a.comic}/${a.character}`;
			const first = appearances.get(at);
			if (first) problems.push(`character "${at}" is listed for both "${first}" and "${entry.id}"`);
			else appearances.set(at, entry.id);
		}
	}
	return problems;
}

/**
 * A comic's characters against the cast: each has its entry, under the same name, and no other
 * entry carries that name. The cast is the collection: a comic it does not name yet (an upload
 * under review, a folder just added) is not held to it until the editors add its people, which is
 * when its names are compared with everyone else's.
 */
export function checkCast(cast: Cast, manifest: Manifest, report: Reporter): void {
	if (!cast.characters.some((e) => e.appearances.some((a) => a.comic === manifest.id))) return;
	manifest.characters.forEach((character, i) => {
		const name = character.name[manifest.referenceLanguage] ?? Object.values(character.name)[0] ?? '';
		const entry = cast.characters.find((e) =>
			e.appearances.some((a) => a.comic === manifest.id && a.character === character.id)
		);
		if (!entry) {
			report(['characters', i], finding('castMissing', { id: character.id, name }));
			return;
		}
		if (nameKey(entry.name) !== nameKey(name))
			report(
				['characters', i, 'name'],
				finding('castNameMismatch', { name, castName: entry.name, cast: entry.id })
			);
		const other = cast.characters.find((e) => e !== entry && nameKey(e.name) === nameKey(name));
		if (other)
			report(
				['characters', i, 'name'],
				finding('castNameReused', {
					name,
					cast: other.id,
					comics: other.appearances.map((a) => a.comic).join(', ')
				})
			);
	});
}
