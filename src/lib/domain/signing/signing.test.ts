import * as ed from '@noble/ed25519';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/schema';
import {
	approvalMessage,
	buildVersionDocument,
	bytesToHex,
	canonicalJson,
	CanonicalJsonError,
	sha256Hex,
	textHash,
	trustedKey,
	utf8ToBytes,
	verifySignedVersion,
	versionHashOf,
	type Approval,
	type TrustedKey,
	type VersionDocument
} from './index';

const manifest = {
	schemaVersion: 1,
	id: 'tiny',
	title: { fr: 'Petite BD', en: 'Tiny comic' },
	summary: { fr: 'Deux cases.' },
	referenceLanguage: 'fr',
	languages: [{ tag: 'fr', status: 'complete' }],
	gradeLevels: ['7'],
	themes: ['COLL'],
	objectives: [],
	characters: [],
	credits: [{ role: 'story', name: 'Tests' }],
	license: 'CC-BY-4.0',
	pages: [
		{
			id: 'p1',
			image: 'art/page-1.webp',
			width: 10,
			height: 10,
			panels: [
				{ id: 'p1-1', region: { x: 0, y: 0, w: 10, h: 10 }, description: { fr: 'Une case.' }, bubbles: [] }
			]
		}
	]
} as unknown as Manifest;

const art = utf8ToBytes('pretend webp bytes');
const files = new Map([['art/page-1.webp', art]]);

// Fixed secret keys: tests must not depend on randomness.
const secretA = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const secretB = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);
const keyA = trustedKey(bytesToHex(ed.getPublicKey(secretA)), 'server A');
const keyB = trustedKey(bytesToHex(ed.getPublicKey(secretB)), 'server B');

function sign(doc: VersionDocument, secret: Uint8Array, key: TrustedKey): Approval {
	const claim = { comicId: doc.comicId, versionHash: versionHashOf(doc) };
	return { ...claim, keyId: key.id, signature: bytesToHex(ed.sign(approvalMessage(claim), secret)) };
}

const doc = buildVersionDocument(manifest, { 'art/page-1.webp': sha256Hex(art) });
const approval = sign(doc, secretA, keyA);

describe('canonicalJson', () => {
	it.each([
		[{ b: 1, a: [3, { d: null, c: 'x' }] }, '{"a":[3,{"c":"x","d":null}],"b":1}'],
		[{ z: undefined, y: true }, '{"y":true}'],
		['é', '"é"'],
		[[], '[]'],
		[1.5, '1.5'],
		[{ a: undefined, b: null }, '{"b":null}'],
		// In arrays, undefined becomes null, as JSON.stringify writes it: never invalid JSON.
		[[1, undefined, 2], '[1,null,2]'],
		['line\nbreak "quoted"', '"line\\nbreak \\"quoted\\""'],
		[{ é: 1, e: 2, E: 3 }, '{"E":3,"e":2,"é":1}'],
		[-0, '0'],
		[1e21, '1e+21']
	])('%j → %s', (value, text) => {
		expect(canonicalJson(value)).toBe(text);
		// Whatever it writes is valid JSON that reads back to the same canonical text.
		expect(canonicalJson(JSON.parse(text))).toBe(text);
	});

	it.each([
		['NaN', { a: Number.NaN }, /\$\.a: NaN is not a finite number/],
		['Infinity', [Number.POSITIVE_INFINITY], /\$\[0\]: Infinity/],
		['-Infinity', { a: { b: -Infinity } }, /\$\.a\.b: -Infinity/],
		['a function', { f: () => 1 }, /function cannot be written/],
		['a bigint', { n: 1n }, /bigint cannot be written/],
		['undefined alone', undefined, /undefined cannot be written/]
	])('refuses %s, naming where', (_name, value, message) => {
		expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
		expect(() => canonicalJson(value)).toThrow(message);
	});

	it('does not depend on key insertion order', () => {
		expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
	});
});

