/**
 * The curriculum as data (comics/curriculum/*.json): levels (grades 7e–9e), domains, competencies
 * and objectives. The codes shipped today are a SAMPLE (mali-context.md §1.5): every record says
 * `official: false` and keeps an empty `officialRef` so the Ministry's codes can be attached later
 * without renaming anything.
 */
import { z } from 'zod';
import { localizedTextSchema } from '../manifest/schema';

export const CURRENT_CURRICULUM_VERSION = 1;

/** `SMP-ECM-{grade}-{domain}-{theme:02}.{objective}`, e.g. `SMP-ECM-7-COLL-04.1`. */
export const OBJECTIVE_CODE = /^(SMP-)?ECM-(\d{1,2})-([A-Z]{2,8})-(\d{2})\.(\d{1,2})$/;
/** A competency (theme) is the objective code without its last part: `SMP-ECM-7-COLL-04`. */
export const COMPETENCY_CODE = /^(SMP-)?ECM-(\d{1,2})-([A-Z]{2,8})-(\d{2})$/;

const officialFields = {
	/** false until the MEN supplies the code; sample records must say so. */
	official: z.boolean(),
	/** The Ministry's own reference, once there is one. */
	officialRef: z.string().min(1).nullable()
};

export const levelSchema = z.strictObject({
	id: z.string().regex(/^\d{1,2}$/, 'gradeFormat'),
	title: localizedTextSchema,
	cycle: z.string().min(1),
	periods: z.number().int().positive(),
	/** The exam at the end of this grade, if any (DEF in 9e). */
	exam: z.string().min(1).optional()
});

export const domainSchema = z.strictObject({
	code: z.string().regex(/^[A-Z]{2,8}$/, 'domainCodeFormat'),
	title: localizedTextSchema
});

export const competencySchema = z.strictObject({
	id: z.string().regex(COMPETENCY_CODE, 'competencyCodeFormat'),
	level: z.string(),
	domain: z.string(),
	/** Two-digit theme number inside the domain and grade. */
	theme: z.string().regex(/^\d{2}$/),
	/** Teaching period of the school year (1–3). */
	period: z.number().int().positive(),
	title: localizedTextSchema,
	...officialFields
});

export const objectiveSchema = z.strictObject({
	code: z.string().regex(OBJECTIVE_CODE, 'objectiveCodeFormat'),
	level: z.string(),
	period: z.number().int().positive(),
	domain: z.string(),
	competency: z.string(),
	title: localizedTextSchema,
	/**
	 * The objective in a student's words, per language, shown on the student's quiz results after
	 * "Tu sais…" / "À revoir…" (the title is the teacher's wording).
	 */
	studentTitle: localizedTextSchema,
	/** Where the objective comes from: fact cards (FACT-…) or sources (S14…) of mali-context.md. */
	sources: z.array(z.string().min(1)).min(1, 'needsSource'),
	reviewStatus: z.enum(['draft', 'reviewed', 'approved']),
	...officialFields
});

export const curriculumSchema = z.strictObject({
	$comment: z.string().optional(),
	schemaVersion: z.literal(CURRENT_CURRICULUM_VERSION),
	framework: z.strictObject({
		id: z.string().min(1),
		title: localizedTextSchema,
		country: z.string().length(2),
		authority: z.string().min(1),
		/** The whole set is a sample until the MEN supplies official codes. */
		sample: z.boolean(),
		reviewStatus: z.enum(['draft', 'reviewed', 'approved']),
		...officialFields
	}),
	levels: z.array(levelSchema).min(1),
	domains: z.array(domainSchema).min(1),
	competencies: z.array(competencySchema).min(1),
	objectives: z.array(objectiveSchema).min(1)
});

export type Curriculum = z.infer<typeof curriculumSchema>;
export type CurriculumLevel = z.infer<typeof levelSchema>;
export type CurriculumDomain = z.infer<typeof domainSchema>;
export type Competency = z.infer<typeof competencySchema>;
export type Objective = z.infer<typeof objectiveSchema>;
