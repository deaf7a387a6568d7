/**
 * The sample comics shipped in comics/, by the exact version hash start-up seeding may publish
 * without a human review (demo.ts). Any other version, of these comics or of a folder added to
 * comics/, is only submitted for review. Written by `npx tsx src/cli/sample-hashes.ts --write`.
 */
export const BUNDLED_SAMPLES: Readonly<Record<string, string>> = {
	'awa-et-le-cgs': 'fbe88ebbd274eef9cc58b3d553281e7e655cd0ef39f38b2e05ea784fe7c8064d',
	'le-robinet-de-sikoro': '0c3dc9fc2edf193a63502d36be0aeb6e5f59c6508c8697aac4273335661701e9',
	'trente-jours': '5849d3f797363c01bb4bc4cbea46f97e0352493b751564cfaf5c94df7734b80e'
};

/** The version hashes of BUNDLED_SAMPLES. */
export const BUNDLED_SAMPLE_HASHES: ReadonlySet<string> = new Set(Object.values(BUNDLED_SAMPLES));
