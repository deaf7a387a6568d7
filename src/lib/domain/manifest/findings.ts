/**
 * Every problem the content checks can find, as a code with named parameters. The English text of
 * each code lives here (comics:check and the server logs print it); the interface translates the
 * code through the i18n layer (`findings.<code>` in src/lib/i18n/findings/), so an author reading in
 * French sees French. Templates use ICU's simple `{name}` placeholders only (no plural, no quotes
 * around braces) so that `fillFinding` here and intl-messageformat in the browser agree; a test holds
 * them to that.
 */
export const FINDING_TEXTS = {
	// Reading files
	fileUnreadable: 'cannot be read: {detail}',
	manifestMissing: 'comic.json is missing or unreadable',
	notJson: 'not valid JSON at line {line}, column {column}: {detail}',
	idMatchesFolder: 'id "{id}" must match the folder name "{folder}"',
	pathLeavesFolder: 'path leaves the comic folder',

	// Schema versions
	schemaNewer: 'schemaVersion {version} is newer than this app understands ({current}): update Kalanso',
	schemaUnknown: 'schemaVersion {version} is not a Kalanso version ({first} to {current})',
	schemaNoMigration: 'no migration from schemaVersion {version}',

	// Shape of the JSON (from the schema)
	unknownFields: 'unknown field(s) {fields}',
	requiredMissing: 'required field is missing ({expected})',
	wrongType: 'expected {expected} here, found {found}',
	tooShort: 'must have at least {minimum} characters',
	tooLong: 'must have at most {maximum} characters',
	tooFewItems: 'must have at least {minimum} item(s)',
	tooManyItems: 'must have at most {maximum} item(s)',
	numberAtLeast: 'must be at least {minimum}',
	numberAbove: 'must be more than {minimum}',
	numberAtMost: 'must be at most {maximum}',
	numberBelow: 'must be less than {maximum}',
	notInteger: 'must be a whole number',
	notOneOf: 'must be one of {values}',
	badPattern: 'does not have the expected form ({pattern})',
	noMatchingForm: 'matches none of the allowed forms (check "type" and the fields it needs)',
	invalidValue: 'invalid value ({detail})',
	mustNotBeEmpty: 'must not be empty',
	idFormat: 'must be lowercase letters, digits and dashes (e.g. "p1-panel-2")',
	languageTagFormat: 'must be a BCP-47 tag such as "fr", "bm" or "ff-Latn"',
	audioMimeFormat: 'must be an audio MIME type such as "audio/ogg; codecs=opus"',
	sha256Format: 'must be a SHA-256 hex digest',
	gradeFormat: 'must be a grade number such as "7"',
	domainCodeFormat: 'must be 2–8 capital letters such as "COLL"',
	competencyCodeFormat: 'must look like "SMP-ECM-7-COLL-04"',
	objectiveCodeFormat: 'must look like "SMP-ECM-7-COLL-04.1"',
	needsSource: 'name at least one source',
	pageNeedsPanel: 'a page needs at least one panel',
	questionNeedsObjective: 'a question assesses at least one objective',
	orderingItemCount: 'ordering needs 3 to 5 items',

	// Languages and text
	unknownLanguage: 'unknown language "{tag}" (not in comics/languages.json)',
	languageTwice: 'language "{tag}" is declared twice',
	referenceNotDeclared: 'reference language "{tag}" is not in languages',
	referenceNotComplete: 'reference language "{tag}" must be complete',
	textUndeclaredLanguage: 'text in "{tag}", which is not declared in languages',
	narrationUndeclaredLanguage: 'narration in "{tag}", which is not declared in languages',
	notNfc: 'text is not in Unicode NFC (compose it: e.g. "é" as one character, not e + ◌́)',
	untrimmed: 'text starts or ends with spaces',
	completeMissingTitle: 'language "{tag}" is declared complete but the title has no "{tag}" text',
	completeMissingSummary: 'language "{tag}" is declared complete but the summary has no "{tag}" text',
	completeMissingDescription:
		'language "{tag}" is declared complete but panel "{panel}" description has no "{tag}" text',
	completeMissingBubble: 'language "{tag}" is declared complete but bubble "{bubble}" has no "{tag}" text',

	// Ids and references
	duplicateId: 'duplicate id "{id}" (already used at {first})',
	duplicateCharacter: 'duplicate character id "{id}"',
	unknownCharacter: 'unknown character "{id}"',
	unknownObjective: 'unknown curriculum objective "{code}"',
	castMissing:
		'character "{id}" ({name}) is not in comics/cast.json: add them to the cast (one identity per character across comics)',
	castNameMismatch: 'character is named "{name}" here but "{castName}" in comics/cast.json ({cast})',
	castNameReused:
		'the name "{name}" already belongs to another character of the collection ({cast}, in {comics}): a class reads every comic, so give this character another name',

	// Geometry
	regionOutside: 'region (x {x}, y {y}, w {w}, h {h}) lies outside the {width}×{height} page',
	tailOutside: 'tail point ({x}, {y}) lies outside the {width}×{height} page',

	// Text in the art (domain/reader/lettering.ts)
	bubbleNeedsShape:
		'bubble "{bubble}" has no shape and this page\'s art carries no text: give it a shape, or declare the text in the art (textInArt)',
	translationNotDrawn:
		'bubble "{bubble}" has no shape for "{tag}", whose text the art does not carry: readers get it in the transcript and narration, not drawn over the art',
	textInArtUndeclared: 'text in the art in "{tag}", which is not declared in languages',

	// Readium Web Publication / Guided Navigation import and export (src/lib/domain/interop)
	readiumNotCarried: '{what} is not carried over into Kalanso: {detail}',
	readiumDefaulted: '{what} is missing from the publication: set to {value}; correct it before review',
	readiumBadReference: 'cannot use "{ref}": {detail}',
	readiumConverted: '"{src}" brought within budget as "{to}" ({detail})',
	readiumNotPublication: 'not a Readium Web Publication with a Divina reading order: {detail}',
	roundTripDiffers: 'after export and import, {what} differs',
	qtiUnknownItem: 'item "{id}" uses {interaction}, which no Kalanso question type reads: left out',
	qtiNotExported: 'question "{id}": {what} has no place in QTI 3.0 and is not exported',

	// Budgets (DESIGN.md §6: a page of art and its narration in one language ≤ 150 KB)
	pageOverBudget:
		'page art "{src}" weighs {kb} KB, over the {budgetKb} KB a page may weigh: encode it as WebP at tablet resolution',
	audioOverBudget:
		'audio "{src}" takes {kbPerMin} KB per minute, over the {budgetKbPerMin} KB per minute of speech: encode it as Opus at 6 kbps (comics/tools/speech.ts)',
	packShareOverBudget:
		'in "{language}", each page costs a tablet {kb} KB (art, cover, page and quiz narration), over the {budgetKb} KB a page may cost: shorten the narration, lighten the art, or record with the studio (Opus 6 kbps)',

	// Images
	imageMissing: 'image "{src}" is missing',
	imageUnreadable: 'image "{src}" cannot be read: {detail}',
	notAnImage: '"{src}" is not an image',
	imageWrongSize: 'image "{src}" is {width}×{height} pixels but the page says {pageWidth}×{pageHeight}',

	// Text in bubbles
	textTooWideWord:
		'text does not fit its {shape} bubble ({source}, {w}×{h}): the word "{word}" is wider than the bubble\'s text area ({boxW} px) even at {minPx} px; enlarge the bubble or shorten the text',
	textTooManyLines:
		"text does not fit its {shape} bubble ({source}, {w}×{h}): text needs {lines} lines ({neededPx} px) but the bubble's text area is {boxH} px high even at {minPx} px; enlarge the bubble or shorten the text",
	missingGlyphs:
		'bubble "{bubble}": no bundled font has a glyph for {chars}: it would show as a box or in another font',

	// Narration
	duplicateAudioId: 'duplicate audio id "{id}"',
	audioFileMissing: 'audio file "{src}" is missing',
	audioFileUnreadable: 'audio file "{src}" cannot be read: {detail}',
	notAudio: '"{src}" is not an audio file',
	audioDurationMismatch: '"{src}" lasts {real} s but durationSec says {declared}',
	clipUnknownTarget: 'clip for "{target}", which is no bubble or panel of this comic',
	clipTwice: '"{target}" has more than one clip in "{tag}"',
	clipUnknownAudio: 'clip refers to audio "{audio}", which is not in narration.{tag}.audio',
	clipPastEnd: 'clip ends at {end} s but audio "{audio}" lasts only {real} s',
	clipEndsBeforeStart: 'clip ends ({end} s) before it starts ({start} s)',
	clipNoText: '"{target}" has no "{tag}" text to narrate',
	clipStale:
		'stale clip: "{target}" was recorded from another text than its current "{tag}" text; record it again (or re-run comics/tools/narrate.ts for synthetic voices)',
	clipsOverlap: 'clip "{target}" (from {start} s) overlaps clip "{other}" (until {end} s) in audio "{audio}"',
	narrationIncomplete: 'narration "{tag}" is declared complete but bubble "{bubble}" has no clip',

	// Quiz
	quizOtherComic: 'quiz is for comic "{quizComic}" but sits in "{comic}"',
	quizUndeclaredLanguage: 'text in "{tag}", which the comic does not declare',
	quizNarrationUndeclaredLanguage: 'narration in "{tag}", which the comic does not declare',
	quizMissingTitle: 'language "{tag}" is complete in the comic but the title has no "{tag}" text',
	quizMissingPrompt:
		'language "{tag}" is complete in the comic but question "{question}" prompt has no "{tag}" text',
	quizMissingExplanation:
		'language "{tag}" is complete in the comic but question "{question}" explanation has no "{tag}" text',
	quizMissingOption:
		'language "{tag}" is complete in the comic but option "{option}" of "{question}" has no "{tag}" text',
	quizMissingItem:
		'language "{tag}" is complete in the comic but item "{item}" of "{question}" has no "{tag}" text',
	quizMissingPair:
		'language "{tag}" is complete in the comic but pair "{pair}" of "{question}" has no "{tag}" text',
	duplicateQuestionId: 'duplicate question id "{id}"',
	duplicateOptionId: 'duplicate option id "{id}"',
	duplicateAnswer: 'duplicate answer id "{id}"',
	duplicateItemId: 'duplicate item id "{id}"',
	duplicatePairId: 'duplicate pair id "{id}"',
	objectiveNotInComic: 'objective "{code}" is not listed in the comic\'s objectives',
	unknownPanel: 'unknown panel "{panel}" (not in comic.json)',
	unknownPage: 'unknown page "{page}" (not in comic.json)',
	answerNotOption: 'answer "{answer}" is not an option',
	panelNotOnPage: 'panel "{panel}" is not on page "{page}"',
	findRegionOutside: 'region lies outside the {width}×{height} page',
	narrationUnknownOption: 'narration for unknown option "{option}"',
	clipEndNotAfterStart: 'endSec must be after startSec',
	quizAudioMissing: 'audio "{src}" is missing',
	quizAudioUnreadable: 'audio "{src}" cannot be read: {detail}',
	quizAudioPastEnd: 'endSec {end} is past the end of "{src}" ({real} s)',
	explanationOpensWithVerdict:
		'the explanation opens with "{word}": it is shown after right and wrong answers alike, so it must not give a verdict of its own; state the fact instead',
	questionWithoutEvidence:
		'question "{question}" has no evidence panel: point at the panel that holds its answer',
	evidenceNotATarget: 'evidence panel "{panel}" is not one of the panels to tap',
	evidenceWithoutTerms:
		'question "{question}" lists no key terms for its evidence panel, so nothing checks that the panel holds the answer',
	evidenceTermMissing:
		'key term "{term}" does not appear in the "{tag}" texts of panel "{panel}" (bubbles and description): the panel does not show the answer',

	// Curriculum
	curriculumNoTitle: 'no "{tag}" title',
	curriculumNotNfc: 'text is not in Unicode NFC',
	duplicateLevel: 'duplicate level "{id}"',
	duplicateDomain: 'duplicate domain "{id}"',
	duplicateCompetency: 'duplicate competency "{id}"',
	duplicateObjectiveCode: 'duplicate objective code "{id}"',
	objectiveDefinedTwice: 'objective "{code}" is defined twice',
	sampleHasOfficial: 'the curriculum is a sample: nothing in it may be official',
	officialNeedsRef: 'an official record needs its official reference',
	officialUsesSamplePrefix: 'official records do not use the "SMP-" sample prefix',
	sampleNeedsPrefix: 'sample codes start with "SMP-"',
	sampleFrameworkOfficial: 'a sample framework cannot be official',
	unknownLevel: 'unknown level "{id}"',
	unknownDomain: 'unknown domain "{id}"',
	unknownCompetency: 'unknown competency "{id}"',
	competencyIdMismatch: 'id "{id}" does not match level {level}, domain {domain}, theme {theme}',
	objectiveNotInCompetency: 'code "{code}" does not belong to competency "{competency}"',
	objectiveCodeMismatch: 'code "{code}" does not match level {level} and domain {domain}',
	periodPastLast: 'period {period} is past the last period',

	// Uploaded packs
	packTooLarge:
		'the pack is {size} MB, more than the {limit} MB allowed: compress the page images (WebP) and narration (Opus), or split the comic',
	packFileTooLarge: 'is {size} MB unpacked, more than the {limit} MB allowed for one file',
	packNotZip: 'not a readable zip file: {detail}',
	packTooManyFiles: 'holds {count} files, more than the {limit} allowed',
	packTooLargeUnpacked: 'unpacks to {size} MB, more than the {limit} MB allowed',
	packTooSlow:
		'checking the pack took more than {seconds} seconds and was stopped: a pack this slow to unpack is refused',
	packServerBusy: 'the server is checking too many packs at once: send it again in a minute',
	packCheckFailed:
		'the pack could not be checked ({detail}): send it again, and tell the administrator if it keeps failing',
	packPathRefused: 'file path is not allowed in a pack (absolute, "..", or backslashes)',
	packNoManifest: 'the pack has no comic.json at its root (or in one top folder)',
	packOutsideComic: 'lies outside the comic folder: not stored',
	packUnusedFile: 'not used by comic.json: not stored',
	packAudioMissing: 'audio file "{src}" is missing from the pack',
	svgRefused: 'SVG images are refused (they can carry scripts): export the page as WebP or PNG',
	imageTypeRefused: '"{ext}" is not an accepted image type: use .webp, .png or .jpg',
	imageNamedWrong: 'is named {ext} but the file is {found}: re-export it as {expected}',
	imageNotImage: 'is named {ext} but the file is not an image: re-export it',
	imageNoSize: 'gives no image size: re-export it',
	imageTooManyPixels: 'is {width}×{height} pixels, more than a tablet can hold: scale it down',
	imageNotReadable: 'is not a readable image: {detail}',
	audioTypeRefused: '"{ext}" is not an accepted audio type: use .ogg/.opus, .webm, .mp3, .m4a or .wav',
	audioNamedWrong: 'is named {ext} but the file is {found}: re-export it',
	audioNotAudio: 'is named {ext} but the file is not audio: re-export it'
} as const;

