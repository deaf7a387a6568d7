import { describe, expect, it } from 'vitest';
import { zipBomb } from '../../../../bench/lib/zip-bomb';
import { unzipWithLimits } from './unzip';

const MB = 1024 * 1024;
const limits = { maxFiles: 10, maxFileBytes: MB, maxTotalBytes: 3 * MB };

describe('unzipWithLimits', () => {
	it('unzips an archive within the limits', () => {
		const result = unzipWithLimits(zipBomb({ entries: 2, entryBytes: 1000 }), limits);
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		expect([...result.entries.keys()].sort()).toEqual(['art/page-1.webp', 'art/page-2.webp', 'comic.json']);
		expect(result.entries.get('art/page-2.webp')).toEqual(new Uint8Array(1000));
	});

	it('refuses on the declared sizes before inflating anything', () => {
		expect(unzipWithLimits(zipBomb({ entries: 1, entryBytes: 2 * MB }), limits)).toEqual({
			ok: false,
			problems: [{ kind: 'file-too-large', name: 'art/page-1.webp', size: 2 * MB }]
		});
		expect(unzipWithLimits(zipBomb({ entries: 11, entryBytes: 10 }), limits)).toMatchObject({
			ok: false,
			problems: [{ kind: 'too-many-files', count: 12 }]
		});
	});

	it('stops a file whose directory lies at the per-file limit, while inflating', () => {
		const bomb = zipBomb({ entries: 1, entryBytes: 64 * MB, declaredBytes: 10 });
		expect(unzipWithLimits(bomb, limits)).toEqual({
			ok: false,
			problems: [{ kind: 'file-too-large', name: 'art/page-1.webp', size: MB + 1 }]
		});
	});

	it('stops lying files that are each under the per-file limit at the total limit', () => {
		const bomb = zipBomb({ entries: 8, entryBytes: MB - 10, declaredBytes: 10 });
		expect(unzipWithLimits(bomb, limits)).toEqual({
			ok: false,
			problems: [{ kind: 'total-too-large', size: 3 * MB + 1 }]
		});
	});

	it('says when the bytes are not a zip', () => {
		expect(unzipWithLimits(new Uint8Array([1, 2, 3]), limits)).toMatchObject({
			ok: false,
			problems: [{ kind: 'not-zip' }]
		});
	});
});
