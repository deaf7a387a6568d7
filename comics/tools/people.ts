/**
 * People: a parameterised cartoon figure (age, sex, skin, clothing, hair, face, pose). Bodies are
 * built from a small skeleton measured in "head units" so one pose preset works for a child and
 * an elder alike. Arms are named by the side of the picture they are on (left/right of the
 * reader), which keeps poses simple to write: `right: 'point'` points to the right of the panel.
 */
import { CLOTH, HAIR, INK } from './palette';
import { Defs, el, g, line, n, poly, pt, shade, smooth, type Pt } from './svg';
import { prop, type PropKind } from './props';

export type Age = 'child' | 'teen' | 'adult' | 'elder';
export type Sex = 'f' | 'm';
/**
 * Which way the figure turns: 'left' and 'right' are three-quarter views (the head and features
 * shift that way), 'front' faces the reader, 'back' turns away (no face: for over-the-shoulder
 * shots, a listener in the foreground).
 */
export type Facing = 'left' | 'right' | 'front' | 'back';
export type Expression =
	| 'neutral'
	| 'smile'
	| 'happy'
	| 'talk'
	| 'shout'
	| 'worried'
	| 'sad'
	| 'surprised'
	| 'angry'
	| 'thinking'
	| 'determined';
export type ArmPose =
	| 'down'
	| 'point'
	| 'pointUp'
	| 'raise'
	| 'wave'
	| 'hip'
	| 'chest'
	| 'give'
	| 'open'
	| 'chin'
	| 'carry'
	| 'write'
	| 'lap'
	| 'cradle'
	| 'pump'
	| 'headHold'
	| 'megaphone'
	/** Arms folded across the chest: refusal, waiting (use on both sides). */
	| 'cross'
	/** Hands on the head: dismay, bad news. */
	| 'headHands'
	/** A forearm held out, palm up: pleading, offering a reason. */
	| 'plead'
	/** A raised fist: resolve. */
	| 'fist';
export type Legs = 'stand' | 'walk' | 'sit' | 'kneel';
export type Hair =
	'short' | 'shaved' | 'puffs' | 'braids' | 'bun' | 'wrap' | 'kufi' | 'grey' | 'bald' | 'cornrows';
export type Pattern = 'none' | 'dots' | 'stripes' | 'waves' | 'diamonds' | 'circles';

export interface Outfit {
	kind: 'boubou' | 'pagne' | 'uniform' | 'shirt' | 'dress' | 'tshirt';
	/** Main fabric colour. */
	main: string;
	/** Second colour: trousers/skirt, print motif or embroidery. */
	second?: string;
	pattern?: Pattern;
	/** Embroidery or collar colour. */
	trim?: string;
}

export interface PersonOptions {
	/** Where the feet touch the ground (centre), panel pixels. */
	x: number;
	y: number;
	/** Standing height in pixels (also when sitting: the figure is folded, not rescaled). */
	height: number;
	age: Age;
	sex: Sex;
	skin: string;
	outfit: Outfit;
	hair?: Hair;
	/** Headwrap or cap colour (hair 'wrap' or 'kufi'). */
	hat?: string;
	beard?: 'dark' | 'grey';
	glasses?: boolean;
	facing?: Facing;
	expression?: Expression;
	/** Where the eyes look; defaults to the facing side. */
	gaze?: 'left' | 'right' | 'front' | 'up' | 'down';
	arms?: { left?: ArmPose; right?: ArmPose };
	legs?: Legs;
	/** Props held in a hand, drawn at that hand. */
	holding?: { left?: PropKind; right?: PropKind };
	/** Something held in front of the chest with both arms ('baby', 'register', 'papers'). */
	hug?: PropKind;
	/** Something carried on the head (a basin, a jerrycan); pair with the 'headHold' arm pose. */
	onHead?: PropKind;
	/** Seed that varies small details (print motif offset) deterministically. */
	seed?: number;
	/**
	 * With facing 'left' or 'right': a full side view (one eye, the nose and mouth at the edge of
	 * the face) instead of the default three-quarter view.
	 */
	profile?: boolean;
	/**
	 * Lean of the whole body in degrees around the feet (positive: clockwise, towards the right):
	 * a speaker leaning in to plead, a father leaning back to refuse. Faces and mouths follow.
	 */
	lean?: number;
}

interface Body {
	u: number;
	top: number;
	headCx: number;
	headCy: number;
	shoulderY: number;
	hipY: number;
	sw: number;
	hw: number;
	upper: number;
	fore: number;
	armW: number;
	legW: number;
	lw: number;
	footY: number;
	sitDrop: number;
	dir: number;
}

const HEADS: Record<Age, number> = { child: 4.0, teen: 4.7, adult: 5.4, elder: 5.3 };

function skeleton(o: PersonOptions): Body {
	const u = o.height / HEADS[o.age];
	const dir = o.facing === 'left' ? -1 : o.facing === 'right' ? 1 : 0;
	const sitDrop = o.legs === 'sit' ? o.height * 0.2 : o.legs === 'kneel' ? o.height * 0.24 : 0;
	const top = o.y - o.height + sitDrop + (o.age === 'elder' ? u * 0.1 : 0);
	const torso = { child: 1.3, teen: 1.7, adult: 2.0, elder: 1.95 }[o.age] * u;
	const shoulderY = top + 1.12 * u;
	const broad = o.sex === 'm' ? 1 : 0.88;
	const sw = { child: 0.62, teen: 0.8, adult: 0.95, elder: 0.92 }[o.age] * u * broad;
	const hw = { child: 0.55, teen: 0.62, adult: 0.72, elder: 0.72 }[o.age] * u * (o.sex === 'f' ? 1.15 : 1);
	const upper = { child: 1.0, teen: 1.2, adult: 1.35, elder: 1.3 }[o.age] * u;
	return {
		u,
		top,
		headCx: o.x + dir * u * 0.06,
		headCy: top + 0.52 * u,
		shoulderY,
		hipY: shoulderY + torso,
		sw,
		hw,
		upper,
		fore: upper * 0.95,
		armW: u * (o.age === 'child' ? 0.3 : 0.3),
		legW: u * 0.36,
		lw: Math.max(1.6, o.height / 150),
		footY: o.y,
		sitDrop,
		dir
	};
}

