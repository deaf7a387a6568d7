import { describe, expect, it } from 'vitest';
import { fakeNarratorFactory } from '$lib/audio/fake-narrator';
import { testComic } from '$lib/domain/narration/test-comic';
import { NarrationState, PREFERENCES_KEY, type NarrationHost } from './narration.svelte';

/** A reader stand-in: records camera moves and highlights, lets the test tap bubbles. */
function fakeHost(textLanguage = 'fr') {
	const manifest = testComic();
	const order = manifest.pages.flatMap((page, pageIndex) =>
		page.panels.map((panel, panelIndex) => ({ pageIndex, panelIndex, panelId: panel.id }))
	);
	const tapListeners: ((id: string) => void)[] = [];
	const panelListeners: ((p: { panelId: string }) => void)[] = [];
	const host = {
		manifest,
		source: { assetUrl: (p: string) => `/comics/test/${p}` },
		index: 0,
		textLanguage,
		log: [] as string[],
		get current() {
			return order[this.index]!;
		},
		goToPanel(panelId: string) {
			this.index = order.findIndex((o) => o.panelId === panelId);
			this.log.push(`panel ${panelId}`);
			for (const l of panelListeners) l({ panelId });
			return true;
		},
		highlightBubble(id: string | null) {
			this.log.push(`highlight ${id}`);
		},
		onBubbleTap(listener: (id: string) => void) {
			tapListeners.push(listener);
			return () => tapListeners.splice(tapListeners.indexOf(listener), 1);
		},
		onPanelChange(listener: (p: { panelId: string }) => void) {
			panelListeners.push(listener);
			return () => panelListeners.splice(panelListeners.indexOf(listener), 1);
		},
		tap(id: string) {
			for (const l of [...tapListeners]) l(id);
		},
		get tapListeners() {
			return tapListeners.length;
		}
	};
	return host satisfies NarrationHost & Record<string, unknown>;
}

function memoryStorage(initial: Record<string, string> = {}) {
	const data = new Map(Object.entries(initial));
	return {
		getItem: (k: string) => data.get(k) ?? null,
		setItem: (k: string, v: string) => void data.set(k, v),
		data
	};
}

async function setup(options: { textLanguage?: string; stored?: object } = {}) {
	const host = fakeHost(options.textLanguage);
	const factory = fakeNarratorFactory();
	// Most cases are about bubbles: they start with the recorded descriptions turned off. The cases
	// about descriptions pass `stored: {}` (nothing remembered: the default, descriptions on).
	const stored = options.stored ?? { descriptions: false };
	const storage = memoryStorage({ [PREFERENCES_KEY]: JSON.stringify(stored) });
	const state = new NarrationState(host, { storage, loadNarrator: async () => factory });
	await state.start();
	const narrator = () => factory.made.at(-1)!;
	return { host, state, narrator, storage, factory };
}

