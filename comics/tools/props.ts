/**
 * Props: things people hold (baby, papers, the birth declaration slip, a register, money, water
 * cans) and furniture (benches, tables, a blackboard). Documents never carry words: lines stand
 * for writing, a blue circle for a stamp, so one drawing serves every language.
 */
import { CLOTH, FLAG, INK, PLACE, SKIN } from './palette';
import { el, g, n, poly, pt, rng, shade, smooth } from './svg';

export type PropKind =
	| 'baby'
	| 'papers'
	| 'slip'
	| 'extract'
	| 'register'
	| 'money'
	| 'coins'
	| 'can'
	| 'bucket'
	| 'basin'
	| 'megaphone'
	| 'cane'
	| 'bag'
	| 'notebook'
	| 'chalk'
	| 'pestle';

const stroke = (w: number) => ({ stroke: INK, 'stroke-width': w, 'stroke-linejoin': 'round' as const });

/** Lines of "writing" inside a box: grey bars, never letters. */
export function writing(
	x: number,
	y: number,
	w: number,
	h: number,
	rows: number,
	colour: string = PLACE.paperLine
): string {
	let out = '';
	const gap = h / (rows + 1);
	for (let i = 1; i <= rows; i++) {
		const len = i === rows ? w * 0.55 : w * (0.8 + ((i * 37) % 20) / 100);
		out += el('rect', {
			x,
			y: y + i * gap - gap * 0.18,
			width: Math.min(len, w),
			height: Math.max(1.5, gap * 0.36),
			rx: 1,
			fill: colour
		});
	}
	return out;
}

/** A sheet of paper; `stamp` adds the blue round stamp of an office, `band` a coloured header band. */
export function sheet(
	x: number,
	y: number,
	w: number,
	h: number,
	lw: number,
	opts: { stamp?: boolean; band?: string; tilt?: number } = {}
): string {
	const body =
		el('rect', { x, y, width: w, height: h, rx: lw, fill: PLACE.paper, ...stroke(lw) }) +
		(opts.band
			? el('rect', { x: x + lw, y: y + lw, width: w - 2 * lw, height: h * 0.14, fill: opts.band })
			: '') +
		writing(x + w * 0.12, y + h * (opts.band ? 0.2 : 0.08), w * 0.76, h * 0.62, 5) +
		(opts.stamp
			? el('circle', {
					cx: x + w * 0.7,
					cy: y + h * 0.8,
					r: Math.min(w, h) * 0.12,
					fill: 'none',
					stroke: PLACE.stamp,
					'stroke-width': lw * 1.3
				})
			: '');
	return opts.tilt ? g({ transform: `rotate(${n(opts.tilt)} ${n(x + w / 2)} ${n(y + h / 2)})` }, body) : body;
}

/** The register of the état civil: a big open book with ruled columns. */
export function register(cx: number, cy: number, w: number, lw: number): string {
	const h = w * 0.62;
	const x = cx - w / 2;
	const y = cy - h / 2;
	let out = el('path', {
		d: poly([
			pt(x - w * 0.03, y + h * 0.05),
			pt(x + w * 1.03, y + h * 0.05),
			pt(x + w * 1.03, y + h * 1.06),
			pt(x - w * 0.03, y + h * 1.06)
		]),
		fill: '#6b2d2d',
		...stroke(lw)
	});
	out += el('rect', { x, y, width: w / 2, height: h, fill: PLACE.paper, ...stroke(lw) });
	out += el('rect', { x: cx, y, width: w / 2, height: h, fill: PLACE.paper, ...stroke(lw) });
	for (const px of [x, cx]) {
		out += writing(px + w * 0.05, y + h * 0.05, w * 0.4, h * 0.9, 7);
		out += el('path', {
			d: `M${n(px + w * 0.15)} ${n(y + h * 0.06)}V${n(y + h * 0.94)}`,
			stroke: '#d9a0a0',
			'stroke-width': lw * 0.6
		});
	}
	return out;
}

