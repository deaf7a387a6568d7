/**
 * The microphone, behind a small interface (STYLE.md habit 2): getUserMedia for the stream, a
 * ScriptProcessorNode to collect the samples and report the level. ScriptProcessor rather than an
 * AudioWorklet because a worklet is a module loaded from a URL (a blob: or an extra file under the
 * page's CSP), and both work alike on Chrome 87; MediaRecorder is not used because the take is
 * processed as samples anyway (trim, loudness, split) before the server encodes it once.
 */
import type { Pcm } from '$lib/domain/narration/recording/pcm';

/** Why the microphone cannot be used, as the recorder says it (studio-narration.errors.*). */
export type MicrophoneProblem = 'no-microphone' | 'permission-refused' | 'microphone-busy' | 'insecure';

export class MicrophoneError extends Error {
	constructor(readonly code: MicrophoneProblem) {
		super(code);
	}
}

/** The problem behind a getUserMedia failure (DOMException names of the Media Capture spec). */
export function microphoneProblem(error: unknown): MicrophoneProblem {
	const name = (error as { name?: string } | null)?.name ?? '';
	if (name === 'NotAllowedError' || name === 'PermissionDeniedError' || name === 'SecurityError')
		return 'permission-refused';
	if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError')
		return 'microphone-busy';
	return 'no-microphone';
}

/** An open microphone collecting a take. */
export interface Microphone {
	/** Stops and returns the take (mono). */
	stop(): Pcm;
	/** Releases the microphone and the audio context; safe at any moment, more than once. */
	destroy(): void;
}

/**
 * Opens the microphone and starts collecting; `onLevel` receives the level (dBFS RMS) of every
 * ≈ 85 ms block, for the meter. Throws MicrophoneError.
 */
export async function openMicrophone(onLevel: (dbfs: number) => void): Promise<Microphone> {
	if (!navigator.mediaDevices?.getUserMedia) {
		// Browsers hide mediaDevices on plain-http pages other than localhost.
		throw new MicrophoneError(window.isSecureContext ? 'no-microphone' : 'insecure');
	}
	let stream: MediaStream;
	try {
		stream = await navigator.mediaDevices.getUserMedia({
			// Our own loudness evening replaces the browser's gain control, which pumps between words.
			audio: { channelCount: 1, echoCancellation: false, autoGainControl: false, noiseSuppression: true }
		});
	} catch (error) {
		throw new MicrophoneError(microphoneProblem(error));
	}
	const context = new AudioContext();
	const source = context.createMediaStreamSource(stream);
	const processor = context.createScriptProcessor(4096, 1, 1);
	// The processor only runs when connected to the output: through a muted gain, so no echo.
	const mute = context.createGain();
	mute.gain.value = 0;
	const chunks: Float32Array[] = [];
	processor.onaudioprocess = (event) => {
		const input = event.inputBuffer.getChannelData(0);
		chunks.push(new Float32Array(input));
		let sum = 0;
		for (const s of input) sum += s * s;
		const ms = sum / input.length;
		onLevel(ms > 1e-12 ? 10 * Math.log10(ms) : -120);
	};
	source.connect(processor);
	processor.connect(mute);
	mute.connect(context.destination);
	if (context.state === 'suspended') await context.resume();
	let destroyed = false;
	const destroy = () => {
		if (destroyed) return;
		destroyed = true;
		processor.onaudioprocess = null;
		source.disconnect();
		processor.disconnect();
		mute.disconnect();
		for (const track of stream.getTracks()) track.stop();
		void context.close();
	};
	return {
		stop() {
			const samples = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
			let at = 0;
			for (const c of chunks) {
				samples.set(c, at);
				at += c.length;
			}
			const sampleRate = context.sampleRate;
			destroy();
			return { samples, sampleRate };
		},
		destroy
	};
}
