// Preloaded into the server by the scale bench (`node --expose-gc --import`), never by the app: on
// SIGUSR2, a full garbage collection, then the heap's figures written as JSON to
// $KALANSO_BENCH_HEAP_FILE. What is still reachable after a full collection does not depend on when
// the collector last ran, unlike RSS: the figure to compare between 3 and 2,000 comics.
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const file = process.env.KALANSO_BENCH_HEAP_FILE;
if (file && typeof globalThis.gc === 'function') {
	const gc = globalThis.gc;
	process.on('SIGUSR2', () => {
		gc();
		const heap = v8.getHeapStatistics();
		const memory = process.memoryUsage();
		writeFileSync(
			file,
			JSON.stringify({
				usedHeap: heap.used_heap_size,
				totalHeap: heap.total_heap_size,
				external: memory.external,
				arrayBuffers: memory.arrayBuffers,
				rss: memory.rss
			})
		);
	});
}