function baby(cx: number, cy: number, s: number): string {
	const lw = Math.max(1.5, s / 22);
	const wrap = smooth(
		[
			pt(cx - s * 0.55, cy - s * 0.05),
			pt(cx - s * 0.2, cy - s * 0.32),
			pt(cx + s * 0.45, cy - s * 0.22),
			pt(cx + s * 0.6, cy + s * 0.12),
			pt(cx + s * 0.1, cy + s * 0.3),
			pt(cx - s * 0.45, cy + s * 0.22)
		],
		true,
		0.8
	);
	const hx = cx - s * 0.38;
	const hy = cy - s * 0.14;
	const r = s * 0.22;
	return (
		el('path', { d: wrap, fill: '#f4e6a8', ...stroke(lw) }) +
		el('path', {
			d: `M${n(cx - s * 0.05)} ${n(cy - s * 0.25)}Q${n(cx + s * 0.1)} ${n(cy + s * 0.05)} ${n(cx + s * 0.05)} ${n(cy + s * 0.27)}`,
			fill: 'none',
			stroke: '#d9c070',
			'stroke-width': lw * 1.5
		}) +
		el('circle', { cx: hx, cy: hy, r, fill: SKIN.brown, ...stroke(lw) }) +
		el('path', {
			d: `M${n(hx - r * 0.45)} ${n(hy)}q${n(r * 0.15)} ${n(r * 0.12)} ${n(r * 0.3)} 0M${n(hx + r * 0.15)} ${n(hy)}q${n(r * 0.15)} ${n(r * 0.12)} ${n(r * 0.3)} 0`,
			fill: 'none',
			stroke: INK,
			'stroke-width': lw * 0.8,
			'stroke-linecap': 'round'
		}) +
		el('path', {
			d: `M${n(hx - r * 0.12)} ${n(hy + r * 0.45)}q${n(r * 0.12)} ${n(r * 0.1)} ${n(r * 0.24)} 0`,
			fill: 'none',
			stroke: INK,
			'stroke-width': lw * 0.8,
			'stroke-linecap': 'round'
		}) +
		el('path', {
			d: `M${n(hx - r * 0.9)} ${n(hy - r * 0.3)}Q${n(hx)} ${n(hy - r * 1.5)} ${n(hx + r * 0.95)} ${n(hy - r * 0.2)}`,
			fill: '#f4e6a8',
			...stroke(lw)
		})
	);
}

/** A yellow jerrycan (bidon) as carried to water points all over Mali. */
export function jerrycan(x: number, y: number, s: number, colour: string = PLACE.plastic): string {
	const lw = Math.max(1.5, s / 20);
	const w = s * 0.7;
	const h = s;
	return (
		el('rect', { x: x - w / 2, y, width: w, height: h, rx: s * 0.08, fill: colour, ...stroke(lw) }) +
		el('rect', {
			x: x + w * 0.12,
			y: y - s * 0.12,
			width: w * 0.22,
			height: s * 0.14,
			fill: shade(colour, 0.25),
			...stroke(lw)
		}) +
		el('path', {
			d: `M${n(x - w * 0.35)} ${n(y)}V${n(y - s * 0.12)}H${n(x + w * 0.02)}V${n(y)}`,
			fill: 'none',
			...stroke(lw * 1.4)
		}) +
		el('path', {
			d: `M${n(x - w * 0.3)} ${n(y + h * 0.3)}H${n(x + w * 0.3)}M${n(x - w * 0.3)} ${n(y + h * 0.55)}H${n(x + w * 0.3)}`,
			stroke: shade(colour, 0.2),
			'stroke-width': lw
		})
	);
}

