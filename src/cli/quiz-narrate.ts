/**
 * Authoring tool: synthetic narration for quizzes, so weak readers can listen to the questions.
 *
 *   npx tsx src/cli/quiz-narrate.ts [--lang fr,en] [--speed 150] [comic-folder…]
 *
 * For each question and language it speaks the prompt, each choice option and the explanation
 * with espeak-ng, joins them with short silences into one file per question
 * (`audio/quiz/<lang>/<question>.ogg|mp3`), and writes the segments into the question's
 * `narration.<lang>` in quiz.json. Only that field and audio/quiz/ are touched. A synthetic voice
 * is a placeholder until people record the quiz. Needs /usr/bin/espeak-ng and /usr/bin/ffmpeg
 * (Debian packages); the app does not. Same voices and encoding as comics/tools/narrate.ts
 * (encodeSpeech in comics/tools/speech.ts).
 */
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
	existsSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { QuestionNarration, Quiz, QuizClip } from '../lib/domain/quiz/schema';
import {
	LEAD_SEC,
	SAMPLE_RATE,
	VOICES,
	encodeSpeech,
	round3,
	speak,
	writeWav
} from '../../comics/tools/speech';

const GAP_SEC = 0.6;

function narrateQuiz(dir: string, languages: string[], speed: number): void {
	const file = path.join(dir, 'quiz.json');
	const quiz = JSON.parse(readFileSync(file, 'utf8')) as Quiz;
	const work = mkdtempSync(path.join(tmpdir(), 'kalanso-quiz-narrate-'));
	try {
		for (const lang of languages) {
			const voice = VOICES[lang];
			if (!voice) throw new Error(`no espeak-ng voice for "${lang}"`);
			const outDir = path.join(dir, 'audio', 'quiz', lang);
			rmSync(outDir, { recursive: true, force: true });
			mkdirSync(outDir, { recursive: true });
			for (const q of quiz.questions) {
				const parts: Array<{ key: string; text: string }> = [{ key: 'prompt', text: q.prompt[lang] ?? '' }];
				if (q.type === 'single' || q.type === 'multiple')
					for (const o of q.options) parts.push({ key: `option:${o.id}`, text: o.text[lang] ?? '' });
				parts.push({ key: 'explanation', text: q.explanation[lang] ?? '' });
				const chunks: Int16Array[] = [new Int16Array(Math.round(LEAD_SEC * SAMPLE_RATE))];
				let at = LEAD_SEC;
				const segments: Array<{ key: string; startSec: number; endSec: number }> = [];
				for (const part of parts.filter((p) => p.text)) {
					const samples = speak(part.text, voice, speed);
					segments.push({
						key: part.key,
						startSec: round3(at),
						endSec: round3(at + samples.length / SAMPLE_RATE)
					});
					chunks.push(samples, new Int16Array(Math.round(GAP_SEC * SAMPLE_RATE)));
					at += samples.length / SAMPLE_RATE + GAP_SEC;
				}
				const total = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
				let offset = 0;
				for (const c of chunks) total.set(c, (offset += c.length) - c.length);
				const wav = path.join(work, `${lang}-${q.id}.wav`);
				writeWav(wav, total);
				const rel = (ext: string) => `audio/quiz/${lang}/${q.id}.${ext}`;
				encodeSpeech(wav, path.join(dir, `audio/quiz/${lang}/${q.id}`));
				const sources = [
					{ src: rel('ogg'), type: 'audio/ogg; codecs=opus' },
					{ src: rel('mp3'), type: 'audio/mpeg' }
				];
				const clip = (s: { startSec: number; endSec: number }): QuizClip => ({
					sources,
					startSec: s.startSec,
					endSec: s.endSec
				});
				const narration: QuestionNarration = { synthetic: true };
				for (const s of segments) {
					if (s.key === 'prompt') narration.prompt = clip(s);
					else if (s.key === 'explanation') narration.explanation = clip(s);
					else (narration.options ??= {})[s.key.slice('option:'.length)] = clip(s);
				}
				q.narration = { ...q.narration, [lang]: narration };
			}
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	writeFileSync(file, JSON.stringify(quiz, null, '\t') + '\n');
	console.log(
		`${path.relative(process.cwd(), file)}: ${quiz.questions.length} questions narrated in ${languages.join(', ')}`
	);
}

function main(): void {
	const args = process.argv.slice(2);
	let languages = ['fr', 'en'];
	let speed = 150;
	const dirs: string[] = [];
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--lang') languages = args[++i]!.split(',');
		else if (args[i] === '--speed') speed = Number(args[++i]);
		else dirs.push(path.resolve(args[i]!));
	}
	if (dirs.length === 0) {
		const root = path.resolve(process.env.KALANSO_COMICS ?? 'comics');
		for (const entry of readdirSync(root, { withFileTypes: true }))
			if (entry.isDirectory() && existsSync(path.join(root, entry.name, 'quiz.json')))
				dirs.push(path.join(root, entry.name));
	}
	for (const dir of dirs.sort()) narrateQuiz(dir, languages, speed);
}

main();
