/**
 * A TCP proxy between a school server and the national server that a test can cut, tamper with and
 * restore, and that logs every request line it carries (with its Range header). HTTP/1.1 without
 * pipelining (what Node's fetch does): each connection carries one request at a time, so the
 * bytes coming back after a request are that request's response.
 */
import net from 'node:net';

interface Connection {
	client: net.Socket;
	upstream: net.Socket;
	/** Path of the request being answered on this connection. */
	path: string;
	method: string;
	/** Bytes of its response seen so far. */
	responseBytes: number;
	/** Set once the response's header is over (for tampering with its body). */
	bodyStarted: boolean;
	tampered: boolean;
}

type Rule =
	| { kind: 'cut'; path: RegExp; afterBytes: number; downMs: number }
	| { kind: 'drop-response'; path: RegExp; downMs: number };

export class CuttableProxy {
	/** `GET /path range=bytes=N-` for each request carried, in order. */
	readonly requests: string[] = [];
	/** Responses to requests whose path matches are altered (one body byte flipped) while set. */
	tamper: RegExp | null = null;
	#rules: Rule[] = [];
	#downUntil = 0;
	#connections = new Set<Connection>();
	#server: net.Server;
	/** Times a rule fired. */
	fired = 0;

	constructor(
		readonly port: number,
		private readonly target: { host: string; port: number }
	) {
		this.#server = net.createServer((client) => this.#accept(client));
	}

	listen(): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#server.once('error', reject);
			this.#server.listen(this.port, '127.0.0.1', () => resolve());
		});
	}

	/** Cuts every connection once a response to `path` has passed `afterBytes`; refuses connections for `downMs`. */
	cutDuring(path: RegExp, afterBytes: number, downMs: number): void {
		this.#rules.push({ kind: 'cut', path, afterBytes, downMs });
	}

	/** Swallows the next response to `path` (the national server did the work; the school never hears). */
	dropResponse(path: RegExp, downMs: number): void {
		this.#rules.push({ kind: 'drop-response', path, downMs });
	}

	async close(): Promise<void> {
		for (const c of this.#connections) this.#destroy(c);
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}

	#accept(client: net.Socket): void {
		if (Date.now() < this.#downUntil) {
			client.destroy();
			return;
		}
		const upstream = net.connect(this.target.port, this.target.host);
		const conn: Connection = {
			client,
			upstream,
			path: '',
			method: '',
			responseBytes: 0,
			bodyStarted: false,
			tampered: false
		};
		this.#connections.add(conn);
		client.on('data', (chunk: Buffer) => {
			const head = /^(GET|POST|HEAD|PUT|DELETE) (\S+) HTTP\/1\.1\r\n/.exec(chunk.toString('latin1'));
			if (head) {
				const range = /\r\nrange: *([^\r]+)/i.exec(chunk.toString('latin1'))?.[1];
				this.requests.push(`${head[1]} ${head[2]}${range ? ` range=${range}` : ''}`);
				Object.assign(conn, {
					method: head[1],
					path: head[2],
					responseBytes: 0,
					bodyStarted: false,
					tampered: false
				});
			}
			upstream.write(chunk);
		});
		upstream.on('data', (chunk: Buffer) => this.#downstream(conn, chunk));
		const end = () => this.#destroy(conn);
		client.on('error', end);
		upstream.on('error', end);
		client.on('close', end);
		upstream.on('close', end);
	}

	#downstream(conn: Connection, chunk: Buffer): void {
		for (const [i, rule] of this.#rules.entries()) {
			if (!rule.path.test(conn.path)) continue;
			if (rule.kind === 'drop-response') {
				this.#fire(i, rule.downMs);
				return;
			}
			if (conn.responseBytes + chunk.length > rule.afterBytes) {
				// Deliver up to the cut point, then the line goes dead.
				conn.client.write(chunk.subarray(0, Math.max(0, rule.afterBytes - conn.responseBytes)));
				this.#fire(i, rule.downMs);
				return;
			}
		}
		conn.responseBytes += chunk.length;
		if (this.tamper?.test(conn.path) && !conn.tampered) {
			let at = 0;
			if (!conn.bodyStarted) {
				const end = chunk.indexOf('\r\n\r\n');
				if (end >= 0) {
					conn.bodyStarted = true;
					at = end + 4;
				} else at = chunk.length;
			}
			if (at < chunk.length) {
				chunk = Buffer.from(chunk);
				chunk[at] = chunk[at]! ^ 0xff;
				conn.tampered = true;
			}
		}
		conn.client.write(chunk);
	}

	#fire(ruleIndex: number, downMs: number): void {
		this.#rules.splice(ruleIndex, 1);
		this.fired++;
		this.#downUntil = Date.now() + downMs;
		for (const c of this.#connections) this.#destroy(c);
	}

	#destroy(conn: Connection): void {
		conn.client.destroy();
		conn.upstream.destroy();
		this.#connections.delete(conn);
	}
}
