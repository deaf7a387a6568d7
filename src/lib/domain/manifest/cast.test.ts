import { describe, expect, it } from 'vitest';
import { castProblems, checkCast, nameKey, type Cast } from './cast';
import type { Manifest } from './schema';
import { fillFinding, type Finding } from './findings';

const entry = (id: string, name: string, comic: string, character: string, age: number | null = null) => ({
	id,
	name,
	age,
	role: { fr: 'rôle', en: 'role' },
	appearances: [{ comic, character }]
});

const manifest = (characters: Array<[string, string]>) =>
	({
		id: 'robinet',
		referenceLanguage: 'fr',
		characters: characters.map(([id, name]) => ({ id, name: { fr: name, en: name } }))
	}) as unknown as Manifest;

function check(cast: Cast, m: Manifest): string[] {
	const out: string[] = [];
	checkCast(cast, m, (path, found: Finding) => out.push(`${path.join('.')}: ${fillFinding(found)}`));
	return out;
}

describe('the cast: one identity per character across comics', () => {
	it('compares names without honorifics', () => {
		expect(nameKey('Tanti Nana')).toBe('nana');
		expect(nameKey('Mme Coumba')).toBe('coumba');
		expect(nameKey('Grand-mère Kadia')).toBe('kadia');
		expect(nameKey('Le maire')).toBe('maire');
		expect(nameKey('Seydou')).toBe('seydou');
	});

	it('refuses one name for two characters (a baby in one comic, a teenager in another)', () => {
		const cast: Cast = {
			characters: [
				entry('seydou-bebe', 'Seydou', 'trente', 'bebe', 0),
				entry('seydou-ado', 'Seydou', 'robinet', 'seydou', 15)
			]
		};
		expect(castProblems(cast)).toEqual([
			'"Seydou" (seydou-ado) and "Seydou" (seydou-bebe) are two characters with one name: give one of them another name'
		]);
	});

	it('refuses a comic character that reuses the name of another cast entry', () => {
		const cast: Cast = {
			characters: [
				entry('nana-sikoro', 'Tanti Nana', 'robinet', 'nana'),
				entry('nana-2', 'Nana', 'trente', 'nana')
			]
		};
		expect(check(cast, manifest([['nana', 'Tanti Nana']]))).toEqual([
			'characters.0.name: the name "Tanti Nana" already belongs to another character of the collection (nana-2, in trente): a class reads every comic, so give this character another name'
		]);
	});

	it('refuses a character missing from the cast or named otherwise there', () => {
		const cast: Cast = { characters: [entry('oumou', 'Oumou', 'robinet', 'oumou')] };
		expect(
			check(
				cast,
				manifest([
					['oumou', 'Fatoumata'],
					['issa', 'Issa']
				])
			)
		).toEqual([
			'characters.0.name: character is named "Fatoumata" here but "Oumou" in comics/cast.json (oumou)',
			'characters.1: character "issa" (Issa) is not in comics/cast.json: add them to the cast (one identity per character across comics)'
		]);
	});

	it('leaves a comic the cast does not name (new to the collection) to its reviewers', () => {
		const cast: Cast = { characters: [entry('oumou', 'Oumou', 'trente', 'oumou')] };
		expect(check(cast, manifest([['mere', 'Oumou']]))).toEqual([]);
	});

	it('accepts a comic whose characters all have their own entry', () => {
		const cast: Cast = {
			characters: [entry('oumou', 'Oumou', 'robinet', 'oumou'), entry('issa', 'Issa', 'robinet', 'issa')]
		};
		expect(castProblems(cast)).toEqual([]);
		expect(
			check(
				cast,
				manifest([
					['oumou', 'Oumou'],
					['issa', 'Issa']
				])
			)
		).toEqual([]);
	});
});
