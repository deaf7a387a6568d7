/**
 * Translations of the content findings (what comics:check and an upload report). Registered only
 * by the pages that show findings (authors' and reviewers'), so students' pages do not carry them.
 * English comes from the findings catalogue itself (src/lib/domain/manifest/findings.ts), so the
 * text an author reads in English is the one comics:check prints.
 */
import { FINDING_TEXTS } from '$lib/domain/manifest/findings';
import fr from './findings/fr.json';
import { addMessages } from './index';

/** Findings per interface language, for the completeness test. */
export const FINDING_CATALOGS = { fr, en: FINDING_TEXTS } satisfies Record<string, Record<string, string>>;

for (const [lang, findings] of Object.entries(FINDING_CATALOGS)) addMessages(lang, { findings });
