/**
 * The manifest schema version this app writes and reads, apart from the zod schema so that the
 * tablet can migrate a stored manifest (./migrate.ts, ./readable.ts) without loading zod.
 */
export const CURRENT_SCHEMA_VERSION = 1;