/** Bank notes (CFA-like colours, no legible text). */
function money(x: number, y: number, s: number): string {
	const lw = Math.max(1.2, s / 25);
	let out = '';
	[
		['#7fb6a0', -8],
		['#d9a55b', 6]
	].forEach(([c, tilt], i) => {
		const bx = x - s * 0.4 + i * s * 0.08;
		const by = y - s * 0.22 - i * s * 0.06;
		out += g(
			{ transform: `rotate(${tilt} ${n(x)} ${n(y)})` },
			el('rect', {
				x: bx,
				y: by,
				width: s * 0.8,
				height: s * 0.42,
				rx: lw,
				fill: c as string,
				...stroke(lw)
			}),
			el('circle', { cx: bx + s * 0.58, cy: by + s * 0.21, r: s * 0.11, fill: shade(c as string, 0.2) })
		);
	});
	return out;
}

function coins(x: number, y: number, s: number): string {
	const lw = Math.max(1.2, s / 25);
	return [0, 1]
		.map((i) =>
			el('circle', {
				cx: x - s * 0.1 + i * s * 0.22,
				cy: y - i * s * 0.05,
				r: s * 0.14,
				fill: '#c9c3b1',
				...stroke(lw)
			})
		)
		.join('');
}

/** Draws a held prop at a hand (or, for hugged props, at the chest). `u` is the holder's head unit. */
export function prop(kind: PropKind, x: number, y: number, u: number, side = 1): string {
	const lw = Math.max(1.6, u / 26);
	switch (kind) {
		case 'baby':
			return baby(x, y, u * 1.0);
		case 'papers':
			return (
				sheet(x - u * 0.25, y - u * 0.85, u * 0.7, u * 0.9, lw, { tilt: side * 8 }) +
				sheet(x - u * 0.1, y - u * 0.8, u * 0.7, u * 0.9, lw, { tilt: side * -4 })
			);
		case 'slip':
			// The health centre's declaration slip: small, blue header band, the centre's stamp.
			return sheet(x - u * 0.1 - (side < 0 ? u * 0.45 : 0), y - u * 0.75, u * 0.62, u * 0.8, lw, {
				stamp: true,
				band: '#7fb3d5',
				tilt: side * 6
			});
		case 'extract': {
			// The birth-certificate extract: bigger, a band in the flag colours, the mairie's stamp.
			const w = u * 0.85;
			const h = u * 1.1;
			const x0 = x - u * 0.1 - (side < 0 ? w * 0.7 : 0);
			const y0 = y - h * 0.95;
			const third = (w - 2 * lw) / 3;
			return g(
				{ transform: `rotate(${n(side * 5)} ${n(x0 + w / 2)} ${n(y0 + h / 2)})` },
				sheet(x0, y0, w, h, lw, { stamp: true, band: FLAG.gold }),
				el('rect', { x: x0 + lw, y: y0 + lw, width: third, height: h * 0.14, fill: FLAG.green }),
				el('rect', { x: x0 + lw + third, y: y0 + lw, width: third, height: h * 0.14, fill: FLAG.gold }),
				el('rect', { x: x0 + lw + third * 2, y: y0 + lw, width: third, height: h * 0.14, fill: FLAG.red })
			);
		}
		case 'register':
			return register(x, y, u * 1.4, lw);
		case 'money':
			return money(x, y, u * 0.9);
		case 'coins':
			return coins(x, y, u * 0.8);
		case 'can':
			return jerrycan(x, y + u * 0.1, u * 1.0);
		case 'bucket':
			return (
				el('path', {
					d: poly([
						pt(x - u * 0.4, y + u * 0.15),
						pt(x + u * 0.4, y + u * 0.15),
						pt(x + u * 0.32, y + u * 0.85),
						pt(x - u * 0.32, y + u * 0.85)
					]),
					fill: CLOTH.sky,
					...stroke(lw)
				}) +
				el('path', {
					d: `M${n(x - u * 0.4)} ${n(y + u * 0.15)}Q${n(x)} ${n(y - u * 0.35)} ${n(x + u * 0.4)} ${n(y + u * 0.15)}`,
					fill: 'none',
					...stroke(lw)
				})
			);
		case 'pestle':
			// A long wooden pestle held upright, for pounding millet in a mortar.
			return el('path', {
				d: `M${n(x)} ${n(y - u * 1.3)}L${n(x)} ${n(y + u * 1.5)}`,
				stroke: PLACE.wood,
				'stroke-width': u * 0.16,
				'stroke-linecap': 'round'
			});
		case 'basin':
			// An enamel basin (bassine) carried on the head; y is its bottom.
			return (
				el('path', {
					d: poly([
						pt(x - u * 0.5, y - u * 0.32),
						pt(x + u * 0.5, y - u * 0.32),
						pt(x + u * 0.32, y),
						pt(x - u * 0.32, y)
					]),
					fill: CLOTH.red,
					...stroke(lw)
				}) +
				el('ellipse', {
					cx: x,
					cy: y - u * 0.32,
					rx: u * 0.52,
					ry: u * 0.08,
					fill: shade(CLOTH.red, 0.2),
					...stroke(lw)
				}) +
				el('path', {
					d: `M${n(x - u * 0.35)} ${n(y - u * 0.16)}H${n(x + u * 0.35)}`,
					stroke: CLOTH.white,
					'stroke-width': u * 0.06
				})
			);
		case 'megaphone':
			return el('path', {
				d: poly([
					pt(x, y - u * 0.08),
					pt(x + side * u * 0.55, y - u * 0.25),
					pt(x + side * u * 0.55, y + u * 0.25),
					pt(x, y + u * 0.08)
				]),
				fill: CLOTH.red,
				...stroke(lw)
			});
		case 'cane':
			return el('path', {
				d: `M${n(x)} ${n(y - u * 0.2)}L${n(x + side * u * 0.25)} ${n(y + u * 2.9)}`,
				stroke: PLACE.woodDark,
				'stroke-width': u * 0.1,
				'stroke-linecap': 'round'
			});
		case 'bag':
			return el('rect', {
				x: x - u * 0.35,
				y: y,
				width: u * 0.7,
				height: u * 0.6,
				rx: u * 0.08,
				fill: CLOTH.red,
				...stroke(lw)
			});
		case 'notebook':
			return (
				el('rect', {
					x: x - u * 0.3,
					y: y - u * 0.45,
					width: u * 0.6,
					height: u * 0.75,
					fill: CLOTH.sky,
					...stroke(lw)
				}) + writing(x - u * 0.2, y - u * 0.3, u * 0.4, u * 0.5, 3, '#e8f0f6')
			);
		case 'chalk':
			return el('rect', {
				x: x - u * 0.04,
				y: y - u * 0.25,
				width: u * 0.08,
				height: u * 0.2,
				fill: '#fff',
				...stroke(lw * 0.6)
			});
	}
}