export type FindingCode = keyof typeof FINDING_TEXTS;

/** The `{name}` placeholders of a template, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
	? Name | Placeholders<Rest>
	: never;

export type FindingParams<C extends FindingCode> = Record<
	Placeholders<(typeof FINDING_TEXTS)[C]>,
	string | number
>;

/** A problem as a code and its parameters; the text comes from the code. */
export interface Finding {
	code: FindingCode;
	params: Record<string, string | number>;
}

/** Builds a finding; the type checker asks for exactly the parameters its template names. */
export function finding<C extends FindingCode>(
	code: C,
	...params: [Placeholders<(typeof FINDING_TEXTS)[C]>] extends [never] ? [] : [FindingParams<C>]
): Finding {
	return { code, params: (params[0] ?? {}) as Record<string, string | number> };
}

export function isFindingCode(value: unknown): value is FindingCode {
	return typeof value === 'string' && Object.hasOwn(FINDING_TEXTS, value);
}

/** The English text of a finding: each `{name}` replaced by its parameter (ICU's simple argument). */
export function fillFinding(f: Finding): string {
	// ICU: '' is one apostrophe; a lone ' before a brace would start quoting, which templates avoid.
	return FINDING_TEXTS[f.code]
		.replace(/\{(\w+)\}/g, (whole, name: string) => (name in f.params ? String(f.params[name]) : whole))
		.replace(/''/g, "'");
}
