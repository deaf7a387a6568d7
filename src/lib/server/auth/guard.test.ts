import { describe, expect, it } from 'vitest';
import { crossSiteRefusal, isHttps } from './guard';

function event(method: string, headers: Record<string, string>, url = 'https://192.168.1.10:3000/login') {
	return { url: new URL(url), request: new Request(url, { method, headers }) };
}

describe('cross-site check', () => {
	const form = { 'content-type': 'application/x-www-form-urlencoded', host: '192.168.1.10:3000' };
	it.each([
		['GET from anywhere', 'GET', { ...form, origin: 'http://evil.example' }, false],
		['a form from the same host over http', 'POST', { ...form, origin: 'http://192.168.1.10:3000' }, false],
		['a form from another site', 'POST', { ...form, origin: 'http://evil.example' }, true],
		[
			'a form from the same IP on another port',
			'POST',
			{ ...form, origin: 'http://192.168.1.10:8080' },
			true
		],
		['a form without Origin', 'POST', form, true],
		[
			'multipart from another site',
			'PUT',
			{ host: 'h', 'content-type': 'multipart/form-data; boundary=x', origin: 'http://e' },
			true
		],
		['JSON without Origin (scripts, curl)', 'POST', { host: 'h', 'content-type': 'application/json' }, false],
		[
			'JSON from another site',
			'DELETE',
			{ host: 'h', 'content-type': 'application/json', origin: 'http://e' },
			true
		],
		['a malformed Origin', 'POST', { ...form, origin: 'not a url' }, true]
	])('%s → refused: %s', (_name, method, headers, refused) => {
		expect(crossSiteRefusal(event(method, headers), undefined)?.status ?? null).toBe(refused ? 403 : null);
	});

	it('accepts the configured ORIGIN', () => {
		const e = event('POST', { ...form, host: 'internal:3000', origin: 'https://kalanso.example' });
		expect(crossSiteRefusal(e, 'https://kalanso.example')).toBeNull();
	});
});

describe('https detection for the Secure cookie', () => {
	it.each([
		['ORIGIN says https', { ORIGIN: 'https://k.example' }, {}, true],
		['ORIGIN says http', { ORIGIN: 'http://k.example' }, {}, false],
		[
			'no config, form Origin http (adapter-node guesses https)',
			{},
			{ origin: 'http://10.0.0.2:3000' },
			false
		],
		['no config, form Origin https', {}, { origin: 'https://k.example' }, true],
		['no config, no Origin', {}, {}, false]
	])('%s', (_name, env, headers, secure) => {
		expect(isHttps(event('POST', headers), env)).toBe(secure);
	});
});