/** A school table-bench (table-banc) seen from the front; its top at `y` hides the pupils' legs. */
export function desk(x: number, y: number, w: number, h: number): string {
	const lw = Math.max(2, h / 25);
	return (
		el('rect', { x: x + w * 0.04, y, width: w * 0.06, height: h, fill: PLACE.woodDark, ...stroke(lw) }) +
		el('rect', { x: x + w * 0.9, y, width: w * 0.06, height: h, fill: PLACE.woodDark, ...stroke(lw) }) +
		el('rect', { x, y: y - h * 0.08, width: w, height: h * 0.16, rx: lw, fill: PLACE.wood, ...stroke(lw) }) +
		el('rect', {
			x: x + w * 0.02,
			y: y + h * 0.08,
			width: w * 0.96,
			height: h * 0.42,
			fill: shade(PLACE.wood, 0.15),
			...stroke(lw)
		})
	);
}

/** A wooden bench seen from the front, seat at `y`. */
export function bench(x: number, y: number, w: number, h: number, colour: string = PLACE.wood): string {
	const lw = Math.max(2, h / 12);
	return (
		el('rect', { x: x + w * 0.06, y, width: h * 0.16, height: h, fill: shade(colour, 0.25), ...stroke(lw) }) +
		el('rect', {
			x: x + w * 0.94 - h * 0.16,
			y,
			width: h * 0.16,
			height: h,
			fill: shade(colour, 0.25),
			...stroke(lw)
		}) +
		el('rect', { x, y: y - h * 0.12, width: w, height: h * 0.2, rx: lw, fill: colour, ...stroke(lw) })
	);
}