describe('hashes', () => {
	it('sha256 of "abc" is the FIPS test vector', () => {
		expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});

	it('textHash normalises to NFC first', () => {
		expect(textHash('e\u0301')).toBe(textHash('é'));
	});

	it('any change to the manifest or an asset hash changes the version hash', () => {
		const base = versionHashOf(doc);
		const retitled = buildVersionDocument({ ...manifest, title: { fr: 'Autre' } }, doc.assets);
		const otherArt = buildVersionDocument(manifest, { 'art/page-1.webp': sha256Hex('other') });
		expect(new Set([base, versionHashOf(retitled), versionHashOf(otherArt)]).size).toBe(3);
		expect(versionHashOf(JSON.parse(JSON.stringify(doc)))).toBe(base);
	});
});

describe('verifySignedVersion', () => {
	const tampered = { ...doc, manifest: { ...manifest, title: { fr: 'Piratée' } } };
	const cases: Array<{
		name: string;
		document: unknown;
		approval: Approval | null;
		files?: Map<string, Uint8Array>;
		trusted: TrustedKey[];
		expected: string;
	}> = [
		{ name: 'good version with its files', document: doc, approval, files, trusted: [keyA], expected: 'ok' },
		{
			name: 'good, document as text',
			document: JSON.stringify(doc),
			approval,
			trusted: [keyA],
			expected: 'ok'
		},
		{
			name: 'good after key rotation (old key still trusted)',
			document: doc,
			approval,
			trusted: [keyB, keyA],
			expected: 'ok'
		},
		{
			name: 'tampered manifest',
			document: tampered,
			approval,
			files,
			trusted: [keyA],
			expected: 'manifest-altered'
		},
		{
			name: 'tampered asset',
			document: doc,
			approval,
			files: new Map([['art/page-1.webp', utf8ToBytes('evil bytes')]]),
			trusted: [keyA],
			expected: 'asset-altered'
		},
		{
			name: 'missing asset',
			document: doc,
			approval,
			files: new Map(),
			trusted: [keyA],
			expected: 'asset-missing'
		},
		{
			name: 'extra unsigned file',
			document: doc,
			approval,
			files: new Map([...files, ['art/extra.webp', art]]),
			trusted: [keyA],
			expected: 'asset-unlisted'
		},
		{ name: 'unknown key', document: doc, approval, trusted: [keyB], expected: 'unknown-key' },
		{
			name: 'signed by an untrusted key claiming a trusted key id',
			document: doc,
			approval: { ...sign(doc, secretB, keyB), keyId: keyA.id },
			trusted: [keyA],
			expected: 'bad-signature'
		},
		{
			name: 'signature of another version',
			document: doc,
			approval: { ...approval, signature: sign(tampered, secretA, keyA).signature },
			trusted: [keyA],
			expected: 'bad-signature'
		},
		{
			name: 'approval of another comic',
			document: doc,
			approval: sign({ ...doc, comicId: 'other' }, secretA, keyA),
			trusted: [keyA],
			expected: 'other-comic'
		},
		{ name: 'unsigned', document: doc, approval: null, trusted: [keyA], expected: 'unsigned' },
		{ name: 'not JSON', document: '{oops', approval, trusted: [keyA], expected: 'malformed-document' },
		{
			name: 'not a version',
			document: { format: 'x' },
			approval,
			trusted: [keyA],
			expected: 'malformed-document'
		},
		{
			name: 'garbage signature',
			document: doc,
			approval: { ...approval, signature: 'zz' },
			trusted: [keyA],
			expected: 'malformed-approval'
		}
	];

	it.each(cases)('$name → $expected', ({ document, approval, files, trusted, expected }) => {
		const verdict = verifySignedVersion({ document, approval, files }, trusted);
		expect(verdict.ok ? 'ok' : verdict.problem).toBe(expected);
		if (!verdict.ok) expect(verdict.message.length).toBeGreaterThan(10);
	});

	it('reports the version hash and key it trusted', () => {
		const verdict = verifySignedVersion({ document: doc, approval, files }, [keyA]);
		expect(verdict).toMatchObject({
			ok: true,
			versionHash: versionHashOf(doc),
			keyId: keyA.id,
			comicId: 'tiny'
		});
	});
});

describe('trustedKey', () => {
	it('refuses anything but 32 bytes of hex', () => {
		expect(() => trustedKey('abc')).toThrow(/64 hex digits/);
	});
	it('derives the id from the key', () => {
		expect(trustedKey(keyA.publicKey.toUpperCase()).id).toBe(keyA.id);
	});
});
