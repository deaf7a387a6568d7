/**
 * What a recorded page costs at candidate speech bitrates (issue 21), to choose the one speech
 * encoding (src/lib/domain/narration/speech-encoding.ts) honestly:
 *
 *     npx tsx comics/tools/speech-bitrates.ts
 *
 * 1. Bytes per second of speech as the studio's recorder writes it: the committed takes
 *    (tests/fixtures/narration-takes) trimmed and evened to −16 LUFS as the recorder does, then
 *    encoded by its encoder (opusscript) at each bitrate, 60 ms frames; and by ffmpeg (the tools).
 *    The takes are espeak-ng with room noise, not people: a human voice has more above 4 kHz and
 *    more pauses; the figure is a floor rather than a promise.
 * 2. The consequence for the worst sample comic (« Awa et le CGS », English): its pages' art, cover
 *    and JSON (gzipped, as sent) plus its seconds of page and quiz narration at each rate, per page,
 *    with the quiz narration in the pack, and without it (fetched separately).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readOggOpus } from '../../src/lib/domain/narration/ogg-opus';
import { evenLoudness } from '../../src/lib/domain/narration/recording/loudness';
import { decodeWav, encodeWav, resample } from '../../src/lib/domain/narration/recording/pcm';
import { trimSilence } from '../../src/lib/domain/narration/recording/speech';
import { ffmpegOpusArgs, SPEECH_OPUS } from '../../src/lib/domain/narration/speech-encoding';
import { ENCODE_RATE, encodeOggOpus } from '../../src/lib/server/studio/narration/encode';

const BITRATES = [6000, 8000, 12000, 16000, 24000];
const TAKES = ['page-a', 'page-b', 'page-c'];
const BUDGET = 150 * 1024;
const COMIC = 'comics/awa-et-le-cgs';
const LANGUAGE = 'en';

const tmp = mkdtempSync(path.join(tmpdir(), 'speech-bitrates-'));
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

// 1. Bytes per second of recorded speech.
const takes = TAKES.map((name) => {
	const pcm = resample(decodeWav(readFileSync(`tests/fixtures/narration-takes/${name}.wav`)), ENCODE_RATE);
	return evenLoudness(trimSilence(pcm)!.pcm);
});
const takeSec = takes.reduce((n, t) => n + t.samples.length / t.sampleRate, 0);
const bytesPerSec: Record<number, { recorder: number; tools: number; bandwidths: string }> = {};
for (const bitrateBps of BITRATES) {
	const encoding = { ...SPEECH_OPUS, bitrateBps };
	let recorder = 0;
	let tools = 0;
	const bandwidths = new Set<string>();
	for (const [i, take] of takes.entries()) {
		const ogg = encodeOggOpus(take, encoding);
		recorder += ogg.length;
		readOggOpus(ogg).bandwidths.forEach((b) => bandwidths.add(b));
		const wav = path.join(tmp, `${i}.wav`);
		const out = path.join(tmp, `${i}.ogg`);
		writeFileSync(wav, encodeWav(take));
		execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', wav, ...ffmpegOpusArgs(encoding), out]);
		tools += statSync(out).size;
	}
	bytesPerSec[bitrateBps] = {
		recorder: recorder / takeSec,
		tools: tools / takeSec,
		bandwidths: [...bandwidths].join('+')
	};
}
console.log(`Recorded speech (${takeSec.toFixed(1)} s of takes), Ogg Opus, 60 ms frames:`);
console.log('kbit/s | recorder B/s | ffmpeg B/s | bandwidth');
for (const b of BITRATES) {
	const r = bytesPerSec[b]!;
	console.log(`${b / 1000} | ${r.recorder.toFixed(0)} | ${r.tools.toFixed(0)} | ${r.bandwidths}`);
}

// 2. The worst sample comic at each rate.
const comic = JSON.parse(readFileSync(`${COMIC}/comic.json`, 'utf8')) as {
	cover?: string;
	pages: { image: string }[];
};
const size = (file: string) => statSync(path.join(COMIC, file)).size;
const gz = (file: string) => gzipSync(readFileSync(path.join(COMIC, file)), { level: 9 }).length;
const fixed =
	comic.pages.reduce((n, p) => n + size(p.image), 0) +
	(comic.cover ? size(comic.cover) : 0) +
	gz('comic.json') +
	gz('quiz.json');
const seconds = (dir: string) =>
	readdirSync(path.join(COMIC, dir))
		.filter((f) => f.endsWith('.ogg'))
		.reduce((n, f) => n + readOggOpus(readFileSync(path.join(COMIC, dir, f))).durationSec, 0);
const pageSec = seconds(`audio/${LANGUAGE}`);
const quizSec = seconds(`audio/quiz/${LANGUAGE}`);
const pages = comic.pages.length;
console.log(
	`\n${COMIC} (${LANGUAGE}), ${pages} pages: art + cover + JSON ${kb(fixed)} KB, page narration ${pageSec.toFixed(0)} s, quiz narration ${quizSec.toFixed(0)} s`
);
console.log('kbit/s | per page, quiz narration in the pack | per page, quiz narration apart (its KB)');
for (const b of BITRATES) {
	const rate = bytesPerSec[b]!.recorder;
	const withQuiz = (fixed + rate * (pageSec + quizSec)) / pages;
	const without = (fixed + rate * pageSec) / pages;
	const mark = (bytes: number) => `${kb(bytes)} KB ${bytes <= BUDGET ? 'within' : 'OVER'}`;
	console.log(`${b / 1000} | ${mark(withQuiz)} | ${mark(without)} (${kb(rate * quizSec)} KB)`);
}
rmSync(tmp, { recursive: true, force: true });