/** A table with a cloth, top at `y`. */
export function table(x: number, y: number, w: number, h: number, cloth: string = CLOTH.green): string {
	const lw = Math.max(2, h / 30);
	return (
		el('rect', { x: x + w * 0.05, y, width: w * 0.05, height: h, fill: PLACE.woodDark, ...stroke(lw) }) +
		el('rect', { x: x + w * 0.9, y, width: w * 0.05, height: h, fill: PLACE.woodDark, ...stroke(lw) }) +
		el('path', {
			d: poly([pt(x, y), pt(x + w, y), pt(x + w, y + h * 0.45), pt(x, y + h * 0.45)]),
			fill: cloth,
			...stroke(lw)
		})
	);
}

/** A blackboard on a wall, optionally with chalk drawings (shapes, never words). */
export function blackboard(
	x: number,
	y: number,
	w: number,
	h: number,
	drawing: 'none' | 'calendar' | 'water' | 'school' | 'budget' = 'none'
): string {
	const lw = Math.max(2, w / 150);
	const chalk = {
		stroke: '#eef3ea',
		'stroke-width': lw * 1.3,
		fill: 'none',
		'stroke-linecap': 'round' as const
	};
	let out = el('rect', {
		x: x - lw * 3,
		y: y - lw * 3,
		width: w + lw * 6,
		height: h + lw * 6,
		fill: PLACE.woodDark,
		...stroke(lw)
	});
	out += el('rect', { x, y, width: w, height: h, fill: PLACE.board });
	const cx = x + w / 2;
	const cy = y + h / 2;
	if (drawing === 'calendar') {
		// A month grid with one day circled: "within 30 days" without words.
		const gw = w * 0.6;
		const gh = h * 0.7;
		const gx = cx - gw / 2;
		const gy = cy - gh / 2;
		out += el('rect', { x: gx, y: gy, width: gw, height: gh, ...chalk });
		for (let i = 1; i < 6; i++)
			out += el('path', {
				d: `M${n(gx + (gw * i) / 6)} ${n(gy)}V${n(gy + gh)}`,
				...chalk,
				'stroke-width': lw * 0.7
			});
		for (let j = 1; j < 5; j++)
			out += el('path', {
				d: `M${n(gx)} ${n(gy + (gh * j) / 5)}H${n(gx + gw)}`,
				...chalk,
				'stroke-width': lw * 0.7
			});
		out += el('circle', {
			cx: gx + (gw * 4.5) / 6,
			cy: gy + (gh * 4.5) / 5,
			r: gh / 8,
			stroke: '#ffd85a',
			'stroke-width': lw * 1.6,
			fill: 'none'
		});
	} else if (drawing === 'water') {
		out += el('path', {
			d: `M${n(cx)} ${n(y + h * 0.15)}C${n(cx + w * 0.15)} ${n(cy)} ${n(cx + w * 0.12)} ${n(y + h * 0.85)} ${n(cx)} ${n(y + h * 0.85)}C${n(cx - w * 0.12)} ${n(y + h * 0.85)} ${n(cx - w * 0.15)} ${n(cy)} ${n(cx)} ${n(y + h * 0.15)}Z`,
			...chalk
		});
	} else if (drawing === 'school') {
		out += el('path', {
			d: `M${n(cx - w * 0.25)} ${n(cy + h * 0.25)}V${n(cy - h * 0.05)}L${n(cx)} ${n(cy - h * 0.3)}L${n(cx + w * 0.25)} ${n(cy - h * 0.05)}V${n(cy + h * 0.25)}Z`,
			...chalk
		});
		out += el('rect', { x: cx - w * 0.05, y: cy + h * 0.02, width: w * 0.1, height: h * 0.23, ...chalk });
	} else if (drawing === 'budget') {
		// Bar chart: planned vs done, as chalk bars.
		const bw = w * 0.08;
		[0.55, 0.4, 0.7, 0.35].forEach((v, i) => {
			out += el('rect', {
				x: x + w * (0.2 + i * 0.17),
				y: y + h * (0.85 - v),
				width: bw,
				height: h * v,
				...chalk
			});
		});
		out += el('path', { d: `M${n(x + w * 0.12)} ${n(y + h * 0.85)}H${n(x + w * 0.9)}`, ...chalk });
	}
	return out;
}

