import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/schema';
import type { AssetProbe } from '../manifest/validate';
import { jsonPath } from '../manifest/issues';
import { fillFinding } from '../manifest/findings';
import { checkNarration, staleClips } from './checks';
import { testComic } from './test-comic';
import { textHash } from '../signing/hash';

type Found = { path: string; message: string; severity: string };

function issuesOf(m: Manifest, assets: Map<string, AssetProbe> = probes()): Found[] {
	const found: Found[] = [];
	checkNarration(
		m,
		(path, f, severity = 'error') => found.push({ path: jsonPath(path), message: fillFinding(f), severity }),
		assets
	);
	return found;
}

function probes(p1 = 5, p2 = 4): Map<string, AssetProbe> {
	return new Map<string, AssetProbe>([
		['audio/fr/p1.webm', { kind: 'audio', durationSec: p1 }],
		['audio/fr/p2.webm', { kind: 'audio', durationSec: p2 }]
	]);
}

const clipOf = (m: Manifest, target: string) => m.narration!.fr!.clips.find((c) => c.target === target)!;
const indexOf = (m: Manifest, target: string) => m.narration!.fr!.clips.findIndex((c) => c.target === target);

describe('textHash', () => {
	it('is SHA-256 hex of the NFC text, so composed and decomposed accents hash the same', () => {
		expect(textHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(textHash('c\u0065\u0301tait')).toBe(textHash('c\u00e9tait'));
		expect(textHash('Bonjour !')).not.toBe(textHash('Bonjour!'));
	});
});

describe('checkNarration', () => {
	it('accepts a consistent narration', () => {
		expect(issuesOf(testComic())).toEqual([]);
	});

	it.each<[string, (m: Manifest) => void, Map<string, AssetProbe> | undefined, string, RegExp, string?]>([
		[
			'segment past the real end of the audio',
			(m) => (clipOf(m, 'c2').endSec = 4.2),
			undefined,
			'$.narration.fr.clips[5].endSec',
			/ends at 4.2 s but audio "page-2" lasts only 4.00 s/
		],
		[
			'file shorter than it claims',
			() => {},
			probes(5, 3.5),
			'$.narration.fr.clips[5].endSec',
			/lasts only 3.50 s/
		],
		[
			'declared duration differs from the file',
			() => {},
			probes(6),
			'$.narration.fr.audio[0].durationSec',
			/lasts 6.00 s but durationSec says 5/
		],
		[
			'overlap inside one file',
			(m) => (clipOf(m, 'a2').startSec = 1.4),
			undefined,
			'$.narration.fr.clips[2].startSec',
			/"a2" \(from 1.4 s\) overlaps clip "a1" \(until 1.5 s\)/
		],
		[
			'unknown bubble',
			(m) => (clipOf(m, 'b1').target = 'zz'),
			undefined,
			'$.narration.fr.clips[0].target',
			/"zz", which is no bubble or panel/
		],
		[
			'unknown audio file',
			(m) => (clipOf(m, 'b1').audio = 'page-9'),
			undefined,
			'$.narration.fr.clips[0].audio',
			/audio "page-9", which is not in narration.fr.audio/
		],
		[
			'clip that ends before it starts',
			(m) => (clipOf(m, 'c1').endSec = 0.2),
			undefined,
			'$.narration.fr.clips[4].endSec',
			/ends \(0.2 s\) before it starts/
		],
		[
			'complete language with a bubble left out',
			(m) => m.narration!.fr!.clips.splice(indexOf(m, 'b1'), 1),
			undefined,
			'$.narration.fr.status',
			/declared complete but bubble "b1" has no clip/
		],
		[
			'two clips for one bubble',
			(m) => m.narration!.fr!.clips.push({ ...clipOf(m, 'c2'), audio: 'page-1', startSec: 4.8, endSec: 4.9 }),
			undefined,
			'$.narration.fr.clips[6].target',
			/"c2" has more than one clip/
		],
		[
			'missing audio file',
			() => {},
			new Map<string, AssetProbe>([['audio/fr/p1.webm', { kind: 'missing' }]]),
			'$.narration.fr.audio[0].sources[0].src',
			/audio file "audio\/fr\/p1.webm" is missing/
		],
		[
			'unreadable audio file',
			() => {},
			new Map<string, AssetProbe>([['audio/fr/p1.webm', { kind: 'unreadable', reason: 'no frames' }]]),
			'$.narration.fr.audio[0].sources[0].src',
			/cannot be read: no frames/
		],
		[
			'stale clip after a text change',
			(m) => (m.pages[0]!.panels[1]!.bubbles[0]!.text.fr = 'Oui, merci beaucoup.'),
			undefined,
			'$.narration.fr.clips[0].textHash',
			/stale clip: "b1" was recorded from another text/,
			'warning'
		]
	])('reports %s', (_name, breakIt, assets, path, message, severity = 'error') => {
		const m = testComic();
		breakIt(m);
		const found = issuesOf(m, assets ?? probes());
		const hit = found.find((f) => f.path === path && message.test(f.message));
		expect(hit, JSON.stringify(found, null, 1)).toBeDefined();
		expect(hit!.severity).toBe(severity);
	});

	it('lets a partial narration leave bubbles out', () => {
		const m = testComic();
		m.narration!.fr!.status = 'partial';
		m.narration!.fr!.clips.splice(indexOf(m, 'b1'), 1);
		expect(issuesOf(m)).toEqual([]);
	});
});

describe('staleClips', () => {
	it('lists exactly the clips whose text changed', () => {
		const m = testComic();
		expect(staleClips(m, 'fr')).toEqual([]);
		m.pages[1]!.panels[0]!.bubbles[1]!.text.fr = 'Trente jours, pas un de plus.';
		expect(staleClips(m, 'fr')).toEqual([{ index: 5, target: 'c2' }]);
		// Re-typing the same text with decomposed accents is not a change.
		m.pages[0]!.panels[0]!.bubbles[1]!.text.fr = 'C\u0327a va ?';
		expect(staleClips(m, 'fr').map((s) => s.target)).toEqual(['c2']);
	});
});
