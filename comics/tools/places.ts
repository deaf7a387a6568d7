/**
 * Places: outdoor sets (sky, ground, banco houses, trees, the mairie with the flag, the CSCom, the
 * school, a hand pump and a standpipe, a market) and indoor sets (office, classroom, meeting hall,
 * health room). Every function draws in panel pixels; `groundY` is where walls meet the ground.
 * Signs are pictograms and flag colours only: no words in the art.
 */
import { CLOTH, FLAG, INK, PLACE } from './palette';
import { bench, blackboard, register, table, writing } from './props';
import { el, g, n, poly, pt, rng, shade, smooth } from './svg';

const ink = (w: number) => ({ stroke: INK, 'stroke-width': w, 'stroke-linejoin': 'round' as const });

/** Sky above, earth below, with a few seeded pebbles and tufts so the ground is not a flat slab. */
export function outdoor(w: number, h: number, horizon: number, seed = 1, sky: string = PLACE.sky): string {
	const r = rng(seed);
	let out = el('rect', { width: w, height: horizon + 2, fill: sky });
	out += el('rect', { y: horizon * 0.62, width: w, height: horizon * 0.4, fill: PLACE.skyLow, opacity: 0.7 });
	out += el('rect', { y: horizon, width: w, height: h - horizon, fill: PLACE.ground });
	for (let i = 0; i < 7; i++) {
		const x = r() * w;
		const y = horizon + 12 + r() * (h - horizon - 16);
		out += el('path', {
			d: `M${n(x)} ${n(y)}q${n(8 + r() * 10)} ${n(-4)} ${n(22 + r() * 18)} 0`,
			stroke: PLACE.groundDark,
			'stroke-width': 3,
			fill: 'none',
			'stroke-linecap': 'round'
		});
	}
	return out;
}

/** Interior: wall and floor. */
export function indoor(w: number, h: number, floorY: number, wall: string = PLACE.wallCream): string {
	return (
		el('rect', { width: w, height: floorY, fill: wall }) +
		el('rect', { y: floorY * 0.72, width: w, height: floorY * 0.28, fill: shade(wall, 0.08) }) +
		el('rect', { y: floorY, width: w, height: h - floorY, fill: PLACE.floor }) +
		el('path', { d: `M0 ${n(floorY)}H${n(w)}`, ...ink(3) })
	);
}

export function sun(x: number, y: number, r: number): string {
	return (
		el('circle', { cx: x, cy: y, r, fill: '#ffe08a' }) +
		el('circle', { cx: x, cy: y, r: r * 0.72, fill: '#ffd24a' })
	);
}

/** The flag of Mali on a pole; `wave` bends it a little so it reads as cloth. */
export function flag(x: number, groundY: number, poleH: number, fw: number): string {
	const lw = Math.max(2, fw / 40);
	const fh = fw * 0.66;
	const top = groundY - poleH;
	const part = fw / 3;
	let out = el('path', {
		d: `M${n(x)} ${n(groundY)}V${n(top - lw * 2)}`,
		stroke: '#7d848a',
		'stroke-width': lw * 2.2
	});
	out += el('circle', { cx: x, cy: top - lw * 2, r: lw * 1.6, fill: '#c9a227' });
	const colours = [FLAG.green, FLAG.gold, FLAG.red];
	colours.forEach((c, i) => {
		const x0 = x + i * part;
		const x1 = x0 + part;
		const wob = (xx: number) => Math.sin(((xx - x) / fw) * Math.PI * 1.4) * fh * 0.07;
		out += el('path', {
			d: `M${n(x0)} ${n(top + wob(x0))}L${n(x1)} ${n(top + wob(x1))}L${n(x1)} ${n(top + fh + wob(x1))}L${n(x0)} ${n(top + fh + wob(x0))}Z`,
			fill: c
		});
	});
	out += el('path', {
		d: `M${n(x)} ${n(top)}L${n(x + fw)} ${n(top + Math.sin(1.4 * Math.PI) * fh * 0.07)}L${n(x + fw)} ${n(top + fh + Math.sin(1.4 * Math.PI) * fh * 0.07)}L${n(x)} ${n(top + fh)}Z`,
		fill: 'none',
		...ink(lw)
	});
	return out;
}

