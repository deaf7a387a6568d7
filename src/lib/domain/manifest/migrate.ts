/**
 * Step-by-step migration of stored manifests to the current schema version (DESIGN.md §3).
 * Each step takes version n to n+1 and is never edited once shipped; add the next step instead.
 */
import { CURRENT_SCHEMA_VERSION } from './schema';

type Json = Record<string, unknown>;

const FIRST_SCHEMA_VERSION = 1;

/** steps[n] migrates a version-n manifest to version n+1. Version 1 is the first shipped format. */
const steps: Record<number, (manifest: Json) => Json> = {};

export class MigrationError extends Error {}

/** Brings a parsed manifest to the current schema version, or says why it cannot. */
export function migrateManifest(raw: unknown): unknown {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
	let manifest = raw as Json;
	let version = manifest.schemaVersion;
	if (typeof version !== 'number' || !Number.isInteger(version)) return raw;
	if (version > CURRENT_SCHEMA_VERSION) {
		throw new MigrationError(
			`schemaVersion ${version} is newer than this app understands (${CURRENT_SCHEMA_VERSION}): update Kalanso`
		);
	}
	if (version < FIRST_SCHEMA_VERSION) {
		throw new MigrationError(
			`schemaVersion ${version} is not a Kalanso version (${FIRST_SCHEMA_VERSION} to ${CURRENT_SCHEMA_VERSION})`
		);
	}
	while (version < CURRENT_SCHEMA_VERSION) {
		const step = steps[version];
		if (!step) throw new MigrationError(`no migration from schemaVersion ${version}`);
		manifest = step(manifest);
		version += 1;
		manifest.schemaVersion = version;
	}
	return manifest;
}
