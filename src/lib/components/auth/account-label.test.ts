import { describe, expect, it } from 'vitest';
import { nameSaysRole } from './account-label';

describe('nameSaysRole', () => {
	it.each([
		['Enseignant (démo)', 'enseignant', true],
		['Relecteur MEN (démo)', 'relecteur MEN', true],
		['Administrateur', 'administrateur', true],
		['Auteur (démo)', 'auteur', true],
		['Mme Diarra', 'enseignant', false],
		['Enseignant (démo)', 'teacher', false],
		['Enseignante Traoré', 'enseignant', false],
		['Relecteur (démo)', 'relecteur MEN', false]
	])('%j says %j: %s', (name, role, expected) => {
		expect(nameSaysRole(name, role)).toBe(expected);
	});
});