/** Bunting in the flag colours, hung between two points. */
export function bunting(x0: number, y0: number, x1: number, y1: number, count: number): string {
	const colours = [FLAG.green, FLAG.gold, FLAG.red];
	let out = el('path', {
		d: `M${n(x0)} ${n(y0)}Q${n((x0 + x1) / 2)} ${n((y0 + y1) / 2 + 30)} ${n(x1)} ${n(y1)}`,
		stroke: INK,
		'stroke-width': 2,
		fill: 'none'
	});
	for (let i = 0; i < count; i++) {
		const t = (i + 0.5) / count;
		const x = x0 + (x1 - x0) * t;
		const y = y0 + (y1 - y0) * t + 4 * 30 * t * (1 - t) * 0.5 * 2 * 0.5;
		const s = 16;
		out += el('path', {
			d: poly([pt(x - s, y), pt(x + s, y), pt(x, y + s * 1.6)]),
			fill: colours[i % 3]!,
			stroke: INK,
			'stroke-width': 1.5
		});
	}
	return out;
}

/** A rectangular banco house: flat roof, wooden beam ends (toron) and a door. */
export function bancoHouse(
	x: number,
	groundY: number,
	w: number,
	h: number,
	opts: { door?: string; window?: boolean; seed?: number; colour?: string } = {}
): string {
	const lw = Math.max(2, w / 90);
	const colour = opts.colour ?? PLACE.banco;
	const top = groundY - h;
	let out = el('path', {
		d: `M${n(x)} ${n(groundY)}L${n(x + w * 0.01)} ${n(top + h * 0.04)}Q${n(x + w * 0.5)} ${n(top - h * 0.03)} ${n(x + w * 0.99)} ${n(top + h * 0.04)}L${n(x + w)} ${n(groundY)}Z`,
		fill: colour,
		...ink(lw)
	});
	out += el('rect', { x, y: groundY - h * 0.12, width: w, height: h * 0.12, fill: shade(colour, 0.12) });
	const beams = Math.max(2, Math.round(w / 60));
	for (let i = 0; i < beams; i++) {
		const bx = x + w * ((i + 0.5) / beams);
		out += el('rect', {
			x: bx - lw * 1.5,
			y: top + h * 0.08,
			width: lw * 3,
			height: h * 0.12,
			fill: PLACE.woodDark,
			...ink(lw * 0.6)
		});
	}
	if (opts.door) {
		const dw = Math.min(w * 0.3, h * 0.42);
		out += el('rect', {
			x: x + w * 0.5 - dw / 2,
			y: groundY - h * 0.62,
			width: dw,
			height: h * 0.62,
			fill: opts.door,
			...ink(lw)
		});
		out += el('path', {
			d: `M${n(x + w * 0.5)} ${n(groundY - h * 0.6)}V${n(groundY)}`,
			stroke: shade(opts.door, 0.3),
			'stroke-width': lw
		});
	}
	if (opts.window) {
		const ww = Math.min(w * 0.16, h * 0.24);
		out += el('rect', {
			x: x + w * 0.12,
			y: top + h * 0.35,
			width: ww,
			height: ww,
			fill: PLACE.window,
			...ink(lw)
		});
	}
	return out;
}

/** A round granary in banco with a thatched cone roof. */
export function granary(x: number, groundY: number, s: number): string {
	const lw = Math.max(2, s / 45);
	return (
		el('path', {
			d: `M${n(x - s * 0.35)} ${n(groundY)}V${n(groundY - s * 0.6)}H${n(x + s * 0.35)}V${n(groundY)}Z`,
			fill: PLACE.bancoLight,
			...ink(lw)
		}) +
		el('path', {
			d: poly([
				pt(x - s * 0.48, groundY - s * 0.55),
				pt(x, groundY - s * 1.15),
				pt(x + s * 0.48, groundY - s * 0.55)
			]),
			fill: PLACE.thatch,
			...ink(lw)
		}) +
		el('path', {
			d: `M${n(x - s * 0.2)} ${n(groundY - s * 0.75)}L${n(x - s * 0.28)} ${n(groundY - s * 0.6)}M${n(x + s * 0.1)} ${n(groundY - s * 0.85)}L${n(x + s * 0.18)} ${n(groundY - s * 0.62)}`,
			stroke: shade(PLACE.thatch, 0.3),
			'stroke-width': lw
		})
	);
}

