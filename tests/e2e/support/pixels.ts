/**
 * The reader's canvas as a student sees it: its pixels from a screenshot (which works for WebGL and
 * the canvas renderer alike), and how much two such pictures differ.
 */
import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';

export interface Pixels {
	/** RGB, 3 bytes per pixel, row by row. */
	data: Buffer;
	width: number;
	height: number;
}

export async function canvasPixels(page: Page): Promise<Pixels> {
	const png = await page.getByTestId('reader-canvas').screenshot();
	const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
	return { data, width: info.width, height: info.height };
}

/** Share of pixels that changed noticeably between two pictures of the same size. */
export function changed(a: Pixels, b: Pixels): number {
	expect(a.data.length).toBe(b.data.length);
	let count = 0;
	for (let i = 0; i < a.data.length; i += 3) {
		const d =
			Math.abs(a.data[i]! - b.data[i]!) +
			Math.abs(a.data[i + 1]! - b.data[i + 1]!) +
			Math.abs(a.data[i + 2]! - b.data[i + 2]!);
		if (d > 30) count++;
	}
	return count / (a.data.length / 3);
}
