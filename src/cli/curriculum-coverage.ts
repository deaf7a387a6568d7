/**
 * `npm run curriculum:coverage`: prints, for each curriculum objective, the comics and the quiz
 * questions that address it, then the objectives that no question assesses yet. Exits 1 when a
 * comic or question names an objective the curriculum does not know, 2 when it cannot run.
 */
import { curriculumCoverage, type CoverageSource } from '../lib/domain/curriculum/coverage';
import { comicsRoot, listComicDirs, loadComic, loadLanguages } from '../lib/server/content/comic-folder';
import { requireValidCurriculum } from '../lib/server/quiz/curriculum-files';
import { loadQuiz } from '../lib/server/quiz/quiz-files';

async function main(): Promise<number> {
	const root = comicsRoot();
	const curriculum = await requireValidCurriculum(root);
	if (!curriculum) throw new Error(`no curriculum in ${root}/curriculum`);
	const languages = await loadLanguages(root);
	const sources: CoverageSource[] = [];
	for (const dir of await listComicDirs(root)) {
		// Loaded without the objective check so that coverage can still list the unknown codes.
		const comic = await loadComic(dir, languages);
		if (!comic.manifest) {
			console.log(`(skipped ${comic.slug}: its comic.json has errors, see npm run comics:check)`);
			continue;
		}
		const quiz = await loadQuiz(dir, comic.manifest);
		sources.push({
			slug: comic.slug,
			objectives: comic.manifest.objectives,
			questions: quiz.quiz?.questions ?? []
		});
		if (quiz.present && !quiz.quiz)
			console.log(`(${comic.slug}: quiz.json has errors, see npm run comics:check)`);
	}
	const report = curriculumCoverage(
		curriculum.objectives.map((o) => o.code),
		sources
	);
	const titles = new Map(curriculum.objectives.map((o) => [o.code, o.title.fr ?? '']));
	const sample = curriculum.curricula.some((c) => c.framework.sample);
	console.log(
		`Curriculum coverage: ${report.objectives.length} objectives, ${sources.length} comic(s)` +
			(sample ? ' (SAMPLE curriculum, not official)' : '')
	);
	for (const o of report.objectives) {
		console.log(`\n${o.code}  ${titles.get(o.code)}`);
		console.log(`    comics:    ${o.comics.join(', ') || '—'}`);
		console.log(`    questions: ${o.questions.join(', ') || '—'}`);
	}
	console.log(`\nObjectives no question assesses (${report.unassessed.length}):`);
	for (const code of report.unassessed) console.log(`  ${code}  ${titles.get(code)}`);
	if (report.unknown.length > 0) {
		console.log(`\nUnknown objective codes (${report.unknown.length}):`);
		for (const u of report.unknown) console.log(`  ${u.where}: ${u.code}`);
		return 1;
	}
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`curriculum:coverage could not run: ${(error as Error).message}`);
		process.exit(2);
	}
);