/** A shade tree (neem or karité): trunk and a cloud of leaves. `kind: 'baobab'` is fat and bare-topped. */
export function tree(
	x: number,
	groundY: number,
	s: number,
	kind: 'shade' | 'baobab' = 'shade',
	seed = 3
): string {
	const r = rng(seed);
	const lw = Math.max(2, s / 90);
	if (kind === 'baobab') {
		const trunk = smooth(
			[
				pt(x - s * 0.2, groundY),
				pt(x - s * 0.16, groundY - s * 0.5),
				pt(x - s * 0.22, groundY - s * 0.72),
				pt(x + s * 0.22, groundY - s * 0.72),
				pt(x + s * 0.16, groundY - s * 0.5),
				pt(x + s * 0.22, groundY)
			],
			true,
			0.5
		);
		let out = el('path', { d: trunk, fill: '#9c8a78', ...ink(lw) });
		for (const [dx, dy] of [
			[-0.35, -0.92],
			[0, -1.0],
			[0.35, -0.9]
		]) {
			out += el('path', {
				d: `M${n(x)} ${n(groundY - s * 0.7)}L${n(x + dx! * s)} ${n(groundY + dy! * s)}`,
				stroke: '#9c8a78',
				'stroke-width': s * 0.06,
				'stroke-linecap': 'round'
			});
			out += el('circle', {
				cx: x + dx! * s,
				cy: groundY + dy! * s - s * 0.05,
				r: s * 0.14,
				fill: PLACE.leaf,
				...ink(lw)
			});
		}
		return out;
	}
	let out = el('path', {
		d: poly([
			pt(x - s * 0.06, groundY),
			pt(x - s * 0.04, groundY - s * 0.55),
			pt(x + s * 0.04, groundY - s * 0.55),
			pt(x + s * 0.07, groundY)
		]),
		fill: PLACE.trunk,
		...ink(lw)
	});
	const blobs: [number, number, number][] = [];
	for (let i = 0; i < 7; i++)
		blobs.push([x + (r() - 0.5) * s * 0.85, groundY - s * (0.62 + r() * 0.3), s * (0.2 + r() * 0.1)]);
	for (const [bx, by, br] of blobs) out += el('circle', { cx: bx, cy: by, r: br + lw, fill: INK });
	for (const [bx, by, br] of blobs) out += el('circle', { cx: bx, cy: by, r: br, fill: PLACE.leaf });
	for (const [bx, by, br] of blobs.slice(0, 4))
		out += el('circle', { cx: bx - br * 0.25, cy: by - br * 0.3, r: br * 0.45, fill: '#62a048' });
	return out;
}

