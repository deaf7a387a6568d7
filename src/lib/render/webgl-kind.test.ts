import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	WEBGL_KIND_KEY,
	backendOrder,
	isSoftwareRenderer,
	rememberWebGL,
	rememberedWebGL,
	webglKindOf
} from './webgl-kind';

describe('isSoftwareRenderer', () => {
	it('names WebGL drawn on the CPU', () => {
		for (const name of [
			// Chromium 156 on these machines (headless, --disable-gpu).
			'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
			'Google SwiftShader',
			'llvmpipe (LLVM 15.0.6, 256 bits)',
			'Mesa/X.org, llvmpipe (LLVM 15.0.6, 256 bits)',
			'softpipe',
			'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)'
		])
			expect(isSoftwareRenderer(name), name).toBe(true);
	});

	it('does not take a GPU for software', () => {
		for (const name of [
			'Mali-G52 MC2',
			'Adreno (TM) 610',
			'PowerVR Rogue GE8320',
			'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
			'Apple GPU',
			'WebKit WebGL',
			''
		])
			expect(isSoftwareRenderer(name), name).toBe(false);
	});
});

describe('webglKindOf', () => {
	const UNMASKED = 0x9246;
	const RENDERER = 0x1f01;
	const context = (names: Record<number, string>, debugInfo: boolean) =>
		({
			RENDERER,
			getExtension: (name: string) =>
				debugInfo && name === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL: UNMASKED } : null,
			getParameter: (p: number) => names[p] ?? null
		}) as unknown as WebGL2RenderingContext;

	it('reads the unmasked renderer where the browser gives it', () => {
		expect(webglKindOf(context({ [UNMASKED]: 'Google SwiftShader', [RENDERER]: 'WebKit WebGL' }, true))).toBe(
			'software'
		);
		expect(webglKindOf(context({ [UNMASKED]: 'Mali-G52 MC2', [RENDERER]: 'WebKit WebGL' }, true))).toBe(
			'hardware'
		);
	});

	it('reads RENDERER where there is no debug extension (Firefox)', () => {
		expect(webglKindOf(context({ [RENDERER]: 'llvmpipe, or similar' }, false))).toBe('software');
		expect(webglKindOf(context({ [RENDERER]: 'Adreno (TM) 610, or similar' }, false))).toBe('hardware');
	});
});

describe('backendOrder', () => {
	it('starts with WebGL unless it is known to be software', () => {
		expect(backendOrder('auto', null)).toEqual(['webgl', 'canvas']);
		expect(backendOrder('auto', 'hardware')).toEqual(['webgl', 'canvas']);
		expect(backendOrder('auto', 'software')).toEqual(['canvas', 'webgl']);
	});

	it('tries only a forced renderer, whatever the device', () => {
		expect(backendOrder('webgl', 'software')).toEqual(['webgl']);
		expect(backendOrder('canvas', 'hardware')).toEqual(['canvas']);
	});
});

describe('remembering the kind', () => {
	afterEach(() => vi.unstubAllGlobals());

	function stubBrowser(userAgent: string, store = new Map<string, string>()) {
		vi.stubGlobal('navigator', { userAgent });
		vi.stubGlobal('localStorage', {
			getItem: (k: string) => store.get(k) ?? null,
			setItem: (k: string, v: string) => void store.set(k, v)
		});
		return store;
	}

	it('keeps the verdict for the same browser', () => {
		const store = stubBrowser('Chromium/156');
		expect(rememberedWebGL()).toBeNull();
		rememberWebGL('software');
		expect(rememberedWebGL()).toBe('software');
		rememberWebGL('hardware');
		expect(rememberedWebGL()).toBe('hardware');
		expect(JSON.parse(store.get(WEBGL_KIND_KEY)!)).toEqual({ browser: 'Chromium/156', kind: 'hardware' });
	});

	it('asks again after a browser update', () => {
		const store = stubBrowser('Chromium/156');
		rememberWebGL('software');
		stubBrowser('Chromium/157', store);
		expect(rememberedWebGL()).toBeNull();
	});

	it('reads a value not its own, or storage that throws, as not known', () => {
		const store = stubBrowser('Chromium/156');
		store.set(WEBGL_KIND_KEY, 'not json');
		expect(rememberedWebGL()).toBeNull();
		store.set(WEBGL_KIND_KEY, JSON.stringify({ browser: 'Chromium/156', kind: 'quantum' }));
		expect(rememberedWebGL()).toBeNull();
		vi.stubGlobal('localStorage', {
			getItem: () => {
				throw new Error('SecurityError');
			},
			setItem: () => {
				throw new Error('QuotaExceededError');
			}
		});
		expect(() => rememberWebGL('software')).not.toThrow();
		expect(rememberedWebGL()).toBeNull();
	});
});

describe('webglKind: remembered, or probed once and remembered', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.resetModules();
	});

	/** A browser whose canvases give a WebGL context naming `renderer` (null: no WebGL at all). */
	function stubDevice(renderer: string | null, store = new Map<string, string>()) {
		const made: string[] = [];
		vi.stubGlobal('navigator', { userAgent: 'Chromium/156' });
		vi.stubGlobal('localStorage', {
			getItem: (k: string) => store.get(k) ?? null,
			setItem: (k: string, v: string) => void store.set(k, v)
		});
		vi.stubGlobal('document', {
			createElement: () => ({
				getContext: (type: string) => {
					made.push(type);
					if (renderer === null) return null;
					return {
						RENDERER: 0x1f01,
						getExtension: (name: string) =>
							name === 'WEBGL_debug_renderer_info'
								? { UNMASKED_RENDERER_WEBGL: 0x9246 }
								: { loseContext() {} },
						getParameter: (p: number) => (p === 0x9246 ? renderer : 'WebKit WebGL')
					};
				}
			})
		});
		return { made, store };
	}

	it('probes a device not known yet, remembers it and does not probe it again', async () => {
		const { made, store } = stubDevice('Google SwiftShader');
		const { webglKind } = await import('./webgl-kind');
		expect(webglKind()).toBe('software');
		expect(made).toEqual(['webgl2']);
		expect(JSON.parse(store.get(WEBGL_KIND_KEY)!)).toMatchObject({ kind: 'software' });
		expect(webglKind()).toBe('software');
		expect(made).toEqual(['webgl2']);
	});

	it('makes no context where the kind is remembered', async () => {
		const store = new Map([[WEBGL_KIND_KEY, JSON.stringify({ browser: 'Chromium/156', kind: 'hardware' })]]);
		const { made } = stubDevice('Google SwiftShader', store);
		const { webglKind } = await import('./webgl-kind');
		expect(webglKind()).toBe('hardware');
		expect(made).toEqual([]);
	});

	it('answers null without WebGL, and asks only once in a page load', async () => {
		const { made, store } = stubDevice(null);
		const { webglKind } = await import('./webgl-kind');
		expect(webglKind()).toBeNull();
		expect(webglKind()).toBeNull();
		expect(made).toEqual(['webgl2', 'webgl']);
		expect(store.size).toBe(0);
	});
});
