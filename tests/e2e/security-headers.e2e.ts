import { expect, test, type APIResponse } from '@playwright/test';

// Issue 11 gap 8: every kind of response carries the security headers, and the app still works
// under its Content-Security-Policy.

function expectSecurityHeaders(response: APIResponse, what: string) {
	const headers = response.headers();
	expect(headers['x-content-type-options'], what).toBe('nosniff');
	expect(headers['referrer-policy'], what).toBe('same-origin');
	const csp = headers['content-security-policy'] ?? '';
	expect(csp, what).toContain("frame-ancestors 'none'");
	const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
	expect(scriptSrc, what).not.toContain('unsafe-inline');
	return csp;
}

test('every kind of response carries the security headers', async ({ page, request }) => {
	// Pages: the nonce policy of kit.csp.
	for (const path of ['/', '/login', '/read/awa-et-le-cgs', '/storage']) {
		const response = await request.get(path, { headers: { accept: 'text/html' } });
		expect(response.status(), path).toBe(200);
		const csp = expectSecurityHeaders(response, path);
		expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(csp, path).not.toContain('unsafe-eval');
	}

	// The addresses of a built script and style, from the page itself.
	await page.goto('/');
	// (The page lists no modulepreload links since issue 21: the scripts it loaded, from its resource timing.)
	const script = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((e) => e.name)
			.find((name) => new URL(name).pathname.startsWith('/_app/immutable/') && name.endsWith('.js'))
	);
	expect(script, 'a built script the page loaded').toBeTruthy();
	const kinds: [string, string, number][] = [
		['API JSON', '/api/comics/awa-et-le-cgs', 200],
		['comic file', '/comics/awa-et-le-cgs/art/cover.webp', 200],
		['pack listing', '/packs', 200],
		['page refused (JSON)', '/api/admin/users', 401],
		['not found page', '/no-such-page', 404],
		['not found file', '/comics/awa-et-le-cgs/art/nothing.webp', 404],
		['service worker', '/service-worker.js', 200],
		['static file', '/favicon.svg', 200],
		['web manifest', '/manifest.webmanifest', 200],
		['built script', new URL(script!, 'http://x').pathname, 200],
		['health', '/healthz', 200]
	];
	for (const [what, path, status] of kinds) {
		const response = await request.get(path);
		expect(response.status(), what).toBe(status);
		expectSecurityHeaders(response, what);
	}

	// A cross-site form post, refused before SvelteKit runs.
	const crossSite = await request.post('/login', {
		headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
		data: 'username=x&password=y'
	});
	expect(crossSite.status()).toBe(403);
	expectSecurityHeaders(crossSite, 'cross-site refusal');

	// A pack's files.
	const {
		packs: [pack]
	} = (await (await request.get('/packs')).json()) as { packs: { slug: string; version: string }[] };
	const packJson = await request.get(`/packs/${pack!.slug}/${pack!.version}/pack.json`);
	expect(packJson.status()).toBe(200);
	expectSecurityHeaders(packJson, 'pack.json');

	// Scripts may run as workers: their policy still lets the service worker reach this site.
	const worker = await request.get('/service-worker.js');
	expect(worker.headers()['content-security-policy']).toContain("connect-src 'self'");
});

test('another site cannot frame Kalanso', async ({ page, baseURL }) => {
	// A page of another origin (about:blank here) puts the login page in a frame.
	await page.goto('about:blank');
	await page.setContent('<iframe width="600" height="400"></iframe>');
	await page.locator('iframe').evaluate(
		(frame, src) =>
			new Promise<void>((loaded) => {
				frame.addEventListener('load', () => loaded(), { once: true });
				(frame as HTMLIFrameElement).src = src;
			}),
		`${baseURL}/login`
	);
	// The browser refused to show it: the frame holds no Kalanso page.
	const frame = page.frames()[1]!;
	expect(await frame.locator('[data-ready="login"]').count()).toBe(0);
});

test('the reader draws and narrates under the policy, with no violation reported', async ({ page }) => {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			console.error(`Refused to … CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
		});
	});
	await page.goto('/read/awa-et-le-cgs');
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	await page.goto('/');
	await page.waitForTimeout(500);
	expect(violations).toEqual([]);
});