/** The mairie (town hall): a two-level building with arches, steps, the flag and an emblem. */
export function mairie(x: number, groundY: number, w: number, h: number): string {
	const lw = Math.max(2.5, w / 160);
	const top = groundY - h;
	let out = el('rect', {
		x,
		y: top + h * 0.12,
		width: w,
		height: h * 0.88,
		fill: PLACE.wallOchre,
		...ink(lw)
	});
	out += el('rect', {
		x: x - w * 0.02,
		y: top + h * 0.06,
		width: w * 1.04,
		height: h * 0.09,
		fill: shade(PLACE.wallOchre, 0.2),
		...ink(lw)
	});
	// Sudano-Sahelian pinnacles along the roof line.
	const spikes = 7;
	for (let i = 0; i < spikes; i++) {
		const sx = x + w * (i / (spikes - 1));
		out += el('path', {
			d: poly([
				pt(sx - w * 0.018, top + h * 0.07),
				pt(sx, top - h * 0.05),
				pt(sx + w * 0.018, top + h * 0.07)
			]),
			fill: shade(PLACE.wallOchre, 0.2),
			...ink(lw)
		});
	}
	const arches = 4;
	for (let i = 0; i < arches; i++) {
		const ax = x + w * (0.1 + i * 0.225);
		const aw = w * 0.13;
		const ay = top + h * 0.5;
		out += el('path', {
			d: `M${n(ax)} ${n(groundY - h * 0.06)}V${n(ay + aw * 0.5)}A${n(aw / 2)} ${n(aw / 2)} 0 0 1 ${n(ax + aw)} ${n(ay + aw * 0.5)}V${n(groundY - h * 0.06)}Z`,
			fill: i === 1 ? PLACE.door : PLACE.window,
			...ink(lw)
		});
	}
	// Upper windows and the emblem (a pictogram circle in flag colours, no words).
	for (let i = 0; i < 3; i++)
		out += el('rect', {
			x: x + w * (0.14 + i * 0.3),
			y: top + h * 0.22,
			width: w * 0.1,
			height: h * 0.14,
			fill: PLACE.window,
			...ink(lw)
		});
	const ex = x + w * 0.5;
	const ey = top + h * 0.29;
	out += el('circle', { cx: ex, cy: ey, r: h * 0.085, fill: PLACE.paper, ...ink(lw) });
	out += el('path', {
		d: `M${n(ex - h * 0.05)} ${n(ey + h * 0.04)}L${n(ex)} ${n(ey - h * 0.05)}L${n(ex + h * 0.05)} ${n(ey + h * 0.04)}Z`,
		fill: FLAG.gold,
		...ink(lw * 0.7)
	});
	out += el('rect', {
		x: x + w * 0.05,
		y: groundY - h * 0.06,
		width: w * 0.9,
		height: h * 0.06,
		fill: PLACE.concrete,
		...ink(lw)
	});
	// The flag flies on its own pole in the forecourt, left of the door.
	out += flag(x - w * 0.07, groundY + h * 0.04, h * 0.95, h * 0.36);
	return out;
}

/** The CSCom (community health centre): white walls, a veranda and a green-cross pictogram. */
export function cscom(x: number, groundY: number, w: number, h: number): string {
	const lw = Math.max(2.5, w / 160);
	const top = groundY - h;
	let out = el('rect', {
		x,
		y: top + h * 0.15,
		width: w,
		height: h * 0.85,
		fill: PLACE.wallWhite,
		...ink(lw)
	});
	out += el('rect', { x, y: groundY - h * 0.22, width: w, height: h * 0.1, fill: FLAG.green });
	out += el('path', {
		d: poly([
			pt(x - w * 0.05, top + h * 0.2),
			pt(x + w * 0.08, top),
			pt(x + w * 0.92, top),
			pt(x + w * 1.05, top + h * 0.2)
		]),
		fill: PLACE.roofTin,
		...ink(lw)
	});
	for (let i = 0; i < 3; i++)
		out += el('rect', {
			x: x + w * (0.08 + i * 0.3),
			y: top + h * 0.38,
			width: w * 0.16,
			height: h * 0.22,
			fill: PLACE.window,
			...ink(lw)
		});
	out += el('rect', {
		x: x + w * 0.68,
		y: top + h * 0.3,
		width: w * 0.16,
		height: h * 0.58,
		fill: PLACE.door,
		...ink(lw)
	});
	// Sign board: a green cross and a mother-and-child pictogram.
	const sx = x + w * 0.36;
	const sy = top + h * 0.22;
	const sw = w * 0.26;
	const sh = h * 0.14;
	out += el('rect', { x: sx, y: sy, width: sw, height: sh, fill: PLACE.paper, ...ink(lw) });
	const c = sh * 0.32;
	const ccx = sx + sw * 0.28;
	const ccy = sy + sh / 2;
	out += el('path', {
		d: `M${n(ccx - c / 3)} ${n(ccy - c)}h${n((2 * c) / 3)}v${n((2 * c) / 3)}h${n((2 * c) / 3)}v${n((2 * c) / 3)}h${n((-2 * c) / 3)}v${n((2 * c) / 3)}h${n((-2 * c) / 3)}v${n((-2 * c) / 3)}h${n((-2 * c) / 3)}v${n((-2 * c) / 3)}h${n((2 * c) / 3)}Z`,
		fill: FLAG.green
	});
	const mx = sx + sw * 0.7;
	out +=
		el('circle', { cx: mx, cy: ccy - c * 0.55, r: c * 0.35, fill: PLACE.door }) +
		el('path', {
			d: poly([pt(mx - c * 0.5, ccy + c), pt(mx, ccy - c * 0.2), pt(mx + c * 0.5, ccy + c)]),
			fill: PLACE.door
		});
	out += el('circle', { cx: mx + c * 0.55, cy: ccy + c * 0.2, r: c * 0.25, fill: CLOTH.pink });
	return out;
}

