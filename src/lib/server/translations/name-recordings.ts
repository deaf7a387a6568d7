/**
 * The name of each interface language, spoken by a native speaker (issue 17): nobody on the project
 * speaks these languages and no synthetic voice may stand in, so a translator records it in the app.
 * A take goes through the narration studio's one processing path (processTake: a real WAV
 * recording, not silence, trimmed, evened out, encoded to the one speech encoding), must last at
 * most MAX_NAME_SEC, and is kept as a draft until another translator or a reviewer marks it
 * reviewed (the translation workflow's no-self-review rule, `mayMarkReviewed`).
 */
import type { Kysely } from 'kysely';
import type { Language } from '../../domain/languages/languages';
import { HEX_SHA256 } from '../../domain/signing/hash';
import { TakeError, type ProcessedTake } from '../studio/narration/process-take';
import type { TranslationTables } from './schema';
import { mayMarkReviewed } from './service';

/** The longest name recording kept: a language's name said once, with room for a slow speaker. */
export const MAX_NAME_SEC = 5;

/** Why a recording was refused or cannot be reviewed: a code the interface translates. */
export class NameRecordingError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly params: Record<string, string> = {},
		readonly status = 400
	) {
		super(message);
	}
}

export type NameRecordingStatus = 'draft' | 'reviewed';

export interface NameRecording {
	lang: string;
	oggSha256: string;
	mp3Sha256: string;
	durationMs: number;
	status: NameRecordingStatus;
	recordedAt: string;
	recordedBy: string;
	reviewedAt: string | null;
	reviewedBy: string | null;
}

export interface NameRecordingRepository {
	all(): Promise<NameRecording[]>;
	get(lang: string): Promise<NameRecording | undefined>;
	/** Inserts or replaces the recording of its language. */
	save(recording: NameRecording): Promise<void>;
	/** True when `sha256` is the Ogg or MP3 file of a stored recording (only those are served). */
	hasFile(sha256: string): Promise<boolean>;
}

/** Where the encoded files go: the content store (BlobStore). */
export interface NameRecordingFiles {
	put(bytes: Uint8Array): Promise<string>;
}

export interface NameRecordingDeps {
	repo: NameRecordingRepository;
	files: NameRecordingFiles;
	/** comics/languages.json: a recording is for one of its interface languages (`ui`). */
	languages: readonly Language[];
	/** The studio's processing (processTakeOffThread on the server). */
	process: (wav: Uint8Array, texts: string[]) => Promise<ProcessedTake>;
	now: () => Date;
}

/** The URL a recording's file is served at (public: /languages plays it, offline too). */
export function recordingUrl(sha256: string, kind: 'ogg' | 'mp3'): string {
	return `/languages/recordings/${sha256}.${kind}`;
}

export class NameRecordingService {
	constructor(private readonly deps: NameRecordingDeps) {}

	/** The interface languages, whose names can be recorded. */
	languages(): Language[] {
		return this.deps.languages.filter((l) => l.ui === 'reviewed' || l.ui === 'draft');
	}

