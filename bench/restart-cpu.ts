/**
 * What a restart costs the start-up seeding of comics/ (issue 19): runs the server's start
 * (startPlatform, then startReview, as hooks.server.ts does) in this process against a comics folder
 * and a data folder, and prints the CPU time (process.cpuUsage: user + system, every thread) and the
 * heap used after a full GC. Run it once to import the catalog, then again for a restart:
 *
 *     npx tsx bench/lib/catalog.ts 300 /tmp/catalog
 *     node --expose-gc --import tsx bench/restart-cpu.ts /tmp/catalog/comics /tmp/catalog/known.txt /tmp/data
 *
 * CPU time, not wall time: it holds better on a shared machine, but is still inflated by load.
 * For system calls, run it under `strace -f -c -e trace=getdents64,statx,newfstatat,openat`.
 */
import path from 'node:path';

const [root, known, data] = process.argv.slice(2);
if (!root || !known || !data) throw new Error('usage: restart-cpu.ts <comics> <known-hashes-file> <data>');
process.env.KALANSO_COMICS = path.resolve(root);
process.env.KALANSO_KNOWN_SAMPLES_FILE = path.resolve(known);
process.env.KALANSO_DATA = path.resolve(data);
process.env.KALANSO_QUIET = '1';
process.env.DATABASE_URL = '';

const { startPlatform } = await import('../src/lib/server/auth/startup');
const { startReview } = await import('../src/lib/server/review/startup');
await startPlatform();
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const cpu = process.cpuUsage();
await startReview();
const used = process.cpuUsage(cpu);
gc?.();
const heapAfter = process.memoryUsage().heapUsed;
console.log(
	JSON.stringify({
		startReviewCpuMs: Math.round((used.user + used.system) / 1000),
		userMs: Math.round(used.user / 1000),
		systemMs: Math.round(used.system / 1000),
		heapGrowthMB: Number(((heapAfter - heapBefore) / 1e6).toFixed(1))
	})
);
process.exit(0);
