/**
 * Narration while reading, as one runes class: which language is heard, what plays, which bubble
 * is highlighted, speed and stop-after-each-bubble. The rules are the pure state machine in
 * $lib/domain/narration/machine; this class carries out its effects with a Narrator (howler in the
 * app, the fake in tests) and with the reader through the small `NarrationHost` below.
 *
 * Sound starts only from a user's tap (Read to me, a bubble, replay). When the browser still
 * refuses, `blocked` turns on and the controls show a "tap to turn on sound" prompt.
 */
import type { Manifest } from '$lib/domain/manifest/schema';
import {
	initialNarrationState,
	narrationStep,
	type NarrationEffect,
	type NarrationEvent,
	type NarrationState as MachineState,
	type NarrationStatus
} from '$lib/domain/narration/machine';
import { clampRate } from '$lib/domain/narration/playhead';
import {
	buildTrack,
	hasNarratedDescriptions,
	itemIndexOf,
	narrationLanguages,
	startIndexFrom,
	type NarrationTrack
} from '$lib/domain/narration/timeline';
import type { Narrator, NarratorFactory } from '$lib/audio/narrator';

/** What narration needs from the reader (ReaderState provides it). */
export interface NarrationHost {
	readonly manifest: Manifest;
	readonly source: { assetUrl(path: string): string };
	/** The panel shown now. */
	readonly current: { pageIndex: number; panelIndex: number; panelId: string };
	readonly textLanguage: string;
	goToPanel(panelId: string): boolean;
	highlightBubble(bubbleId: string | null): void;
	onBubbleTap(listener: (bubbleId: string) => void): () => void;
	onPanelChange(listener: (position: { panelId: string }) => void): () => void;
}

export interface NarrationEnvironment {
	storage: Pick<Storage, 'getItem' | 'setItem'> | null;
	/** Loads the audio engine (a dynamic import in the app, so the library page never ships howler). */
	loadNarrator: () => Promise<NarratorFactory>;
	/** Calls `callback` every `ms` until the returned function is called (setInterval in the app). */
	every?: (ms: number, callback: () => void) => () => void;
}

/** How often the playing position is read back from the engine for `positionSec`. */
const POSITION_POLL_MS = 200;

/** Device-wide choices, remembered across comics. */
export interface NarrationPreferences {
	language?: string;
	rate?: number;
	stopAfterEach?: boolean;
	/** Read the recorded panel descriptions too (where the comic has them). */
	descriptions?: boolean;
}

export const PREFERENCES_KEY = 'kalanso:narration';

/** Status shown to the user and to tests: the machine's, plus the states around it. */
export type NarrationUiState = NarrationStatus | 'loading' | 'unavailable' | 'blocked' | 'failed';

export class NarrationState {
	/** Language heard; may differ from the text language. */
	language = $state('fr');
	status = $state<NarrationStatus>('idle');
	/** Bubble (or described panel) being read, or null. */
	activeTarget = $state<string | null>(null);
	rate = $state(1);
	stopAfterEach = $state(false);
	/**
	 * Also read the panel descriptions recorded in the narration language. On unless the student
	 * turned it off: descriptions are what makes the comic followable for a student who cannot see
	 * the pictures well, and a page with pictures only is otherwise silent.
	 */
	readDescriptions = $state(true);
	/** The browser refused to start sound: show "tap to turn on sound". */
	blocked = $state(false);
	/** The audio could not be loaded or played in this browser. */
	failed = $state(false);
	/** True once the audio engine is loaded. */
	engineReady = $state(false);
	/** How many clips were started since the comic opened (tests read it). */
	clipsStarted = $state(0);
	/** URL of the audio file of the clip last started (tests read it). */
	audioSource = $state<string | null>(null);
	/** Position in the playing audio file, seconds, refreshed while playing; null otherwise. */
	positionSec = $state<number | null>(null);

	readonly manifest: Manifest;
	readonly languagesWithNarration: string[];

	#host: NarrationHost;
	#env: NarrationEnvironment;
	#factory: NarratorFactory | null = null;
	#narrator: Narrator | null = null;
	#track = $state.raw<NarrationTrack | null>(null);
	#machine: MachineState = initialNarrationState;
	#unsubscribe: (() => void)[] = [];
	#offBubbleTap: (() => void) | null = null;
	/** Set while narration itself moves the camera, so that move does not count as the student's. */
	#movingCamera = false;
	#stopPolling: (() => void) | null = null;
	#destroyed = false;

	constructor(host: NarrationHost, env: NarrationEnvironment) {
		this.#host = host;
		this.#env = env;
		this.manifest = host.manifest;
		this.languagesWithNarration = narrationLanguages(this.manifest);
		const prefs = this.#readPreferences();
		this.rate = clampRate(prefs.rate ?? 1);
		this.stopAfterEach = prefs.stopAfterEach ?? false;
		this.readDescriptions = prefs.descriptions ?? true;
		this.#machine = { ...initialNarrationState, stopAfterEach: this.stopAfterEach };
		this.language = this.#initialLanguage(prefs.language);
		this.#useLanguage(this.language);
		this.#unsubscribe.push(
			host.onPanelChange(() => {
				// The student turned the page or moved on by hand: stop rather than read a panel they left.
				if (!this.#movingCamera && this.status !== 'idle' && this.status !== 'ended') this.stop();
			})
		);
	}

