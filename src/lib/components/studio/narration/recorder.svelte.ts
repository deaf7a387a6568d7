/**
 * One take at a time in the narration studio: open the microphone, show its level, stop, check
 * the take (silence, far too long), prepare what the author listens to (trimmed and evened out
 * exactly as the server will keep it: the same pure modules), find the split points of a page
 * take, and keep it (upload). Owns the microphone; `destroy()` releases it at any moment.
 */
import { autoSplit } from '$lib/domain/narration/recording/autosplit';
import { evenLoudness } from '$lib/domain/narration/recording/loudness';
import { encodeWav, resample, type Pcm } from '$lib/domain/narration/recording/pcm';
import { takeProblem, trimSilence } from '$lib/domain/narration/recording/speech';
import type { ContentIssue } from '$lib/domain/manifest/issues';
import { MicrophoneError, openMicrophone, type Microphone } from './microphone';

/** A bubble or panel description a take reads. */
export interface TakeTarget {
	id: string;
	text: string;
}

/** What went wrong, as the recorder says it: a code of studio-narration.errors, or the server's refusal. */
export interface TakeFailure {
	code: string;
	params?: Record<string, string>;
	message?: string;
	issues?: ContentIssue[];
}

export type RecorderStatus = 'idle' | 'starting' | 'recording' | 'review' | 'saving';

/** Rate the take is uploaded at: the encoder's, so nothing is lost and half of 48 kHz is sent. */
const UPLOAD_RATE = 24000;

export class TakeRecorder {
	status = $state<RecorderStatus>('idle');
	/** Microphone level of the last block, dBFS. */
	levelDb = $state(-120);
	/** What the current take reads: one target, or a page's bubbles in reading order. */
	targets = $state.raw<TakeTarget[]>([]);
	failure = $state.raw<TakeFailure | null>(null);
	/** The raw take once stopped. */
	take = $state.raw<Pcm | null>(null);
	/** The take as it will be kept (trimmed, evened out), as a playable URL. */
	previewUrl = $state<string | null>(null);
	/** A page take's split points, seconds in the raw take. */
	points = $state<number[]>([]);

	#microphone: Microphone | null = null;
	#open: typeof openMicrophone;
	/** Bumped by every start/cancel, so a microphone that opens after a cancel is closed at once. */
	#generation = 0;

	constructor(open: typeof openMicrophone = openMicrophone) {
		this.#open = open;
	}

	/** True while this take is about `id`. */
	isFor(id: string): boolean {
		return this.targets.some((t) => t.id === id);
	}

	async start(targets: TakeTarget[]): Promise<void> {
		this.reset();
		const generation = ++this.#generation;
		this.targets = targets;
		this.status = 'starting';
		try {
			const microphone = await this.#open((dbfs) => (this.levelDb = dbfs));
			if (generation !== this.#generation) return microphone.destroy();
			this.#microphone = microphone;
			this.status = 'recording';
		} catch (error) {
			if (generation !== this.#generation) return;
			this.status = 'idle';
			this.failure = { code: error instanceof MicrophoneError ? error.code : 'no-microphone' };
		}
	}

	/** Stops recording and prepares the take for listening (or says what is wrong with it). */
	stop(): void {
		const microphone = this.#microphone;
		if (!microphone) return;
		this.#microphone = null;
		const take = microphone.stop();
		this.take = take;
		this.levelDb = -120;
		this.status = 'review';
		const problem = takeProblem(take, this.targets.map((t) => t.text).join(' '));
		if (problem) {
			this.failure = problem;
			return;
		}
		let kept: Pcm;
		if (this.targets.length > 1) {
			this.points = autoSplit(
				take,
				this.targets.map((t) => [...t.text].length)
			);
			kept = evenLoudness(take);
		} else {
			kept = evenLoudness(trimSilence(take)?.pcm ?? take);
		}
		this.previewUrl = URL.createObjectURL(new Blob([encodeWav(kept)], { type: 'audio/wav' }));
	}

	/**
	 * Uploads the take to keep it; resolves with the new version's hash, or null when refused
	 * (then `failure` says why and the take stays, to try again or redo).
	 */
	async keep(url: string, language: string, voice: string): Promise<string | null> {
		const fields: Record<string, string> = {
			language,
			voice,
			targets: JSON.stringify(this.targets.map((t) => t.id))
		};
		if (this.targets.length > 1) fields.points = JSON.stringify(this.points);
		const body = await this.send(url, fields);
		return typeof body?.versionHash === 'string' ? body.versionHash : null;
	}

	/**
	 * Uploads the take (WAV, field `audio`) with `fields` to `url`; resolves with the server's JSON
	 * answer, or null when refused or unreachable (then `failure` says why and the take stays).
	 */
	async send(url: string, fields: Record<string, string> = {}): Promise<Record<string, unknown> | null> {
		const take = this.take;
		if (!take || !this.previewUrl) return null;
		this.failure = null;
		this.status = 'saving';
		const form = new FormData();
		for (const [name, value] of Object.entries(fields)) form.set(name, value);
		const upload = take.sampleRate > UPLOAD_RATE ? resample(take, UPLOAD_RATE) : take;
		form.set('audio', new Blob([encodeWav(upload)], { type: 'audio/wav' }), 'take.wav');
		try {
			const response = await fetch(url, { method: 'POST', body: form });
			const body = (await response.json().catch(() => ({}))) as Record<string, unknown> & TakeFailure;
			if (response.ok) return body;
			this.failure = {
				code: body.code ?? 'other',
				params: body.params,
				message: body.message,
				issues: body.issues
			};
		} catch {
			this.failure = { code: 'network' };
		}
		this.status = 'review';
		return null;
	}

	/** Moves split point `index` to `sec`, kept between its neighbours. */
	movePoint(index: number, sec: number): void {
		const take = this.take;
		if (!take) return;
		const min = (index ? this.points[index - 1]! : 0) + 0.1;
		const max =
			(index + 1 < this.points.length ? this.points[index + 1]! : take.samples.length / take.sampleRate) -
			0.1;
		this.points = this.points.map((p, i) => (i === index ? Math.min(max, Math.max(min, sec)) : p));
	}

	/** Forgets the take (and closes the microphone). */
	reset(): void {
		this.#generation++;
		this.#microphone?.destroy();
		this.#microphone = null;
		if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
		this.previewUrl = null;
		this.take = null;
		this.points = [];
		this.failure = null;
		this.targets = [];
		this.levelDb = -120;
		this.status = 'idle';
	}

	destroy(): void {
		this.reset();
	}
}