/** A school block: a row of classrooms under a tin roof, blue doors and shutters, the flag. */
export function school(x: number, groundY: number, w: number, h: number, withFlag = true): string {
	const lw = Math.max(2.5, w / 180);
	const top = groundY - h;
	let out = el('rect', {
		x,
		y: top + h * 0.18,
		width: w,
		height: h * 0.82,
		fill: PLACE.wallCream,
		...ink(lw)
	});
	out += el('rect', { x, y: groundY - h * 0.25, width: w, height: h * 0.25, fill: PLACE.wallOchre });
	out += el('path', {
		d: poly([
			pt(x - w * 0.03, top + h * 0.2),
			pt(x + w * 0.02, top),
			pt(x + w * 0.98, top),
			pt(x + w * 1.03, top + h * 0.2)
		]),
		fill: PLACE.roofTin,
		...ink(lw)
	});
	const rooms = Math.max(2, Math.round(w / 220));
	for (let i = 0; i < rooms; i++) {
		const rx = x + (w / rooms) * i;
		const rw = w / rooms;
		out += el('rect', {
			x: rx + rw * 0.15,
			y: top + h * 0.4,
			width: rw * 0.2,
			height: h * 0.6,
			fill: PLACE.door,
			...ink(lw)
		});
		out += el('rect', {
			x: rx + rw * 0.5,
			y: top + h * 0.42,
			width: rw * 0.3,
			height: h * 0.22,
			fill: PLACE.door,
			...ink(lw)
		});
		out += el('path', { d: `M${n(rx + rw * 0.65)} ${n(top + h * 0.42)}V${n(top + h * 0.64)}`, ...ink(lw) });
	}
	if (withFlag) out += flag(x + w + w * 0.06, groundY, h * 1.2, h * 0.5);
	return out;
}

/** A classroom seen from the pupils' side: wall, blackboard, a window. */
export function classroom(
	w: number,
	h: number,
	floorY: number,
	drawing: Parameters<typeof blackboard>[4] = 'none'
): string {
	let out = indoor(w, h, floorY, PLACE.wallBlue);
	out += blackboard(w * 0.22, floorY * 0.18, w * 0.56, floorY * 0.46, drawing);
	out += el('rect', {
		x: w * 0.04,
		y: floorY * 0.2,
		width: w * 0.1,
		height: floorY * 0.34,
		fill: '#fff8d8',
		...ink(3)
	});
	out += el('path', { d: `M${n(w * 0.09)} ${n(floorY * 0.2)}V${n(floorY * 0.54)}`, ...ink(3) });
	return out;
}