	/** Loads the audio engine. Call once mounted; playing before it resolves waits for it. */
	async start(): Promise<void> {
		if (this.#factory || this.#destroyed) return;
		try {
			this.#factory = await this.#env.loadNarrator();
		} catch (error) {
			console.error('narration engine could not load', error);
			if (!this.#destroyed) this.failed = true;
			return;
		}
		if (this.#destroyed) return;
		this.#makeNarrator();
		this.engineReady = true;
	}

	/** Whether the chosen language has narration in this comic. */
	get available(): boolean {
		return this.#track !== null;
	}

	/** The narration language has recorded panel descriptions (the controls then offer to read them). */
	get hasDescriptions(): boolean {
		return hasNarratedDescriptions(this.manifest, this.language);
	}

	/** The voice is synthetic (credited as such); the controls say so. */
	get synthetic(): boolean {
		return this.#track?.narration.synthetic ?? false;
	}

	get activeBubble(): string | null {
		const target = this.activeTarget;
		if (!target || !this.#track) return null;
		const i = itemIndexOf(this.#track, target);
		return i !== null && this.#track.items[i]!.kind === 'bubble' ? target : null;
	}

	/** One word for the controls' `data-narration-state`. */
	get uiState(): NarrationUiState {
		if (!this.available) return 'unavailable';
		if (this.failed) return 'failed';
		if (this.blocked) return 'blocked';
		if (!this.engineReady) return 'loading';
		return this.status;
	}

	/** "Read to me" from the panel shown now (or the next narrated one). */
	readToMe(): void {
		if (!this.#track) return;
		if (this.status === 'paused') return this.#dispatch({ type: 'resume' });
		const from = startIndexFrom(this.#track, this.#host.current) ?? 0;
		this.#dispatch({ type: 'readToMe', from });
	}

	pause(): void {
		this.#dispatch({ type: 'pause' });
	}

	/** After a stop-after-each-bubble pause: go on with the next bubble. */
	continue(): void {
		this.#dispatch({ type: 'continue' });
	}

	replay(): void {
		this.blocked = false;
		this.#dispatch({ type: 'replay' });
	}

	stop(): void {
		this.#dispatch({ type: 'stop' });
	}

	/** A tapped bubble: hear only it. */
	playBubble(bubbleId: string): void {
		if (!this.#track) return;
		const index = itemIndexOf(this.#track, bubbleId);
		if (index !== null) this.#dispatch({ type: 'playOne', index });
	}

	/** The user tapped the "turn on sound" prompt: this tap is the gesture the browser wanted. */
	unblock(): void {
		this.blocked = false;
		this.#dispatch({ type: 'replay' });
	}

	setRate(rate: number): void {
		this.rate = clampRate(rate);
		this.#narrator?.setRate(this.rate);
		this.#savePreferences();
	}

	setStopAfterEach(on: boolean): void {
		this.stopAfterEach = on;
		this.#dispatch({ type: 'setStopAfterEach', on });
		this.#savePreferences();
	}

	/** Reads the panel descriptions too, or not; takes effect from the next "Read to me". */
	setReadDescriptions(on: boolean): void {
		if (on === this.readDescriptions) return;
		this.stop();
		this.readDescriptions = on;
		this.#useLanguage(this.language);
		this.#savePreferences();
	}

	/** Changes the narration language (the text language is the reader's and stays). */
	setLanguage(tag: string): void {
		if (tag === this.language) return;
		this.stop();
		this.language = tag;
		this.#useLanguage(tag);
		this.#savePreferences();
	}

	/** Stops the sound and frees the engine and listeners. Safe at any time, and twice. */
	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#stopPolling?.();
		this.#stopPolling = null;
		this.#narrator?.destroy();
		this.#narrator = null;
		this.#offBubbleTap?.();
		this.#offBubbleTap = null;
		for (const off of this.#unsubscribe) off();
		this.#unsubscribe = [];
	}

	// ——— internals ———

	#initialLanguage(remembered: string | undefined): string {
		const declared = this.manifest.languages.map((l) => l.tag);
		const narrated = this.languagesWithNarration;
		// The student's remembered choice wins, even without narration here: they are told so and pick.
		if (remembered && declared.includes(remembered)) return remembered;
		const text = this.#host.textLanguage;
		if (narrated.includes(text)) return text;
		if (narrated.includes(this.manifest.referenceLanguage)) return this.manifest.referenceLanguage;
		return narrated[0] ?? text;
	}

	#useLanguage(tag: string): void {
		this.#narrator?.destroy();
		this.#narrator = null;
		this.#track = buildTrack(this.manifest, tag, { descriptions: this.readDescriptions });
		this.#machine = { ...initialNarrationState, stopAfterEach: this.stopAfterEach };
		this.#sync();
		this.failed = false;
		this.blocked = false;
		// A bubble tap means "read it to me" only when there is something to hear; otherwise the
		// reader keeps its own tap behaviour.
		this.#offBubbleTap?.();
		this.#offBubbleTap = this.#track ? this.#host.onBubbleTap((id) => this.playBubble(id)) : null;
		if (this.#factory) this.#makeNarrator();
	}

	#makeNarrator(): void {
		const track = this.#track;
		if (!track || !this.#factory || this.#destroyed) return;
		const files = track.narration.audio.map((file) => ({
			id: file.id,
			sources: file.sources.map((s) => ({ url: this.#host.source.assetUrl(s.src), type: s.type }))
		}));
		const clips = track.items.map((item) => ({
			key: item.target,
			audio: item.audio,
			startSec: item.startSec,
			endSec: item.endSec
		}));
		this.#narrator = this.#factory(files, clips, {
			onEnd: (key) => {
				if (key === this.activeTarget) this.#dispatch({ type: 'clipEnded' });
			},
			onBlocked: () => {
				this.#dispatch({ type: 'pause' });
				this.blocked = true;
			},
			onError: (key, reason) => {
				console.error(`narration: clip "${key}": ${reason}`);
				this.failed = true;
				this.#dispatch({ type: 'stop' });
			}
		});
		this.#narrator.setRate(this.rate);
	}

	#dispatch(event: NarrationEvent): void {
		const track = this.#track;
		if (!track || this.#destroyed) return;
		const { state, effects } = narrationStep(track, this.#machine, event);
		this.#machine = state;
		for (const effect of effects) this.#apply(track, effect);
		this.#sync();
	}

	#apply(track: NarrationTrack, effect: NarrationEffect): void {
		switch (effect.type) {
			case 'play': {
				const item = track.items[effect.index]!;
				if (!this.#narrator) {
					// The engine is still loading (a tap in the first instant): play once it is there.
					void this.start().then(() => {
						if (this.#machine.current === effect.index && this.#machine.status === 'playing') {
							this.#play(item.target);
						}
					});
					return;
				}
				this.#play(item.target);
				return;
			}
			case 'showPanel': {
				const item = track.items[effect.index]!;
				if (this.#host.current.panelId === item.panelId) return;
				this.#movingCamera = true;
				try {
					this.#host.goToPanel(item.panelId);
				} finally {
					this.#movingCamera = false;
				}
				return;
			}
			case 'pause':
				this.#narrator?.pause();
				return;
			case 'resume':
				this.#narrator?.resume();
				return;
			case 'stop':
				this.#narrator?.stop();
				return;
		}
	}

	#play(target: string): void {
		if (!this.#narrator) return;
		this.#narrator.play(target);
		// The last position read belongs to the previous clip: never show it against the new bubble.
		this.positionSec = null;
		this.clipsStarted++;
		this.audioSource = this.#narrator.currentSource();
	}

	/** Mirrors the machine into the runes fields and the canvas highlight. */
	#sync(): void {
		const { status, current } = this.#machine;
		this.status = status;
		this.#pollPosition(status === 'playing');
		const target = current !== null && this.#track ? this.#track.items[current]!.target : null;
		if (target !== this.activeTarget) {
			this.activeTarget = target;
			this.#host.highlightBubble(this.activeBubble);
		}
	}

	#pollPosition(on: boolean): void {
		if (!on) {
			this.#stopPolling?.();
			this.#stopPolling = null;
			this.positionSec = null;
			return;
		}
		if (this.#stopPolling || !this.#env.every || this.#destroyed) return;
		this.#stopPolling = this.#env.every(POSITION_POLL_MS, () => {
			this.positionSec = this.#narrator?.positionSec() ?? null;
		});
	}

	#readPreferences(): NarrationPreferences {
		try {
			const raw = this.#env.storage?.getItem(PREFERENCES_KEY);
			if (!raw) return {};
			const value = JSON.parse(raw) as NarrationPreferences;
			return {
				language: typeof value.language === 'string' ? value.language : undefined,
				rate: typeof value.rate === 'number' ? value.rate : undefined,
				stopAfterEach: typeof value.stopAfterEach === 'boolean' ? value.stopAfterEach : undefined,
				descriptions: typeof value.descriptions === 'boolean' ? value.descriptions : undefined
			};
		} catch (error) {
			// A corrupt entry only costs the remembered choices.
			console.warn('ignoring unreadable narration preferences', error);
			return {};
		}
	}

	#savePreferences(): void {
		const value: NarrationPreferences = {
			language: this.language,
			rate: this.rate,
			stopAfterEach: this.stopAfterEach,
			descriptions: this.readDescriptions
		};
		try {
			this.#env.storage?.setItem(PREFERENCES_KEY, JSON.stringify(value));
		} catch (error) {
			// Full or disabled storage must not stop the narration.
			console.warn('could not remember the narration preferences', error);
		}
	}
}