/** Elbow and hand offsets from the shoulder, in units of the upper-arm length; x is outward. */
const ARM: Record<ArmPose, { elbow: [number, number]; hand: [number, number] }> = {
	down: { elbow: [0.14, 0.98], hand: [0.22, 1.9] },
	point: { elbow: [0.95, 0.12], hand: [1.9, -0.05] },
	pointUp: { elbow: [0.6, -0.5], hand: [1.15, -1.35] },
	raise: { elbow: [0.3, -0.92], hand: [0.42, -1.85] },
	wave: { elbow: [0.9, -0.1], hand: [1.05, -1.0] },
	hip: { elbow: [0.75, 0.65], hand: [0.18, 1.1] },
	chest: { elbow: [0.35, 0.9], hand: [-0.35, 0.75] },
	give: { elbow: [0.65, 0.75], hand: [1.55, 0.55] },
	open: { elbow: [0.55, 0.85], hand: [1.25, 0.4] },
	chin: { elbow: [0.35, 0.95], hand: [-0.18, -0.2] },
	carry: { elbow: [0.25, 0.98], hand: [0.35, 1.92] },
	write: { elbow: [0.45, 0.92], hand: [0.15, 1.35] },
	lap: { elbow: [0.3, 0.95], hand: [-0.1, 1.45] },
	cradle: { elbow: [0.45, 0.95], hand: [-0.45, 1.0] },
	pump: { elbow: [0.75, 0.55], hand: [1.45, 0.85] },
	headHold: { elbow: [0.85, -0.2], hand: [0.45, -0.95] },
	megaphone: { elbow: [0.7, 0.6], hand: [0.2, -0.35] },
	cross: { elbow: [0.3, 0.85], hand: [-0.85, 0.62] },
	headHands: { elbow: [0.95, -0.35], hand: [0.3, -0.95] },
	plead: { elbow: [0.5, 0.8], hand: [1.3, 0.35] },
	fist: { elbow: [0.8, -0.3], hand: [0.5, -1.1] }
};

function fabricFill(defs: Defs, outfit: Outfit, seed: number, u = 60): string {
	const pattern = outfit.pattern ?? 'none';
	if (pattern === 'none') return outfit.main;
	const motif = outfit.second ?? CLOTH.white;
	// The print scales with the figure (a close-up shows a bigger motif), in quarter steps so
	// figures of similar size share one pattern definition.
	const scale = Math.max(1, Math.round((u / 60) * 4) / 4);
	const id = `fab-${pattern}-${outfit.main.slice(1)}-${motif.slice(1)}-${String(scale).replace('.', '_')}`;
	// Big, axis-aligned motifs: a rotated or dense print multiplies the WebP size of a page.
	const size = 36;
	const off = (seed % 5) * 2;
	return defs.add(id, () => {
		const bg = el('rect', { width: size, height: size, fill: outfit.main });
		let m = '';
		if (pattern === 'dots')
			m =
				el('circle', { cx: 9 + off / 3, cy: 9, r: 4.5, fill: motif }) +
				el('circle', { cx: 27, cy: 27, r: 4.5, fill: motif });
		else if (pattern === 'stripes') m = el('rect', { x: 0, y: 0, width: 10, height: size, fill: motif });
		else if (pattern === 'waves')
			m = el('path', {
				d: 'M0 10Q9 2 18 10T36 10M0 28Q9 20 18 28T36 28',
				stroke: motif,
				'stroke-width': 3.2,
				fill: 'none'
			});
		else if (pattern === 'diamonds') m = el('path', { d: 'M18 5L31 18L18 31L5 18Z', fill: motif });
		else if (pattern === 'circles')
			m = el('circle', { cx: 18, cy: 18, r: 9, stroke: motif, 'stroke-width': 4, fill: 'none' });
		return el(
			'pattern',
			{
				id,
				width: size,
				height: size,
				patternUnits: 'userSpaceOnUse',
				patternTransform: scale === 1 ? undefined : `scale(${scale})`
			},
			bg,
			m
		);
	});
}

function outlined(d: string, fill: string, lw: number, extra: Record<string, string | number> = {}): string {
	return el('path', { d, fill, stroke: INK, 'stroke-width': lw, 'stroke-linejoin': 'round', ...extra });
}

/** A limb as a thick round-capped stroke with an ink outline. */
function limb(points: Pt[], width: number, colour: string, lw: number): string {
	const d = line(points);
	return (
		el('path', {
			d,
			stroke: INK,
			'stroke-width': width + lw * 2,
			fill: 'none',
			'stroke-linecap': 'round',
			'stroke-linejoin': 'round'
		}) +
		el('path', {
			d,
			stroke: colour,
			'stroke-width': width,
			fill: 'none',
			'stroke-linecap': 'round',
			'stroke-linejoin': 'round'
		})
	);
}

