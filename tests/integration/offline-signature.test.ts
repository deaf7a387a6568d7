import { describe, expect, it } from 'vitest';
import { COMIC_MANIFEST_PATH } from '../../src/lib/domain/packs/format';
import { sha256Hex } from '../../src/lib/domain/signing/hash';
import { verifyPackSignature } from '../../src/lib/offline/signature';
import { makeTestPack } from './offline-helpers';

/** Pack import on a tablet: only packs approved with a trusted key, exactly as approved. */
describe('verifyPackSignature', () => {
	it('accepts a signed pack with its files, and its approval alone when a download starts', async () => {
		const { pack, bytes } = makeTestPack();
		expect(await verifyPackSignature(pack, bytes)).toEqual({ ok: true, signed: true });
		expect(await verifyPackSignature(pack)).toEqual({ ok: true, signed: true });
	});

	it('refuses an unsigned pack', async () => {
		const { pack, bytes } = makeTestPack();
		const verdict = await verifyPackSignature({ ...pack, signature: null }, bytes);
		expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining('no approval signature') });
	});

	it('refuses a pack whose manifest was altered after approval (listing updated to match)', async () => {
		const { pack, bytes } = makeTestPack();
		const altered = new TextEncoder().encode(
			new TextDecoder().decode(bytes.get(COMIC_MANIFEST_PATH)!).replace('Bonjour', 'Au revoir')
		);
		const files = pack.files.map((f) =>
			f.path === COMIC_MANIFEST_PATH ? { ...f, sha256: sha256Hex(altered), size: altered.byteLength } : f
		);
		const verdict = await verifyPackSignature(
			{ ...pack, files },
			new Map([...bytes, [COMIC_MANIFEST_PATH, altered]])
		);
		expect(verdict).toMatchObject({
			ok: false,
			reason: expect.stringContaining('differs from the approved version')
		});
	});

	it('refuses a pack whose asset listing was altered after approval', async () => {
		const { pack, bytes } = makeTestPack();
		const files = pack.files.map((f) =>
			f.path === 'art/page-1.webp' ? { ...f, sha256: 'e'.repeat(64) } : f
		);
		expect(await verifyPackSignature({ ...pack, files }, bytes)).toMatchObject({ ok: false });
	});

	it('refuses an approval signed by a key the tablet does not trust', async () => {
		const { pack, bytes } = makeTestPack();
		const signature = { ...(pack.signature as Record<string, unknown>), keyId: '0123456789abcdef' };
		expect(await verifyPackSignature({ ...pack, signature }, bytes)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('does not trust')
		});
	});
});