/** The office of the état civil: counter, shelves of registers, a calendar pictogram, a window. */
export function officeInterior(w: number, h: number, floorY: number): string {
	let out = indoor(w, h, floorY, PLACE.wallCream);
	const lw = 3;
	// Shelves with registers.
	const sx = w * 0.62;
	const sw = w * 0.32;
	for (let i = 0; i < 3; i++) {
		const sy = floorY * (0.18 + i * 0.22);
		out += el('rect', {
			x: sx,
			y: sy + floorY * 0.16,
			width: sw,
			height: floorY * 0.025,
			fill: PLACE.woodDark,
			...ink(lw * 0.6)
		});
		for (let j = 0; j < 6; j++) {
			const colours = ['#6b2d2d', '#2d4f6b', '#6b5a2d', '#2d6b45'];
			out += el('rect', {
				x: sx + sw * (0.04 + j * 0.155),
				y: sy + floorY * 0.02,
				width: sw * 0.12,
				height: floorY * 0.14,
				fill: colours[(i + j) % 4]!,
				...ink(lw * 0.6)
			});
		}
	}
	out += el('rect', {
		x: w * 0.06,
		y: floorY * 0.16,
		width: w * 0.16,
		height: floorY * 0.3,
		fill: '#fff8d8',
		...ink(lw)
	});
	out += el('path', { d: `M${n(w * 0.14)} ${n(floorY * 0.16)}V${n(floorY * 0.46)}`, ...ink(lw) });
	// A small flag pennant on the wall.
	out += g(
		{},
		el('rect', { x: w * 0.34, y: floorY * 0.16, width: w * 0.03, height: floorY * 0.12, fill: FLAG.green }),
		el('rect', { x: w * 0.37, y: floorY * 0.16, width: w * 0.03, height: floorY * 0.12, fill: FLAG.gold }),
		el('rect', { x: w * 0.4, y: floorY * 0.16, width: w * 0.03, height: floorY * 0.12, fill: FLAG.red }),
		el('rect', {
			x: w * 0.34,
			y: floorY * 0.16,
			width: w * 0.09,
			height: floorY * 0.12,
			fill: 'none',
			...ink(2)
		})
	);
	return out;
}

/** An office counter across the panel, top at `y`, with the open register on it. */
export function counter(x: number, y: number, w: number, h: number, withRegister = true): string {
	let out = el('rect', { x, y, width: w, height: h, fill: PLACE.wood, ...ink(3) });
	out += el('rect', { x: x - 6, y: y - 10, width: w + 12, height: 16, fill: PLACE.woodDark, ...ink(3) });
	if (withRegister) out += register(x + w * 0.3, y - 34, Math.min(220, w * 0.4), 2.5);
	return out;
}

/** A consultation room in the CSCom: pale green wall, a bed, a baby scale, a poster pictogram. */
export function healthRoom(w: number, h: number, floorY: number): string {
	let out = indoor(w, h, floorY, '#d8ecdf');
	const lw = 3;
	out += el('rect', {
		x: w * 0.08,
		y: floorY * 0.14,
		width: w * 0.18,
		height: floorY * 0.3,
		fill: PLACE.paper,
		...ink(lw)
	});
	out += el('circle', { cx: w * 0.17, cy: floorY * 0.24, r: floorY * 0.05, fill: CLOTH.pink });
	out += el('path', {
		d: poly([pt(w * 0.12, floorY * 0.4), pt(w * 0.17, floorY * 0.28), pt(w * 0.22, floorY * 0.4)]),
		fill: CLOTH.pink
	});
	out += writing(w * 0.1, floorY * 0.3, w * 0.05, floorY * 0.1, 2);
	// Cross pictogram on the wall.
	out += el('rect', {
		x: w * 0.82,
		y: floorY * 0.18,
		width: w * 0.03,
		height: floorY * 0.14,
		fill: FLAG.green
	});
	out += el('rect', {
		x: w * 0.78,
		y: floorY * 0.235,
		width: w * 0.11,
		height: floorY * 0.035,
		fill: FLAG.green
	});
	return out;
}

