/**
 * Step-by-step migration of stored manifests to the current schema version (DESIGN.md §3).
 * Each step takes version n to n+1 and is never edited once shipped; add the next step instead.
 */
import { fillFinding, finding, type Finding } from './findings';
import { CURRENT_SCHEMA_VERSION } from './version';

type Json = Record<string, unknown>;

const FIRST_SCHEMA_VERSION = 1;

/** steps[n] migrates a version-n manifest to version n+1. Version 1 is the first shipped format. */
const steps: Record<number, (manifest: Json) => Json> = {};

/** Why a file cannot be brought to the current version; `finding` is what the interface translates. */
export class MigrationError extends Error {
	readonly finding: Finding;
	constructor(found: Finding) {
		super(fillFinding(found));
		this.finding = found;
	}
}

/** Brings a parsed manifest to the current schema version, or says why it cannot. */
export function migrateManifest(raw: unknown): unknown {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
	let manifest = raw as Json;
	let version = manifest.schemaVersion;
	if (typeof version !== 'number' || !Number.isInteger(version)) return raw;
	if (version > CURRENT_SCHEMA_VERSION) {
		throw new MigrationError(finding('schemaNewer', { version, current: CURRENT_SCHEMA_VERSION }));
	}
	if (version < FIRST_SCHEMA_VERSION) {
		throw new MigrationError(
			finding('schemaUnknown', { version, first: FIRST_SCHEMA_VERSION, current: CURRENT_SCHEMA_VERSION })
		);
	}
	while (version < CURRENT_SCHEMA_VERSION) {
		const step = steps[version];
		if (!step) throw new MigrationError(finding('schemaNoMigration', { version }));
		manifest = step(manifest);
		version += 1;
		manifest.schemaVersion = version;
	}
	return manifest;
}