/**
 * Motion lines: short strokes trailing behind something that moves (a running child, a swinging
 * pestle). `dx, dy` is the direction of the movement; the lines trail the other way from (x, y).
 */
export function motionLines(x: number, y: number, dx: number, dy: number, length: number, count = 4): string {
	const len = Math.hypot(dx, dy) || 1;
	const ux = dx / len;
	const uy = dy / len;
	let out = '';
	for (let i = 0; i < count; i++) {
		// Spread across the movement, the middle lines longest.
		const off = (i - (count - 1) / 2) * length * 0.18;
		const l = length * (1 - Math.abs(i - (count - 1) / 2) * 0.22);
		const sx = x - uy * off;
		const sy = y + ux * off;
		out += el('path', {
			d: `M${n(sx)} ${n(sy)}L${n(sx - ux * l)} ${n(sy - uy * l)}`,
			stroke: INK,
			'stroke-width': Math.max(2, length / 40),
			'stroke-linecap': 'round',
			opacity: 0.7
		});
	}
	return out;
}

/**
 * Emphasis lines: strokes radiating around a point (surprise, a shock, a sudden idea), from
 * radius r0 to r1.
 */
export function emphasisLines(cx: number, cy: number, r0: number, r1: number, count = 12, seed = 1): string {
	const rand = rng(seed);
	let out = '';
	for (let i = 0; i < count; i++) {
		const a = (i / count) * Math.PI * 2 + rand() * 0.2;
		const inner = r0 * (0.9 + rand() * 0.2);
		const outer = r1 * (0.8 + rand() * 0.2);
		out += el('path', {
			d: `M${n(cx + Math.cos(a) * inner)} ${n(cy + Math.sin(a) * inner)}L${n(cx + Math.cos(a) * outer)} ${n(cy + Math.sin(a) * outer)}`,
			stroke: INK,
			'stroke-width': Math.max(2, r1 / 60),
			'stroke-linecap': 'round'
		});
	}
	return out;
}

/** A wooden mortar standing on the ground (x: centre, y: ground), for pounding millet. */
export function mortar(x: number, groundY: number, s: number): string {
	const lw = Math.max(2, s / 40);
	return (
		el('path', {
			d: `M${n(x - s * 0.32)} ${n(groundY - s)}L${n(x + s * 0.32)} ${n(groundY - s)}L${n(x + s * 0.16)} ${n(groundY - s * 0.45)}L${n(x + s * 0.26)} ${n(groundY)}L${n(x - s * 0.26)} ${n(groundY)}L${n(x - s * 0.16)} ${n(groundY - s * 0.45)}Z`,
			fill: PLACE.woodDark,
			stroke: INK,
			'stroke-width': lw
		}) +
		el('ellipse', {
			cx: x,
			cy: groundY - s,
			rx: s * 0.32,
			ry: s * 0.07,
			fill: '#e8d7a0',
			stroke: INK,
			'stroke-width': lw
		})
	);
}
