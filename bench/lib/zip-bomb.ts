/**
 * Hostile zip files for tests and the bench: entries of zeros that deflate about 1 000 to 1, whose
 * directory may lie about their unpacked size (so that a check of the declared sizes alone lets
 * them through). Built by hand with node:zlib, since no archiver writes a lying directory.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipBombOptions {
	/** Files in the archive (besides a `comic.json`). */
	entries: number;
	/** Real unpacked size of each file. */
	entryBytes: number;
	/** Unpacked size written in the zip's headers; the real size when absent. */
	declaredBytes?: number;
}

/** A zip of `entries` files of zeros named like page art, plus a small comic.json. */
export function zipBomb(options: ZipBombOptions): Uint8Array {
	const zeros = Buffer.alloc(options.entryBytes);
	const art = { data: deflateRawSync(zeros, { level: 9 }), crc: crc32(zeros), size: options.entryBytes };
	const manifestText = Buffer.from('{"schemaVersion":1,"id":"bomb"}');
	const manifest = {
		data: deflateRawSync(manifestText),
		crc: crc32(manifestText),
		size: manifestText.length
	};
	const files = [{ name: 'comic.json', ...manifest, declared: manifest.size }];
	for (let i = 0; i < options.entries; i++)
		files.push({ name: `art/page-${i + 1}.webp`, ...art, declared: options.declaredBytes ?? art.size });

	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const file of files) {
		const name = Buffer.from(file.name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(8, 8); // deflate
		local.writeUInt32LE(file.crc, 14);
		local.writeUInt32LE(file.data.length, 18);
		local.writeUInt32LE(file.declared, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(file.crc, 16);
		central.writeUInt32LE(file.data.length, 20);
		central.writeUInt32LE(file.declared, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, file.data);
		centrals.push(central, name);
		offset += local.length + name.length + file.data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(files.length, 8);
	end.writeUInt16LE(files.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
