/**
 * The manifest of a comic stored on the tablet, made ready for the reader without the zod schema.
 *
 * Why no schema here: the server validated this manifest in full (./schema.ts, ./validate.ts)
 * before a reviewer approved it, and the tablet stored it only after checking it against that
 * approval (size and SHA-256 of every file, then the Ed25519 signature over the version hash:
 * src/lib/offline/download.ts, share.ts, signature.ts). What can still differ at read time is the
 * schema version (a comic stored by an older app: migrated here, step by step) and damage to the
 * stored copy, which the structural check below catches for everything the reader, the narration
 * and the quiz dereference, so a damaged copy falls back to the server instead of crashing the
 * reader. Running the whole schema again would cost the tablet ≈ 26 KB gzip of zod on every open.
 * The migration ladder (with the English texts of every content finding it reports in) is loaded
 * only for a manifest of another version.
 */
import type { Manifest } from './schema';
import { CURRENT_SCHEMA_VERSION } from './version';

type Check = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const optional =
	(check: Check): Check =>
	(v) =>
		v === undefined || check(v);
const arrayOf =
	(check: Check, min = 0): Check =>
	(v) =>
		Array.isArray(v) && v.length >= min && v.every(check);
const recordOf =
	(check: Check): Check =>
	(v) =>
		isObject(v) && Object.values(v).every(check);
const shape =
	(fields: Record<string, Check>): Check =>
	(v) =>
		isObject(v) && Object.entries(fields).every(([key, check]) => check(v[key]));

const text = recordOf(isString);
const point = shape({ x: isNumber, y: isNumber });
const region = shape({ x: isNumber, y: isNumber, w: isNumber, h: isNumber });
const bubbleShape = shape({ kind: isString, region });
const bubble = shape({
	id: isString,
	role: isString,
	character: optional(isString),
	shape: optional(bubbleShape),
	tail: optional(point),
	shapeByLanguage: optional(recordOf(bubbleShape)),
	text,
	textStatus: optional(recordOf(isString))
});
const panel = shape({ id: isString, region, description: text, bubbles: arrayOf(bubble) });
const page = shape({
	id: isString,
	image: isString,
	width: isNumber,
	height: isNumber,
	panels: arrayOf(panel, 1),
	textInArt: optional(arrayOf(isString))
});
const narration = shape({
	audio: arrayOf(
		shape({
			id: isString,
			sources: arrayOf(shape({ src: isString, type: isString }), 1),
			durationSec: isNumber
		}),
		1
	),
	clips: arrayOf(shape({ target: isString, audio: isString, startSec: isNumber, endSec: isNumber }))
});
const manifest = shape({
	schemaVersion: (v) => v === CURRENT_SCHEMA_VERSION,
	id: isString,
	title: text,
	summary: text,
	referenceLanguage: isString,
	languages: arrayOf(shape({ tag: isString, status: isString }), 1),
	gradeLevels: arrayOf(isString),
	themes: arrayOf(isString),
	objectives: arrayOf(isString),
	characters: arrayOf(shape({ id: isString, name: text })),
	cover: optional(isString),
	pages: arrayOf(page, 1),
	narration: optional(recordOf(narration))
});

/**
 * The stored manifest brought to the current schema version, or null when it cannot be read
 * (newer than this app, or not the shape the reader needs).
 */
export async function readableManifest(raw: unknown): Promise<Manifest | null> {
	let current = raw;
	if (isObject(raw) && raw.schemaVersion !== CURRENT_SCHEMA_VERSION) {
		const { migrateManifest, MigrationError } = await import('./migrate');
		try {
			current = migrateManifest(raw);
		} catch (error) {
			if (error instanceof MigrationError) return null;
			throw error;
		}
	}
	return manifest(current) ? (current as Manifest) : null;
}
