/**
 * The sample comics shipped in comics/, by the exact version hash start-up seeding may publish
 * without a human review (demo.ts). Any other version, of these comics or of a folder added to
 * comics/, is only submitted for review. Written by `npx tsx src/cli/sample-hashes.ts --write`.
 */
export const BUNDLED_SAMPLES: Readonly<Record<string, string>> = {
	'awa-et-le-cgs': '2eaf7edcec2ba302b31144a2b63b6e4d2058a5b3e6cce71118513a7f8ed5cc11',
	'le-robinet-de-sikoro': '07596572fdf964909441788be7d8f257f4c10af438e52d10f64635c0adb6bf8d',
	'trente-jours': 'f26a507c0b89421c0f4f34c2c539d67fca06fb7768c8a9af70ab0e1314fb030c'
};

/** The version hashes of BUNDLED_SAMPLES. */
export const BUNDLED_SAMPLE_HASHES: ReadonlySet<string> = new Set(Object.values(BUNDLED_SAMPLES));
