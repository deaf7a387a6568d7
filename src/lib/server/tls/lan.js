/**
 * How the server is reached on a school LAN: which names and addresses its certificate must
 * cover, when it serves https, and what plain http still answers. Pure functions over the
 * environment and `os.networkInterfaces()`, shared by src/cli/serve.js and the pages that show
 * the set-up address (src/routes/setup, the admin page's QR code).
 */

/**
 * True for names that only reach this machine: browsers treat them as secure without https.
 * @param {string} hostname a URL's hostname (IPv6 in brackets or not)
 */
export function isLoopbackHostname(hostname) {
	const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The names and addresses the server certificate covers: the machine's name (and its mDNS
 * `.local` form), `localhost`, names given in `KALANSO_TLS_NAMES`, and every IPv4 address the
 * server listens on (all of the machine's when `HOST` is 0.0.0.0 or ::).
 * @param {{ hostname: string, interfaces: NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>, listenHost: string, extraNames?: string }} options
 * @returns {import('./certificates.js').Hosts}
 */
export function certificateHosts({ hostname, interfaces, listenHost, extraNames = '' }) {
	const name = hostname.toLowerCase();
	const extra = extraNames
		.split(',')
		.map((s) => s.trim().toLowerCase())
		.filter(Boolean);
	const dns = [...new Set([...extra, name, `${name}.local`, 'localhost'].filter(Boolean))];
	const ips = isWildcard(listenHost) ? [...lanAddresses(interfaces), '127.0.0.1'] : [listenHost];
	return { dns, ips: [...new Set(ips)] };
}

/** @param {string} listenHost */
function isWildcard(listenHost) {
	return listenHost === '0.0.0.0' || listenHost === '::' || listenHost === '';
}

/**
 * The addresses tablets reach the server at: every LAN address when it listens on all
 * interfaces (`HOST` 0.0.0.0, the default), else the one it listens on.
 * @param {string} listenHost
 * @param {NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>} interfaces
 */
export function reachableAddresses(listenHost, interfaces) {
	return isWildcard(listenHost) ? lanAddresses(interfaces) : [listenHost];
}

/**
 * The machine's IPv4 addresses on its networks (not loopback), in interface order: the ones
 * tablets on the school's Wi-Fi use.
 * @param {NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>} interfaces
 */
export function lanAddresses(interfaces) {
	return Object.values(interfaces)
		.flatMap((list) => list ?? [])
		.filter((i) => i.family === 'IPv4' && !i.internal)
		.map((i) => i.address);
}

/**
 * @typedef {object} TlsPlan
 * @property {'off' | 'generated' | 'provided'} mode off: plain http as before (localhost, or
 *   behind a reverse proxy); generated: the school's own authority; provided: the admin's files
 * @property {string} [certFile] with `provided`
 * @property {string} [keyFile] with `provided`
 */

/**
 * Decides how the server speaks, from the environment: `KALANSO_TLS_CERT` and `KALANSO_TLS_KEY`
 * bring the admin's own certificate; `KALANSO_HTTPS=0` keeps plain http (behind a reverse proxy
 * that does https); `KALANSO_HTTPS=1` forces the generated certificate even on localhost (tests).
 * Otherwise a server listening on the LAN serves https, one listening on localhost only does not.
 * @param {NodeJS.ProcessEnv} env
 * @returns {TlsPlan}
 */
export function tlsPlan(env) {
	if (env.KALANSO_TLS_CERT || env.KALANSO_TLS_KEY) {
		if (!env.KALANSO_TLS_CERT || !env.KALANSO_TLS_KEY)
			throw new Error(
				'Set both KALANSO_TLS_CERT (certificate file) and KALANSO_TLS_KEY (its private key file).'
			);
		return { mode: 'provided', certFile: env.KALANSO_TLS_CERT, keyFile: env.KALANSO_TLS_KEY };
	}
	if (env.KALANSO_HTTPS === '0') return { mode: 'off' };
	if (env.KALANSO_HTTPS === '1') return { mode: 'generated' };
	return isLoopbackHostname(env.HOST ?? '0.0.0.0') ? { mode: 'off' } : { mode: 'generated' };
}

/**
 * What plain http still serves to a LAN name once https is on: the set-up page (with the
 * authority to install, its scripts and pictures) and the health check. Everything else is
 * redirected to https. Requests for localhost are served whole, as before.
 * @param {string} pathname
 */
export function servedOverPlainHttp(pathname) {
	return (
		pathname === '/setup' ||
		pathname.startsWith('/setup/') ||
		pathname.startsWith('/_app/') ||
		pathname === '/healthz' ||
		pathname === '/favicon.svg' ||
		pathname === '/browser-support.js'
	);
}

/**
 * The https address of the same host.
 * @param {string} hostname
 * @param {number} httpsPort
 * @param {string} [pathAndQuery]
 */
export function httpsUrl(hostname, httpsPort, pathAndQuery = '/') {
	const host = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
	return `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}${pathAndQuery}`;
}