describe('NarrationState', () => {
	it('reads to me in order, highlighting each bubble and moving the camera across panels and pages', async () => {
		const { host, state, narrator } = await setup({ stored: {} });
		expect(state.uiState).toBe('idle');
		state.readToMe();
		const seen: string[] = [];
		while (narrator().current) {
			seen.push(`${state.activeTarget}:${state.activeBubble}@${host.current.panelId}`);
			narrator().finish();
		}
		// The recorded description of panel pa comes first (read by default); it highlights no bubble.
		expect(seen).toEqual(['pa:null@pa', 'a1:a1@pa', 'a2:a2@pa', 'b1:b1@pb', 'c1:c1@pc', 'c2:c2@pc']);
		expect(state.uiState).toBe('ended');
		expect(state.activeBubble).toBeNull();
		expect(host.log.filter((l) => l.startsWith('panel'))).toEqual(['panel pb', 'panel pc']);
		expect(host.log.at(-1)).toBe('highlight null');
		expect(state.clipsStarted).toBe(6);
		expect(state.audioSource).toBe('/comics/test/audio/fr/p2.webm');
	});

	it('offers the recorded descriptions, and skips them once the student turns them off (remembered)', async () => {
		const { state, narrator, storage } = await setup({ stored: {} });
		expect(state.hasDescriptions).toBe(true);
		expect(state.readDescriptions).toBe(true);
		state.setReadDescriptions(false);
		state.readToMe();
		expect(narrator().current).toBe('a1');
		expect(JSON.parse(storage.data.get(PREFERENCES_KEY)!).descriptions).toBe(false);
		const again = await setup({ stored: { descriptions: false } });
		expect(again.state.readDescriptions).toBe(false);
		again.state.readToMe();
		expect(again.narrator().current).toBe('a1');
	});

	it('starts from the panel being read', async () => {
		const { host, state, narrator } = await setup();
		host.index = 1;
		state.readToMe();
		expect(narrator().current).toBe('b1');
	});

	it('plays only the tapped bubble', async () => {
		const { host, state, narrator } = await setup();
		host.tap('c1');
		expect(narrator().log).toEqual(['rate 1', 'play c1']);
		narrator().finish();
		expect(state.status).toBe('idle');
		expect(narrator().log.filter((l) => l.startsWith('play'))).toEqual(['play c1']);
	});

	it('waits after each bubble in stop-after-each mode and remembers the mode', async () => {
		const { state, narrator, storage } = await setup();
		state.setStopAfterEach(true);
		state.readToMe();
		narrator().finish();
		expect(state.uiState).toBe('waiting');
		expect(state.activeBubble).toBe('a1');
		state.continue();
		expect(narrator().current).toBe('a2');
		expect(JSON.parse(storage.data.get(PREFERENCES_KEY)!)).toMatchObject({ stopAfterEach: true });
	});

	it('changes speed on the clip playing and clamps it', async () => {
		const { state, narrator } = await setup();
		state.readToMe();
		state.setRate(1.5);
		state.setRate(3);
		expect(narrator().rate).toBe(1.5);
		expect(state.activeBubble).toBe('a1');
	});

	it('stops when the student moves to another panel by hand', async () => {
		const { host, state } = await setup();
		state.readToMe();
		host.goToPanel('pc');
		expect(state.status).toBe('idle');
	});

	it('asks for a tap when the browser refuses sound, and plays on that tap', async () => {
		const { state, narrator } = await setup();
		narrator().blockNext = true;
		state.readToMe();
		expect(state.uiState).toBe('blocked');
		state.unblock();
		expect(state.uiState).toBe('playing');
		expect(narrator().current).toBe('a1');
	});

	it('says so for a language without narration, and leaves bubble taps to the reader', async () => {
		const { host, state, factory } = await setup({ stored: { language: 'en', descriptions: false } });
		expect(state.language).toBe('en');
		expect(state.uiState).toBe('unavailable');
		expect(host.tapListeners).toBe(0);
		state.setLanguage('fr');
		expect(state.uiState).toBe('idle');
		expect(host.tapListeners).toBe(1);
		state.readToMe();
		expect(factory.made.at(-1)!.current).toBe('a1');
	});

	it('switching language stops the old voice and builds a new narrator', async () => {
		const { state, factory, storage } = await setup();
		state.readToMe();
		const first = factory.made.at(-1)!;
		state.setLanguage('en');
		expect(first.destroyed).toBe(true);
		expect(JSON.parse(storage.data.get(PREFERENCES_KEY)!)).toMatchObject({ language: 'en' });
	});

	it('is safe to destroy at any time, also before the engine loaded', async () => {
		const host = fakeHost();
		const state = new NarrationState(host, { storage: null, loadNarrator: () => new Promise(() => {}) });
		void state.start();
		state.destroy();
		state.destroy();
		state.readToMe();
		expect(host.tapListeners).toBe(0);
		const { state: started, narrator } = await setup();
		started.readToMe();
		started.destroy();
		expect(narrator().destroyed).toBe(true);
	});
});
