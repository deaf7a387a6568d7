/**
 * Whether a staff member's display name already says their role ("Enseignant (démo)" for a
 * teacher), so the header does not repeat it: "Connecté : Enseignant (démo)", not
 * "Enseignant (démo) (enseignant)". Compared without case or accents, as whole words.
 */
export function nameSaysRole(displayName: string, roleLabel: string): boolean {
	const fold = (s: string) =>
		s
			.normalize('NFD')
			.replace(/\p{M}/gu, '')
			.toLocaleLowerCase()
			.split(/[^\p{L}\p{N}]+/u)
			.filter(Boolean);
	const name = fold(displayName);
	const role = fold(roleLabel);
	if (role.length === 0) return false;
	return name.some((_, i) => role.every((word, j) => name[i + j] === word));
}