/** A meeting hall: plain walls, windows, bunting in flag colours. */
export function hallInterior(w: number, h: number, floorY: number): string {
	let out = indoor(w, h, floorY, PLACE.wallOchre);
	for (let i = 0; i < 3; i++)
		out += el('rect', {
			x: w * (0.1 + i * 0.32),
			y: floorY * 0.22,
			width: w * 0.12,
			height: floorY * 0.28,
			fill: '#fff0c8',
			...ink(3)
		});
	out += bunting(0, floorY * 0.08, w, floorY * 0.08, Math.max(6, Math.round(w / 70)));
	return out;
}

/**
 * A hand pump (India Mark II type) on its concrete apron. `broken` drops the handle, cracks the
 * apron and leaves the spout dry.
 */
export function handPump(x: number, groundY: number, s: number, broken = false): string {
	const lw = Math.max(2.5, s / 70);
	let out = el('ellipse', {
		cx: x,
		cy: groundY,
		rx: s * 0.6,
		ry: s * 0.12,
		fill: PLACE.concrete,
		...ink(lw)
	});
	out += el('ellipse', {
		cx: x,
		cy: groundY - s * 0.02,
		rx: s * 0.45,
		ry: s * 0.08,
		fill: PLACE.concreteDark
	});
	if (broken)
		out += el('path', {
			d: `M${n(x - s * 0.5)} ${n(groundY + s * 0.02)}l${n(s * 0.12)} ${n(-s * 0.03)}l${n(s * 0.06)} ${n(s * 0.05)}l${n(s * 0.1)} ${n(-s * 0.04)}`,
			fill: 'none',
			...ink(lw)
		});
	else
		out += el('ellipse', {
			cx: x + s * 0.22,
			cy: groundY - s * 0.01,
			rx: s * 0.14,
			ry: s * 0.03,
			fill: PLACE.water
		});
	// Pedestal, pump body and head.
	out += el('rect', {
		x: x - s * 0.1,
		y: groundY - s * 0.2,
		width: s * 0.2,
		height: s * 0.16,
		fill: PLACE.metal,
		...ink(lw)
	});
	out += el('rect', {
		x: x - s * 0.07,
		y: groundY - s * 0.78,
		width: s * 0.14,
		height: s * 0.6,
		fill: PLACE.metalLight,
		...ink(lw)
	});
	out += el('rect', {
		x: x - s * 0.11,
		y: groundY - s * 0.9,
		width: s * 0.22,
		height: s * 0.14,
		rx: lw,
		fill: PLACE.metal,
		...ink(lw)
	});
	out += el('path', {
		d: `M${n(x + s * 0.07)} ${n(groundY - s * 0.55)}H${n(x + s * 0.24)}V${n(groundY - s * 0.48)}`,
		fill: 'none',
		stroke: INK,
		'stroke-width': s * 0.07 + lw,
		'stroke-linecap': 'round'
	});
	out += el('path', {
		d: `M${n(x + s * 0.07)} ${n(groundY - s * 0.55)}H${n(x + s * 0.24)}V${n(groundY - s * 0.48)}`,
		fill: 'none',
		stroke: PLACE.metalLight,
		'stroke-width': s * 0.07,
		'stroke-linecap': 'round'
	});
	const hx = x - s * 0.1;
	const hy = groundY - s * 0.84;
	const end = broken ? pt(hx - s * 0.5, hy + s * 0.42) : pt(hx - s * 0.62, hy - s * 0.12);
	out += el('path', {
		d: `M${n(hx)} ${n(hy)}L${n(end.x)} ${n(end.y)}`,
		stroke: INK,
		'stroke-width': s * 0.06 + lw * 2,
		'stroke-linecap': 'round'
	});
	out += el('path', {
		d: `M${n(hx)} ${n(hy)}L${n(end.x)} ${n(end.y)}`,
		stroke: PLACE.metal,
		'stroke-width': s * 0.06,
		'stroke-linecap': 'round'
	});
	if (!broken) {
		// Water running from the spout.
		out += el('rect', {
			x: x + s * 0.22,
			y: groundY - s * 0.46,
			width: s * 0.04,
			height: s * 0.4,
			rx: s * 0.02,
			fill: PLACE.water
		});
	}
	if (broken) {
		// A loose bolt lying on the apron.
		out += el('circle', {
			cx: x - s * 0.3,
			cy: groundY + s * 0.01,
			r: s * 0.03,
			fill: PLACE.metal,
			...ink(lw * 0.6)
		});
	}
	return out;
}

