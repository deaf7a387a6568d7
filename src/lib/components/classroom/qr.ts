/**
 * A QR code as one SVG path (qrcode-generator: no dependencies, runs on the server for the class
 * page and on a tablet with no network for results). Error correction M: a code on a projector or
 * a scratched tablet screen still reads.
 */
import qrcode from 'qrcode-generator';

/** The dark modules of the QR code of `text` as an SVG path, in module units, and its size. */
export function qrPath(text: string): { size: number; d: string } {
	const qr = qrcode(0, 'M');
	qr.addData(text, 'Byte');
	qr.make();
	const size = qr.getModuleCount();
	let d = '';
	for (let row = 0; row < size; row++) {
		for (let col = 0; col < size; col++) {
			// Runs of dark modules in a row become one rectangle: a path a quarter the length.
			if (!qr.isDark(row, col)) continue;
			let run = 1;
			while (col + run < size && qr.isDark(row, col + run)) run++;
			d += `M${col} ${row}h${run}v1h-${run}z`;
			col += run - 1;
		}
	}
	return { size, d };
}
