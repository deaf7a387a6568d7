/**
 * The sample comics shipped in comics/, by the exact version hash start-up seeding may publish
 * without a human review (demo.ts). Any other version, of these comics or of a folder added to
 * comics/, is only submitted for review. Written by `npx tsx src/cli/sample-hashes.ts --write`.
 */
export const BUNDLED_SAMPLES: Readonly<Record<string, string>> = {
	'awa-et-le-cgs': '7696e73cc929e2870af0d983358002307dc343a22724cee3d5b9c633f51e67a5',
	'le-robinet-de-sikoro': '7f6b719d34807ada320e89589e38118fb7406e34c4fe9830826c79acf59eae83',
	'trente-jours': '3d32528485d023f862a27fbe3aa91ae95436f5ebefd6c3e879da7cf1667e76a7'
};

/** The version hashes of BUNDLED_SAMPLES. */
export const BUNDLED_SAMPLE_HASHES: ReadonlySet<string> = new Set(Object.values(BUNDLED_SAMPLES));
