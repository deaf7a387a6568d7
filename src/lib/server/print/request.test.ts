import { describe, expect, it } from 'vitest';
import type { VersionDocument } from '../../domain/signing/version';
import { parsePrintRequest, printQuery } from './request';

const document = {
	manifest: { referenceLanguage: 'fr', languages: [{ tag: 'fr' }, { tag: 'bm' }] }
} as unknown as VersionDocument;
const ask = (query: string, signedIn = false) =>
	parsePrintRequest(new URL(`http://x/comics/c/print?${query}`), document, signedIn);

describe('what a print request asks for', () => {
	it('defaults to the reference language, A4, the comic and its worksheet', () => {
		expect(ask('')).toEqual({ lang: 'fr', format: 'A4', parts: ['comic', 'worksheet'], keyRefused: false });
		expect(ask('lang=xx&format=letter&parts=poster')).toMatchObject({ lang: 'fr', format: 'A4' });
	});

	it("takes the comic's languages, A5 and the listed parts in their printing order", () => {
		expect(ask('lang=bm&format=a5&parts=worksheet,comic')).toEqual({
			lang: 'bm',
			format: 'A5',
			parts: ['comic', 'worksheet'],
			keyRefused: false
		});
	});

	it('gives the answer key to signed-in staff only', () => {
		expect(ask('parts=comic,key', true).parts).toEqual(['comic', 'key']);
		expect(ask('parts=comic,key')).toMatchObject({ parts: ['comic'], keyRefused: true });
		expect(ask('parts=key')).toMatchObject({ parts: [], keyRefused: true });
	});

	it('writes the same request back as a query', () => {
		const request = ask('lang=bm&format=A5&parts=comic,key', true);
		expect(ask(printQuery(request), true)).toEqual(request);
	});
});