function lerp(a: Pt, b: Pt, t: number): Pt {
	return pt(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
}

interface ArmGeom {
	shoulder: Pt;
	elbow: Pt;
	hand: Pt;
	side: number;
	pose: ArmPose;
}

function armGeom(o: PersonOptions, b: Body, side: number, pose: ArmPose): ArmGeom {
	const shoulder = pt(o.x + side * b.sw * 0.92, b.shoulderY + b.u * 0.12);
	const spec = ARM[pose];
	const k = b.upper;
	let elbow = pt(shoulder.x + side * spec.elbow[0] * k, shoulder.y + spec.elbow[1] * k);
	let hand = pt(shoulder.x + side * spec.hand[0] * k, shoulder.y + spec.hand[1] * k);
	if (pose === 'chin') {
		hand = pt(b.headCx + side * b.u * 0.08, b.headCy + b.u * 0.5);
		elbow = pt(shoulder.x + side * 0.25 * k, shoulder.y + 0.9 * k);
	}
	if (pose === 'headHands') hand = pt(b.headCx + side * b.u * 0.4, b.headCy - b.u * 0.32);
	if (o.legs === 'sit' && (pose === 'lap' || pose === 'down')) {
		hand = pt(o.x + side * b.u * 0.35 + b.dir * b.u * 0.7, b.hipY + b.u * 0.15);
		elbow = pt(shoulder.x + side * 0.22 * k, shoulder.y + 0.95 * k);
	}
	return { shoulder, elbow, hand, side, pose };
}

function hand(a: ArmGeom, o: PersonOptions, b: Body): string {
	const r = b.u * 0.16;
	// A mitten along the forearm with a thumb on top reads as a hand at any size; a bare disc does not.
	const angle = (Math.atan2(a.hand.y - a.elbow.y, a.hand.x - a.elbow.x) * 180) / Math.PI;
	const thumbSide = Math.cos((angle * Math.PI) / 180) >= 0 ? -1 : 1;
	let out = g(
		{ transform: `rotate(${n(angle)} ${n(a.hand.x)} ${n(a.hand.y)})` },
		el('ellipse', {
			cx: a.hand.x + r * 0.5,
			cy: a.hand.y + thumbSide * r * 0.55,
			rx: r * 0.5,
			ry: r * 0.32,
			fill: o.skin,
			stroke: INK,
			'stroke-width': b.lw
		}),
		el('ellipse', {
			cx: a.hand.x + r * 0.3,
			cy: a.hand.y,
			rx: r * 1.15,
			ry: r * 0.9,
			fill: o.skin,
			stroke: INK,
			'stroke-width': b.lw
		})
	);
	if (a.pose === 'point' || a.pose === 'pointUp') {
		const dx = a.hand.x - a.elbow.x;
		const dy = a.hand.y - a.elbow.y;
		const len = Math.hypot(dx, dy) || 1;
		const tip = pt(a.hand.x + (dx / len) * b.u * 0.42, a.hand.y + (dy / len) * b.u * 0.42);
		out += limb([a.hand, tip], b.u * 0.09, o.skin, b.lw * 0.8);
		out += el('circle', { cx: a.hand.x, cy: a.hand.y, r: r * 0.92, fill: o.skin });
	}
	if (a.pose === 'raise' || a.pose === 'wave' || a.pose === 'open' || a.pose === 'plead') {
		// Open palm: fingers fanned away from the forearm.
		const base = Math.atan2(a.hand.y - a.elbow.y, a.hand.x - a.elbow.x);
		for (let i = -1.5; i <= 1.5; i += 1) {
			const ang = base + i * 0.32;
			const tip = pt(a.hand.x + Math.cos(ang) * b.u * 0.3, a.hand.y + Math.sin(ang) * b.u * 0.3);
			out += limb([a.hand, tip], b.u * 0.075, o.skin, b.lw * 0.7);
		}
		out += el('circle', { cx: a.hand.x, cy: a.hand.y, r: r * 0.95, fill: o.skin });
	}
	return out;
}

function arm(a: ArmGeom, o: PersonOptions, b: Body, defs: Defs): string {
	const fabric = fabricFill(defs, o.outfit, o.seed ?? 0, b.u);
	// Upper arm a little thicker than the forearm; both outlines first so the elbow shows no seam.
	const upper = line([a.shoulder, a.elbow]);
	const fore = line([a.elbow, a.hand]);
	const stroke = (d: string, w: number, c: string) =>
		el('path', {
			d,
			stroke: c,
			'stroke-width': w,
			fill: 'none',
			'stroke-linecap': 'round',
			'stroke-linejoin': 'round'
		});
	let out =
		stroke(upper, b.armW * 1.1 + b.lw * 2, INK) +
		stroke(fore, b.armW * 0.88 + b.lw * 2, INK) +
		stroke(upper, b.armW * 1.1, o.skin) +
		stroke(fore, b.armW * 0.88, o.skin);
	const kind = o.outfit.kind;
	if (kind === 'boubou') {
		// The wide boubou sleeve hangs from the whole upper arm down towards the ground.
		const drop = b.u * 0.9;
		const s = a.shoulder;
		const e = lerp(a.shoulder, a.elbow, 1.08);
		const fall = Math.max(e.y, s.y) + drop;
		const d = smooth(
			[
				pt(s.x - a.side * b.u * 0.22, s.y - b.u * 0.12),
				pt(e.x + a.side * b.u * 0.05, e.y - b.u * 0.1),
				pt(e.x + a.side * b.u * 0.2, Math.max(e.y + b.u * 0.25, fall - b.u * 0.1)),
				pt((s.x + e.x) / 2, fall),
				pt(s.x - a.side * b.u * 0.25, s.y + b.u * 0.75)
			],
			true,
			0.8
		);
		out += outlined(d, fabric, b.lw);
	} else if (kind === 'dress' || kind === 'pagne') {
		const e = lerp(a.shoulder, a.elbow, 0.62);
		out += limb([a.shoulder, e], b.armW * 1.4, fabric, b.lw);
	} else {
		const e = lerp(a.shoulder, a.elbow, kind === 'shirt' && o.age !== 'teen' ? 1.0 : 0.6);
		out += limb([a.shoulder, e], b.armW * 1.35, o.outfit.main, b.lw);
	}
	return out + hand(a, o, b);
}

function legs(o: PersonOptions, b: Body): string {
	const kind = o.outfit.kind;
	const trouser =
		kind === 'uniform' || kind === 'shirt' || kind === 'tshirt'
			? (o.outfit.second ?? CLOTH.charcoal)
			: kind === 'boubou'
				? shade(o.outfit.main, 0.15)
				: o.skin;
	const bare = o.sex === 'f' || (kind === 'uniform' && o.age === 'child');
	const legColour = o.sex === 'f' ? o.skin : bare ? o.skin : trouser;
	const hipL = pt(o.x - b.hw * 0.45, b.hipY);
	const hipR = pt(o.x + b.hw * 0.45, b.hipY);
	const foot = b.footY - b.u * 0.12;
	let feet: [Pt, Pt];
	let knees: [Pt, Pt] | null = null;
	const mode = o.legs ?? 'stand';
	if (mode === 'walk') {
		const s = b.u * 0.75;
		const d = b.dir || 1;
		feet = [pt(o.x - d * s * 0.55, foot), pt(o.x + d * s, foot)];
		knees = [
			pt(o.x - d * s * 0.1, (b.hipY + foot) / 2),
			pt(o.x + d * s * 0.6, (b.hipY + foot) / 2 - b.u * 0.1)
		];
	} else if (mode === 'sit') {
		const d = b.dir;
		const reach = d === 0 ? b.u * 0.3 : b.u * 1.3;
		knees = [
			pt(o.x - b.hw * 0.5 + d * reach, b.hipY + b.u * 0.1),
			pt(o.x + b.hw * 0.5 + d * reach, b.hipY + b.u * 0.1)
		];
		feet = [pt(knees[0].x + d * b.u * 0.1, foot), pt(knees[1].x + d * b.u * 0.1, foot)];
	} else if (mode === 'kneel') {
		const d = b.dir || 1;
		knees = [pt(o.x - b.hw * 0.4, foot), pt(o.x + b.hw * 0.4 + d * b.u * 0.6, b.hipY + b.u * 0.5)];
		feet = [pt(o.x - b.hw * 0.4 - d * b.u * 0.9, foot), pt(knees[1].x, foot)];
	} else {
		feet = [pt(o.x - b.hw * 0.5, foot), pt(o.x + b.hw * 0.5, foot)];
	}
	let out = '';
	const sides: [Pt, Pt, Pt | null][] = [
		[hipL, feet[0], knees ? knees[0] : null],
		[hipR, feet[1], knees ? knees[1] : null]
	];
	for (const [hip, f, knee] of sides) {
		const pts = knee ? [hip, knee, f] : [hip, f];
		out += limb(pts, b.legW, legColour, b.lw);
		if (!bare && o.sex === 'm' && kind !== 'boubou') {
			// Trousers stop above the ankle so the skin shows between cloth and sandal.
			const end = lerp(pts[pts.length - 2]!, f, 0.8);
			out += limb([...pts.slice(0, -1), end], b.legW * 1.15, trouser, b.lw);
		}
	}
	for (const f of feet) {
		const d = b.dir || (f.x < o.x ? -0.4 : 0.4);
		out += el('ellipse', {
			cx: f.x + d * b.u * 0.14,
			cy: b.footY - b.u * 0.07,
			rx: b.u * 0.26,
			ry: b.u * 0.1,
			fill: '#3b2a20',
			stroke: INK,
			'stroke-width': b.lw
		});
	}
	return out;
}

function garment(o: PersonOptions, b: Body, defs: Defs): string {
	const fabric = fabricFill(defs, o.outfit, o.seed ?? 0, b.u);
	const { u, sw, hw, shoulderY, hipY } = b;
	const x = o.x;
	const neck = u * 0.24;
	const kind = o.outfit.kind;
	const hemY = o.legs === 'sit' ? hipY + u * 0.55 : b.footY - u * 0.32;
	let out = '';
	if (kind === 'boubou') {
		const flare = o.legs === 'sit' ? sw + u * 0.3 : sw + u * 0.55;
		const d = smooth(
			[
				pt(x - neck, shoulderY - u * 0.06),
				pt(x + neck, shoulderY - u * 0.06),
				pt(x + sw, shoulderY + u * 0.15),
				pt(x + flare * 0.95, (shoulderY + hemY) / 2),
				pt(x + flare, hemY),
				pt(x, hemY + u * 0.06),
				pt(x - flare, hemY),
				pt(x - flare * 0.95, (shoulderY + hemY) / 2),
				pt(x - sw, shoulderY + u * 0.15)
			],
			true,
			0.55
		);
		out += outlined(d, fabric, b.lw);
		// Embroidered neckline and chest motif of a grand boubou.
		const trim = o.outfit.trim ?? CLOTH.gold;
		out += el('path', {
			d: `M${n(x - neck * 1.1)} ${n(shoulderY - u * 0.04)}Q${n(x)} ${n(shoulderY + u * 0.55)} ${n(x + neck * 1.1)} ${n(shoulderY - u * 0.04)}`,
			fill: 'none',
			stroke: trim,
			'stroke-width': u * 0.09
		});
		out += el('path', {
			d: `M${n(x - u * 0.2)} ${n(shoulderY + u * 0.55)}L${n(x)} ${n(shoulderY + u * 1.05)}L${n(x + u * 0.2)} ${n(shoulderY + u * 0.55)}`,
			fill: 'none',
			stroke: trim,
			'stroke-width': u * 0.07,
			'stroke-linejoin': 'round'
		});
		return out;
	}
	if (kind === 'pagne' || kind === 'dress') {
		const skirt = kind === 'pagne' ? fabric : fabric;
		const waist = hipY - u * 0.35;
		const flare = o.legs === 'sit' ? hw * 1.45 : hw * 1.12;
		const skirtD = smooth(
			[
				pt(x - hw * 0.92, waist),
				pt(x + hw * 0.92, waist),
				pt(x + hw * 1.08, hipY + u * 0.3),
				pt(x + flare, hemY),
				pt(x, hemY + u * 0.05),
				pt(x - flare, hemY),
				pt(x - hw * 1.08, hipY + u * 0.3)
			],
			true,
			0.5
		);
		const top = smooth(
			[
				pt(x - neck, shoulderY - u * 0.05),
				pt(x + neck, shoulderY - u * 0.05),
				pt(x + sw, shoulderY + u * 0.1),
				pt(x + sw * 0.92, shoulderY + u * 0.7),
				pt(x + hw * 0.98, waist + u * 0.18),
				pt(x, waist + u * 0.24),
				pt(x - hw * 0.98, waist + u * 0.18),
				pt(x - sw * 0.92, shoulderY + u * 0.7),
				pt(x - sw, shoulderY + u * 0.1)
			],
			true,
			0.5
		);
		out += outlined(skirtD, skirt, b.lw);
		out += outlined(top, fabric, b.lw);
		if (kind === 'pagne') {
			// The wrap's edge, a diagonal fold across the skirt.
			out += el('path', {
				d: `M${n(x + hw * 0.6)} ${n(waist + u * 0.2)}Q${n(x + hw * 0.2)} ${n((waist + hemY) / 2)} ${n(x + hw * 0.5)} ${n(hemY)}`,
				fill: 'none',
				stroke: INK,
				'stroke-width': b.lw * 0.9
			});
		}
		out += el('path', {
			d: `M${n(x - neck)} ${n(shoulderY - u * 0.04)}Q${n(x)} ${n(shoulderY + u * 0.3)} ${n(x + neck)} ${n(shoulderY - u * 0.04)}`,
			fill: o.skin,
			stroke: INK,
			'stroke-width': b.lw * 0.8
		});
		return out;
	}
	// Shirts and uniforms: a shirt over trousers, shorts or a skirt.
	const second = o.outfit.second ?? CLOTH.charcoal;
	if (o.sex === 'f' && kind === 'uniform') {
		const skirtHem = o.legs === 'sit' ? hipY + u * 0.6 : hipY + (b.footY - hipY) * 0.62;
		const skirtD = poly([
			pt(x - hw * 0.9, hipY - u * 0.3),
			pt(x + hw * 0.9, hipY - u * 0.3),
			pt(x + hw * 1.2, skirtHem),
			pt(x - hw * 1.2, skirtHem)
		]);
		out += outlined(skirtD, second, b.lw);
	}
	const shirtBottom = hipY + u * 0.05;
	const shirt = smooth(
		[
			pt(x - neck, shoulderY - u * 0.05),
			pt(x + neck, shoulderY - u * 0.05),
			pt(x + sw, shoulderY + u * 0.1),
			pt(x + sw * 0.95, shoulderY + u * 0.8),
			pt(x + hw * 0.95, shirtBottom),
			pt(x, shirtBottom + u * 0.04),
			pt(x - hw * 0.95, shirtBottom),
			pt(x - sw * 0.95, shoulderY + u * 0.8),
			pt(x - sw, shoulderY + u * 0.1)
		],
		true,
		0.5
	);
	out += outlined(shirt, kind === 'tshirt' || kind === 'shirt' ? fabric : o.outfit.main, b.lw);
	if (kind === 'tshirt') {
		out += el('path', {
			d: `M${n(x - neck)} ${n(shoulderY - u * 0.04)}Q${n(x)} ${n(shoulderY + u * 0.28)} ${n(x + neck)} ${n(shoulderY - u * 0.04)}`,
			fill: o.skin,
			stroke: INK,
			'stroke-width': b.lw * 0.8
		});
	} else {
		// Collar and buttons; uniforms get a breast pocket.
		const collar = o.outfit.trim ?? shade(o.outfit.main, -0.25);
		out += el('path', {
			d: poly([
				pt(x - neck * 1.2, shoulderY - u * 0.08),
				pt(x, shoulderY + u * 0.32),
				pt(x - neck * 0.2, shoulderY + u * 0.05)
			]),
			fill: collar,
			stroke: INK,
			'stroke-width': b.lw * 0.8
		});
		out += el('path', {
			d: poly([
				pt(x + neck * 1.2, shoulderY - u * 0.08),
				pt(x, shoulderY + u * 0.32),
				pt(x + neck * 0.2, shoulderY + u * 0.05)
			]),
			fill: collar,
			stroke: INK,
			'stroke-width': b.lw * 0.8
		});
		out += el('path', {
			d: `M${n(x)} ${n(shoulderY + u * 0.32)}V${n(shirtBottom)}`,
			stroke: shade(o.outfit.main, 0.3),
			'stroke-width': b.lw
		});
		if (kind === 'uniform') {
			out += el('rect', {
				x: x - sw * 0.68,
				y: shoulderY + u * 0.45,
				width: sw * 0.42,
				height: u * 0.38,
				fill: 'none',
				stroke: shade(o.outfit.main, 0.3),
				'stroke-width': b.lw
			});
		}
	}
	return out;
}

function hairBack(o: PersonOptions, b: Body): string {
	const { u, headCx: cx, headCy: cy } = b;
	const hair = o.hair ?? 'short';
	const colour = o.age === 'elder' ? HAIR.grey : HAIR.black;
	if (hair === 'braids') {
		let out = '';
		for (let i = -2; i <= 2; i++) {
			const x0 = cx + i * u * 0.17;
			out += el('path', {
				d: line([pt(x0, cy), pt(x0 + i * u * 0.08, cy + u * 0.75), pt(x0 + i * u * 0.1, cy + u * 1.15)]),
				stroke: colour,
				'stroke-width': u * 0.12,
				fill: 'none',
				'stroke-linecap': 'round'
			});
		}
		return out;
	}
	if (hair === 'puffs') {
		return (
			el('circle', {
				cx: cx - u * 0.42,
				cy: cy - u * 0.45,
				r: u * 0.24,
				fill: colour,
				stroke: INK,
				'stroke-width': b.lw
			}) +
			el('circle', {
				cx: cx + u * 0.42,
				cy: cy - u * 0.45,
				r: u * 0.24,
				fill: colour,
				stroke: INK,
				'stroke-width': b.lw
			})
		);
	}
	if (hair === 'bun') {
		return el('circle', {
			cx,
			cy: cy - u * 0.62,
			r: u * 0.22,
			fill: colour,
			stroke: INK,
			'stroke-width': b.lw
		});
	}
	return '';
}

function hairFront(o: PersonOptions, b: Body, defs: Defs): string {
	const { u, headCx: cx, headCy: cy } = b;
	const rx = u * 0.45;
	const hair = o.hair ?? 'short';
	const colour = o.age === 'elder' || hair === 'grey' ? HAIR.grey : HAIR.black;
	const capLine = cy - u * 0.14;
	const cap = (lift: number, c: string) =>
		el('path', {
			d: `M${n(cx - rx * 1.0)} ${n(capLine + lift)}C${n(cx - rx * 1.05)} ${n(cy - u * 0.78)} ${n(cx + rx * 1.05)} ${n(cy - u * 0.78)} ${n(cx + rx * 1.0)} ${n(capLine + lift)}Q${n(cx)} ${n(capLine - u * 0.12 + lift)} ${n(cx - rx)} ${n(capLine + lift)}Z`,
			fill: c,
			stroke: INK,
			'stroke-width': b.lw
		});
	if (hair === 'bald') return '';
	if (hair === 'shaved') return cap(-u * 0.05, shade(colour, -0.15));
	if (hair === 'wrap') {
		const c = o.hat ?? CLOTH.orange;
		const fill = fabricFill(
			defs,
			{ kind: 'pagne', main: c, second: o.outfit.second, pattern: o.outfit.pattern },
			o.seed ?? 0
		);
		// A headwrap: a tall rounded crown with a knot fanning out on one side.
		const crown = smooth(
			[
				pt(cx - rx * 1.08, capLine + u * 0.02),
				pt(cx - rx * 1.05, cy - u * 0.62),
				pt(cx - rx * 0.3, cy - u * 0.98),
				pt(cx + rx * 0.6, cy - u * 0.95),
				pt(cx + rx * 1.12, cy - u * 0.55),
				pt(cx + rx * 1.08, capLine + u * 0.02),
				pt(cx, capLine - u * 0.08)
			],
			true,
			0.7
		);
		const side = b.dir === 0 ? 1 : -b.dir;
		const knot = smooth(
			[
				pt(cx + side * rx * 0.4, cy - u * 0.85),
				pt(cx + side * rx * 1.25, cy - u * 1.15),
				pt(cx + side * rx * 1.45, cy - u * 0.8),
				pt(cx + side * rx * 0.9, cy - u * 0.6)
			],
			true,
			0.8
		);
		return outlined(knot, fill, b.lw) + outlined(crown, fill, b.lw);
	}
	if (hair === 'kufi') {
		const c = o.hat ?? CLOTH.white;
		return (
			cap(0, colour) +
			el('path', {
				d: `M${n(cx - rx * 0.95)} ${n(cy - u * 0.3)}L${n(cx - rx * 0.85)} ${n(cy - u * 0.72)}Q${n(cx)} ${n(cy - u * 0.86)} ${n(cx + rx * 0.85)} ${n(cy - u * 0.72)}L${n(cx + rx * 0.95)} ${n(cy - u * 0.3)}Q${n(cx)} ${n(cy - u * 0.4)} ${n(cx - rx * 0.95)} ${n(cy - u * 0.3)}Z`,
				fill: c,
				stroke: INK,
				'stroke-width': b.lw
			})
		);
	}
	let out = cap(0, colour);
	if (hair === 'cornrows' || hair === 'braids' || hair === 'puffs' || hair === 'bun') {
		for (let i = -2; i <= 2; i++) {
			out += el('path', {
				d: `M${n(cx + i * rx * 0.28)} ${n(capLine - u * 0.06)}Q${n(cx + i * rx * 0.2)} ${n(cy - u * 0.5)} ${n(cx + i * rx * 0.08)} ${n(cy - u * 0.66)}`,
				stroke: shade(colour, -0.35),
				'stroke-width': b.lw * 0.8,
				fill: 'none'
			});
		}
	}
	return out;
}

function face(o: PersonOptions, b: Body): string {
	const { u, headCx: cx, headCy: cy, lw } = b;
	const expr = o.expression ?? 'neutral';
	const side = o.profile && b.dir !== 0;
	const shift = b.dir * u * (side ? 0.27 : 0.1);
	const eyeY = cy + u * 0.02;
	const eyeDx = u * 0.165;
	const gaze = o.gaze ?? (o.facing === 'left' ? 'left' : o.facing === 'right' ? 'right' : 'front');
	const gx = gaze === 'left' ? -1 : gaze === 'right' ? 1 : 0;
	const gy = gaze === 'up' ? -1 : gaze === 'down' ? 1 : 0;
	let out = '';
	for (const s of [-1, 1]) {
		// In profile the far eye is hidden behind the nose.
		if (side && s === -b.dir) continue;
		const ex = side
			? cx + b.dir * u * 0.22
			: cx + shift + s * eyeDx * (b.dir === s ? 1.05 : b.dir === -s ? 0.85 : 1);
		const small = b.dir === -s ? 0.88 : 1;
		if (expr === 'happy') {
			out += el('path', {
				d: `M${n(ex - u * 0.08)} ${n(eyeY + u * 0.02)}Q${n(ex)} ${n(eyeY - u * 0.08)} ${n(ex + u * 0.08)} ${n(eyeY + u * 0.02)}`,
				stroke: INK,
				'stroke-width': lw * 1.2,
				fill: 'none',
				'stroke-linecap': 'round'
			});
		} else {
			const open = expr === 'surprised' || expr === 'shout' ? 1.2 : 1;
			out += el('ellipse', {
				cx: ex,
				cy: eyeY,
				rx: u * 0.085 * small,
				ry: u * 0.1 * open,
				fill: '#fbf8f2',
				stroke: INK,
				'stroke-width': lw * 0.7
			});
			out += el('circle', {
				cx: ex + gx * u * 0.03,
				cy: eyeY + gy * u * 0.035 + u * 0.01,
				r: u * 0.055 * small,
				fill: '#1a0f0a'
			});
			out += el('circle', {
				cx: ex + gx * u * 0.03 + u * 0.018,
				cy: eyeY - u * 0.015,
				r: u * 0.015,
				fill: '#fff'
			});
		}
		// Brows carry most of the emotion.
		const by = eyeY - u * 0.17;
		const inner = ex - s * u * 0.08;
		const outer = ex + s * u * 0.1;
		const lift: Record<Expression, [number, number]> = {
			neutral: [0, 0],
			smile: [0, -0.01],
			happy: [-0.03, -0.02],
			talk: [-0.01, 0],
			shout: [0.04, -0.03],
			worried: [-0.07, 0.03],
			sad: [-0.06, 0.03],
			surprised: [-0.08, -0.07],
			angry: [0.06, -0.03],
			thinking: s === 1 ? [-0.06, -0.06] : [0.02, 0.02],
			determined: [0.04, -0.01]
		};
		const [li, lo] = lift[expr];
		out += el('path', {
			d: `M${n(inner)} ${n(by + li * u)}Q${n((inner + outer) / 2)} ${n(by - u * 0.04 + ((li + lo) / 2) * u)} ${n(outer)} ${n(by + lo * u)}`,
			stroke: HAIR.black,
			'stroke-width': u * 0.05,
			fill: 'none',
			'stroke-linecap': 'round'
		});
	}
	if (o.glasses) {
		for (const s of side ? [b.dir] : [-1, 1]) {
			out += el('circle', {
				cx: cx + shift + s * eyeDx,
				cy: eyeY,
				r: u * 0.13,
				fill: 'none',
				stroke: INK,
				'stroke-width': lw
			});
		}
		out += el('path', {
			d: `M${n(cx + shift - eyeDx + u * 0.13)} ${n(eyeY)}H${n(cx + shift + eyeDx - u * 0.13)}`,
			stroke: INK,
			'stroke-width': lw
		});
	}
	// Nose: a short curve towards the facing side; in profile, a tip past the edge of the face.
	const nx = cx + shift * (side ? 1.55 : 1.4);
	const ny = cy + u * 0.16;
	if (side)
		out += el('path', {
			d: `M${n(cx + b.dir * u * 0.4)} ${n(ny - u * 0.14)}Q${n(cx + b.dir * u * 0.58)} ${n(ny + u * 0.02)} ${n(cx + b.dir * u * 0.41)} ${n(ny + u * 0.06)}`,
			fill: o.skin,
			stroke: INK,
			'stroke-width': lw
		});
	out += el('path', {
		d: `M${n(nx - u * 0.07)} ${n(ny)}Q${n(nx + (b.dir || 0.001) * u * 0.02)} ${n(ny + u * 0.07)} ${n(nx + u * 0.07)} ${n(ny)}`,
		stroke: shade(o.skin, 0.45),
		'stroke-width': lw,
		fill: 'none',
		'stroke-linecap': 'round'
	});
	// Mouth.
	const mx = cx + shift * (side ? 1.15 : 1.2);
	const my = cy + u * 0.3;
	const w = u * 0.14;
	const stroke = { stroke: INK, 'stroke-width': lw, fill: 'none', 'stroke-linecap': 'round' as const };
	if (expr === 'talk' || expr === 'shout' || expr === 'surprised' || expr === 'happy') {
		const h = expr === 'shout' ? u * 0.16 : expr === 'surprised' ? u * 0.1 : u * 0.08;
		const ww = expr === 'surprised' ? w * 0.55 : expr === 'happy' ? w * 1.2 : w;
		const d =
			expr === 'surprised'
				? `M${n(mx - ww)} ${n(my)}A${n(ww)} ${n(h)} 0 1 0 ${n(mx + ww)} ${n(my)}A${n(ww)} ${n(h)} 0 1 0 ${n(mx - ww)} ${n(my)}Z`
				: `M${n(mx - ww)} ${n(my - h * 0.2)}Q${n(mx)} ${n(my - h * 0.5)} ${n(mx + ww)} ${n(my - h * 0.2)}Q${n(mx)} ${n(my + h * 1.6)} ${n(mx - ww)} ${n(my - h * 0.2)}Z`;
		out += el('path', { d, fill: '#5a1a1a', stroke: INK, 'stroke-width': lw });
		if (expr === 'happy')
			out += el('path', {
				d: `M${n(mx - ww * 0.8)} ${n(my - h * 0.15)}H${n(mx + ww * 0.8)}`,
				stroke: '#fff',
				'stroke-width': u * 0.04
			});
		else out += el('ellipse', { cx: mx, cy: my + h * 0.45, rx: ww * 0.45, ry: h * 0.3, fill: '#c0584f' });
	} else if (expr === 'smile' || expr === 'determined') {
		const c = expr === 'smile' ? u * 0.08 : u * 0.015;
		out += el('path', {
			d: `M${n(mx - w)} ${n(my - c / 3)}Q${n(mx)} ${n(my + c)} ${n(mx + w)} ${n(my - c / 3)}`,
			...stroke
		});
	} else if (expr === 'sad' || expr === 'angry') {
		out += el('path', {
			d: `M${n(mx - w)} ${n(my + u * 0.04)}Q${n(mx)} ${n(my - u * 0.06)} ${n(mx + w)} ${n(my + u * 0.04)}`,
			...stroke
		});
	} else if (expr === 'worried') {
		out += el('path', {
			d: `M${n(mx - w)} ${n(my)}Q${n(mx - w / 2)} ${n(my - u * 0.04)} ${n(mx)} ${n(my)}T${n(mx + w)} ${n(my)}`,
			...stroke
		});
	} else if (expr === 'thinking') {
		out += el('path', {
			d: `M${n(mx - w * 0.7)} ${n(my + u * 0.01)}L${n(mx + w * 0.8)} ${n(my - u * 0.03)}`,
			...stroke
		});
	} else {
		out += el('path', {
			d: `M${n(mx - w * 0.8)} ${n(my)}Q${n(mx)} ${n(my + u * 0.025)} ${n(mx + w * 0.8)} ${n(my)}`,
			...stroke
		});
	}
	return out;
}

function head(o: PersonOptions, b: Body, defs: Defs): string {
	const { u, headCx: cx, headCy: cy, lw } = b;
	const rx = u * (o.age === 'child' ? 0.47 : 0.44);
	const ry = u * 0.52;
	let out = hairBack(o, b);
	// Neck, then ears, then the face.
	out += limb([pt(o.x, cy + ry * 0.6), pt(o.x, b.shoulderY + u * 0.05)], u * 0.32, o.skin, lw);
	for (const s of [-1, 1]) {
		if (b.dir === -s || (o.profile && b.dir)) continue;
		out += el('ellipse', {
			cx: cx + s * rx * 0.98,
			cy: cy + u * 0.05,
			rx: u * 0.09,
			ry: u * 0.13,
			fill: o.skin,
			stroke: INK,
			'stroke-width': lw
		});
	}
	out += el('path', {
		d: smooth(
			[
				pt(cx - rx, cy - ry * 0.2),
				pt(cx - rx * 0.8, cy - ry * 0.85),
				pt(cx, cy - ry),
				pt(cx + rx * 0.8, cy - ry * 0.85),
				pt(cx + rx, cy - ry * 0.2),
				pt(cx + rx * 0.82, cy + ry * 0.55),
				pt(cx + b.dir * rx * 0.15, cy + ry),
				pt(cx - rx * 0.82, cy + ry * 0.55)
			],
			true,
			0.9
		),
		fill: o.skin,
		stroke: INK,
		'stroke-width': lw
	});
	if (o.facing === 'back') return out + backOfHead(o, b, rx, ry);
	if (o.beard) {
		// Drawn before the features so the mouth stays visible inside the beard.
		out += el('path', {
			d: smooth(
				[
					pt(cx - rx * 0.92, cy + ry * 0.05),
					pt(cx - rx * 0.55, cy + ry * 0.5),
					pt(cx, cy + ry * 0.42),
					pt(cx + rx * 0.55, cy + ry * 0.5),
					pt(cx + rx * 0.92, cy + ry * 0.05),
					pt(cx + rx * 0.62, cy + ry * 1.05),
					pt(cx, cy + ry * 1.35),
					pt(cx - rx * 0.62, cy + ry * 1.05)
				],
				true,
				0.6
			),
			fill: o.beard === 'grey' ? HAIR.white : HAIR.black,
			stroke: INK,
			'stroke-width': lw * 0.8
		});
	}
	// In profile the one ear shows towards the back of the head.
	if (o.profile && b.dir)
		out += el('ellipse', {
			cx: cx - b.dir * u * 0.06,
			cy: cy + u * 0.05,
			rx: u * 0.08,
			ry: u * 0.12,
			fill: o.skin,
			stroke: INK,
			'stroke-width': lw
		});
	if (o.hair === 'wrap' || o.hair === 'kufi') out += face(o, b) + hairFront(o, b, defs);
	else out += hairFront(o, b, defs) + face(o, b);
	return out;
}

/** The back of the head (a figure turned away): hair, a headwrap or a cap covers it, no face. */
function backOfHead(o: PersonOptions, b: Body, rx: number, ry: number): string {
	const { u, headCx: cx, headCy: cy, lw } = b;
	const covered = o.hair === 'wrap' || o.hair === 'kufi';
	const colour = covered
		? (o.hat ?? CLOTH.indigo)
		: o.age === 'elder' || o.hair === 'grey'
			? HAIR.grey
			: HAIR.black;
	// A bald or shaved head shows skin with a short hairline only.
	if (o.hair === 'bald') return '';
	// Where the hair (or cloth) ends at the nape: the skin of the neck shows below it.
	const low = o.hair === 'kufi' ? cy - ry * 0.25 : o.hair === 'wrap' ? cy + ry * 0.45 : cy + ry * 0.05;
	return el('path', {
		d: `M${n(cx - rx * 1.04)} ${n(low)}C${n(cx - rx * 1.12)} ${n(cy - ry * 1.25)} ${n(cx + rx * 1.12)} ${n(cy - ry * 1.25)} ${n(cx + rx * 1.04)} ${n(low)}Q${n(cx)} ${n(low + u * 0.12)} ${n(cx - rx * 1.04)} ${n(low)}Z`,
		fill: colour,
		stroke: INK,
		'stroke-width': lw
	});
}

/** A point turned by `deg` degrees around (ox, oy): a leaning figure's face and mouth. */
function turn(p: Pt, ox: number, oy: number, deg: number): Pt {
	if (!deg) return p;
	const a = (deg * Math.PI) / 180;
	const dx = p.x - ox;
	const dy = p.y - oy;
	return pt(ox + dx * Math.cos(a) - dy * Math.sin(a), oy + dx * Math.sin(a) + dy * Math.cos(a));
}

/** Draws one person. `defs` collects the fabric patterns of the page. */
export function person(o: PersonOptions, defs: Defs): string {
	const b = skeleton(o);
	const left = armGeom(o, b, -1, o.arms?.left ?? 'down');
	const right = armGeom(o, b, 1, o.arms?.right ?? 'down');
	// A soft shadow on the ground keeps figures standing on the floor rather than floating.
	const shadow = el('ellipse', {
		cx: o.x + b.dir * b.u * 0.2,
		cy: b.footY - b.u * 0.04,
		rx: b.hw * (o.legs === 'sit' ? 2.2 : 1.5),
		ry: b.u * 0.13,
		fill: '#000',
		opacity: 0.15
	});
	let out = shadow + legs(o, b) + garment(o, b, defs) + head(o, b, defs);
	if (o.hug) {
		const cxHug = o.x + (left.hand.x + right.hand.x - 2 * o.x) / 2;
		out += prop(o.hug, cxHug, b.shoulderY + b.u * 1.05, b.u * 1.5);
	}
	if (o.onHead) {
		// Props are drawn from their top (a jerrycan) or their bottom (a basin): both rest on the head.
		const rest = o.onHead === 'can' ? b.top - b.u * 1.45 : b.top - b.u * 0.02;
		out += prop(o.onHead, b.headCx, rest, b.u * 1.3);
	}
	out += arm(left, o, b, defs) + arm(right, o, b, defs);
	for (const [side, a] of [
		['left', left],
		['right', right]
	] as const) {
		const kind = o.holding?.[side];
		if (kind === 'cane')
			out += el('path', {
				d: `M${n(a.hand.x)} ${n(a.hand.y - b.u * 0.2)}L${n(a.hand.x + a.side * b.u * 0.3)} ${n(b.footY)}`,
				stroke: '#6e4a2b',
				'stroke-width': b.u * 0.1,
				'stroke-linecap': 'round'
			});
		else if (kind) out += prop(kind, a.hand.x, a.hand.y, b.u, a.side);
	}
	return g(o.lean ? { transform: `rotate(${n(o.lean)} ${n(o.x)} ${n(o.y)})` } : {}, out);
}

/** Head-unit of a person of this height and age: useful to place props and bubbles. */
export function headUnit(height: number, age: Age): number {
	return height / HEADS[age];
}

/** The mouth position of a person, for speech-bubble tails (panel pixels). */
/** The box around a person's face (eyes to chin), panel pixels: bubbles must stay off it. */
export function faceBox(o: PersonOptions): { x: number; y: number; w: number; h: number } {
	const b = skeleton(o);
	const c = turn(pt(b.headCx, b.headCy + b.u * 0.11), o.x, o.y, o.lean ?? 0);
	return { x: c.x - b.u * 0.42, y: c.y - b.u * 0.41, w: b.u * 0.84, h: b.u * 0.82 };
}

export function mouthOf(o: PersonOptions): Pt {
	const b = skeleton(o);
	const forward = o.profile && b.dir ? 0.31 : 0.12;
	return turn(pt(b.headCx + b.dir * b.u * forward, b.headCy + b.u * 0.3), o.x, o.y, o.lean ?? 0);
}