/** A standpipe (borne-fontaine): a concrete post with two taps over a basin. */
export function standpipe(x: number, groundY: number, s: number, flowing = true): string {
	const lw = Math.max(2.5, s / 70);
	let out = el('rect', {
		x: x - s * 0.45,
		y: groundY - s * 0.12,
		width: s * 0.9,
		height: s * 0.14,
		fill: PLACE.concrete,
		...ink(lw)
	});
	out += el('rect', {
		x: x - s * 0.16,
		y: groundY - s * 0.75,
		width: s * 0.32,
		height: s * 0.64,
		fill: PLACE.wallWhite,
		...ink(lw)
	});
	out += el('rect', {
		x: x - s * 0.16,
		y: groundY - s * 0.75,
		width: s * 0.32,
		height: s * 0.08,
		fill: PLACE.door
	});
	for (const side of [-1, 1]) {
		const tx = x + side * s * 0.16;
		out += el('path', {
			d: `M${n(tx)} ${n(groundY - s * 0.5)}h${n(side * s * 0.12)}v${n(s * 0.06)}`,
			fill: 'none',
			stroke: INK,
			'stroke-width': s * 0.05 + lw,
			'stroke-linecap': 'round'
		});
		out += el('path', {
			d: `M${n(tx)} ${n(groundY - s * 0.5)}h${n(side * s * 0.12)}v${n(s * 0.06)}`,
			fill: 'none',
			stroke: PLACE.metalLight,
			'stroke-width': s * 0.05,
			'stroke-linecap': 'round'
		});
		if (flowing)
			out += el('rect', {
				x: tx + side * s * 0.12 - s * 0.015,
				y: groundY - s * 0.42,
				width: s * 0.03,
				height: s * 0.3,
				fill: PLACE.water
			});
	}
	return out;
}

/** A market stall: a table of produce under a parasol. */
export function marketStall(
	x: number,
	groundY: number,
	w: number,
	seed = 5,
	parasol: string = CLOTH.red
): string {
	const r = rng(seed);
	const lw = Math.max(2, w / 90);
	const ty = groundY - w * 0.4;
	let out = el('path', {
		d: `M${n(x + w / 2)} ${n(groundY)}V${n(ty - w * 0.55)}`,
		stroke: INK,
		'stroke-width': lw * 1.5
	});
	out += el('path', {
		d: `M${n(x - w * 0.1)} ${n(ty - w * 0.4)}Q${n(x + w / 2)} ${n(ty - w * 0.85)} ${n(x + w * 1.1)} ${n(ty - w * 0.4)}Z`,
		fill: parasol,
		...ink(lw)
	});
	out += el('path', {
		d: `M${n(x + w * 0.2)} ${n(ty - w * 0.4)}Q${n(x + w * 0.35)} ${n(ty - w * 0.7)} ${n(x + w / 2)} ${n(ty - w * 0.62)}`,
		fill: 'none',
		stroke: shade(parasol, -0.3),
		'stroke-width': lw
	});
	out += table(x, ty, w, w * 0.4, PLACE.wood);
	const produce = ['#d9372b', '#e8a33a', '#7a3f8f', '#3f8f3a'];
	for (let i = 0; i < 9; i++) {
		const px = x + w * (0.1 + (i % 5) * 0.2);
		const py = ty - w * 0.04 - Math.floor(i / 5) * w * 0.07;
		out += el('circle', {
			cx: px,
			cy: py,
			r: w * (0.05 + r() * 0.015),
			fill: produce[(i + seed) % 4]!,
			...ink(lw * 0.6)
		});
	}
	return out;
}

/** Plastic chairs and benches in a row for an audience, seen from behind. */
export function benchRow(x: number, y: number, w: number, h: number): string {
	return bench(x, y, w, h);
}

export { bench, blackboard, table };