	#language(lang: string): Language {
		const language = this.languages().find((l) => l.tag === lang);
		if (!language)
			throw new NameRecordingError('unknown-language', `"${lang}" is not an interface language`, { lang });
		return language;
	}

	async all(): Promise<NameRecording[]> {
		return this.deps.repo.all();
	}

	/**
	 * Keeps `wav` as the spoken name of `lang`, a draft recorded by `actorId`. Refuses (TakeError or
	 * NameRecordingError, nothing stored) a file that is not a WAV recording, silence, or a name
	 * longer than MAX_NAME_SEC once trimmed.
	 */
	async keep(actorId: string, lang: string, wav: Uint8Array): Promise<NameRecording> {
		const language = this.#language(lang);
		let take: ProcessedTake;
		try {
			take = await this.deps.process(wav, [language.nativeName]);
		} catch (error) {
			// The studio's "far longer than its text" is, for a name, the one limit below.
			if (error instanceof TakeError && error.code === 'too-long') throw this.#tooLong(error.params.seconds);
			throw error;
		}
		if (take.durationSec > MAX_NAME_SEC) throw this.#tooLong(take.durationSec.toFixed(1));
		const [oggSha256, mp3Sha256] = [await this.deps.files.put(take.ogg), await this.deps.files.put(take.mp3)];
		const recording: NameRecording = {
			lang,
			oggSha256: oggSha256!,
			mp3Sha256: mp3Sha256!,
			durationMs: Math.round(take.durationSec * 1000),
			status: 'draft',
			recordedAt: this.deps.now().toISOString(),
			recordedBy: actorId,
			reviewedAt: null,
			reviewedBy: null
		};
		await this.deps.repo.save(recording);
		return recording;
	}

	#tooLong(seconds: string | undefined) {
		return new NameRecordingError(
			'name-too-long',
			`the recording lasts ${seconds ?? '?'} s: a name must last at most ${MAX_NAME_SEC} s`,
			{ seconds: seconds ?? '?', max: String(MAX_NAME_SEC) }
		);
	}

	/** Marks the recording of `lang` reviewed; refused to the person who recorded it. */
	async review(actorId: string, lang: string): Promise<NameRecording> {
		this.#language(lang);
		const stored = await this.deps.repo.get(lang);
		if (!stored)
			throw new NameRecordingError('no-recording', `"${lang}" has no recording to review`, { lang }, 404);
		if (!mayMarkReviewed(actorId, stored.recordedBy))
			throw new NameRecordingError(
				'own-review',
				'you recorded this name: another translator or a reviewer must review it',
				{ lang },
				403
			);
		if (stored.status === 'reviewed') return stored;
		const reviewed: NameRecording = {
			...stored,
			status: 'reviewed',
			reviewedAt: this.deps.now().toISOString(),
			reviewedBy: actorId
		};
		await this.deps.repo.save(reviewed);
		return reviewed;
	}

	/** True when `sha256` names a stored recording's file. */
	async serves(sha256: string): Promise<boolean> {
		return HEX_SHA256.test(sha256) && this.deps.repo.hasFile(sha256);
	}
}

export function kyselyNameRecordingRepository<DB extends TranslationTables>(
	database: Kysely<DB>
): NameRecordingRepository {
	const db = database as unknown as Kysely<TranslationTables>;
	const fromRow = (r: TranslationTables['name_recordings']): NameRecording => ({
		lang: r.lang,
		oggSha256: r.ogg_sha256,
		mp3Sha256: r.mp3_sha256,
		durationMs: Number(r.duration_ms),
		status: r.status === 'reviewed' ? 'reviewed' : 'draft',
		recordedAt: r.recorded_at,
		recordedBy: r.recorded_by,
		reviewedAt: r.reviewed_at,
		reviewedBy: r.reviewed_by
	});
	return {
		async all() {
			return (await db.selectFrom('name_recordings').selectAll().orderBy('lang').execute()).map(fromRow);
		},
		async get(lang) {
			const row = await db
				.selectFrom('name_recordings')
				.selectAll()
				.where('lang', '=', lang)
				.executeTakeFirst();
			return row && fromRow(row);
		},
		async save(r) {
			const row = {
				lang: r.lang,
				ogg_sha256: r.oggSha256,
				mp3_sha256: r.mp3Sha256,
				duration_ms: r.durationMs,
				status: r.status,
				recorded_at: r.recordedAt,
				recorded_by: r.recordedBy,
				reviewed_at: r.reviewedAt,
				reviewed_by: r.reviewedBy
			};
			const { lang: _lang, ...rest } = row;
			await db
				.insertInto('name_recordings')
				.values(row)
				.onConflict((oc) => oc.column('lang').doUpdateSet(rest))
				.execute();
		},
		async hasFile(sha256) {
			const row = await db
				.selectFrom('name_recordings')
				.select('lang')
				.where((eb) => eb.or([eb('ogg_sha256', '=', sha256), eb('mp3_sha256', '=', sha256)]))
				.executeTakeFirst();
			return row !== undefined;
		}
	};
}
