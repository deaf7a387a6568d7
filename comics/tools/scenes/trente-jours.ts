/**
 * « Trente jours » — Mariam's baby brother is born at the CSCom; the family declares him at the
 * mairie within 30 days. Panel ids match comics/trente-jours/comic.json.
 */
import { CLOTH, PLACE, SKIN } from '../palette';
import type { PersonOptions } from '../people';
import {
	bancoHouse,
	bench,
	counter,
	cscom,
	granary,
	healthRoom,
	mairie,
	officeInterior,
	outdoor,
	tree
} from '../places';
import { motionLines } from '../props';
import type { ComicArt, Scene } from '../scene';
import { el } from '../svg';

type Cast = Omit<PersonOptions, 'x' | 'y' | 'height'>;

/** The characters' looks, kept identical from panel to panel so readers recognise them. */
const MARIAM: Cast = {
	age: 'teen',
	sex: 'f',
	skin: SKIN.brown,
	outfit: { kind: 'dress', main: CLOTH.teal, second: CLOTH.gold, pattern: 'dots' },
	hair: 'puffs',
	seed: 1
};
const PAPA: Cast = {
	age: 'adult',
	sex: 'm',
	skin: SKIN.dark,
	outfit: { kind: 'boubou', main: CLOTH.sky, trim: CLOTH.white },
	hair: 'kufi',
	hat: CLOTH.white,
	beard: 'dark'
};
const MAMAN: Cast = {
	age: 'adult',
	sex: 'f',
	skin: SKIN.medium,
	outfit: { kind: 'pagne', main: CLOTH.orange, second: CLOTH.indigo, pattern: 'circles' },
	hair: 'wrap',
	hat: CLOTH.orange
};
const MAMIE: Cast = {
	age: 'elder',
	sex: 'f',
	skin: SKIN.warm,
	outfit: { kind: 'pagne', main: CLOTH.purple, second: CLOTH.gold, pattern: 'diamonds' },
	hair: 'wrap',
	hat: CLOTH.purple
};
const SAGE_FEMME: Cast = {
	age: 'adult',
	sex: 'f',
	skin: SKIN.deep,
	outfit: { kind: 'dress', main: CLOTH.white, second: CLOTH.green },
	hair: 'wrap',
	hat: CLOTH.green
};
const AGENT: Cast = {
	age: 'adult',
	sex: 'm',
	skin: SKIN.brown,
	outfit: { kind: 'shirt', main: CLOTH.cream, second: CLOTH.charcoal, trim: CLOTH.khaki },
	hair: 'short',
	glasses: true
};
const ASSITAN: Cast = {
	age: 'adult',
	sex: 'f',
	skin: SKIN.ebony,
	outfit: { kind: 'pagne', main: CLOTH.green, second: CLOTH.gold, pattern: 'waves' },
	hair: 'wrap',
	hat: CLOTH.gold
};

/** A wall calendar pictogram: a month grid, days crossed off, the 30th circled. */
function calendar(x: number, y: number, w: number, crossed: number): string {
	const h = w * 0.9;
	let out = el('rect', {
		x,
		y,
		width: w,
		height: h,
		fill: PLACE.paper,
		stroke: '#2a1c14',
		'stroke-width': 3
	});
	out += el('rect', {
		x,
		y,
		width: w,
		height: h * 0.16,
		fill: CLOTH.red,
		stroke: '#2a1c14',
		'stroke-width': 3
	});
	const cw = w / 6;
	const ch = (h * 0.84) / 5;
	for (let d = 0; d < 30; d++) {
		const cx = x + (d % 6) * cw + cw / 2;
		const cy = y + h * 0.16 + Math.floor(d / 6) * ch + ch / 2;
		if (d < crossed)
			out += el('path', {
				d: `M${cx - cw * 0.25} ${cy - ch * 0.25}L${cx + cw * 0.25} ${cy + ch * 0.25}M${cx + cw * 0.25} ${cy - ch * 0.25}L${cx - cw * 0.25} ${cy + ch * 0.25}`,
				stroke: CLOTH.red,
				'stroke-width': 2.5
			});
		else out += el('circle', { cx, cy, r: Math.min(cw, ch) * 0.12, fill: '#9aa4ad' });
	}
	const last = { x: x + 5 * cw + cw / 2, y: y + h * 0.16 + 4 * ch + ch / 2 };
	out += el('circle', {
		cx: last.x,
		cy: last.y,
		r: Math.min(cw, ch) * 0.45,
		fill: 'none',
		stroke: CLOTH.green,
		'stroke-width': 4
	});
	return out;
}

function courtyard(s: Scene, seed: number): void {
	s.add(outdoor(s.w, s.h, s.h * 0.5, seed));
	s.add(bancoHouse(-20, s.h * 0.52, s.w * 0.55, s.h * 0.36, { door: PLACE.door, window: true }));
	s.add(granary(s.w * 0.66, s.h * 0.52, s.h * 0.3));
	s.add(tree(s.w * 0.9, s.h * 0.52, s.h * 0.75, 'shade', seed));
}

export const trenteJours: ComicArt = {
	slug: 'trente-jours',
	panels: {
		'p1-1': (s) => {
			s.add(outdoor(s.w, s.h, 360, 11));
			s.add(tree(110, 370, 420, 'shade', 4));
			s.add(cscom(540, 376, 540, 250));
			s.person('papa', {
				...PAPA,
				x: 250,
				y: 505,
				height: 350,
				facing: 'right',
				legs: 'walk',
				expression: 'smile',
				arms: { left: 'down', right: 'down' }
			});
			s.person('mariam', {
				...MARIAM,
				x: 470,
				y: 512,
				height: 300,
				facing: 'right',
				legs: 'walk',
				lean: 9,
				expression: 'happy',
				arms: { left: 'wave', right: 'point' }
			});
			// She runs ahead: motion lines trail behind her.
			s.add(motionLines(380, 380, 1, 0, 80, 4));
		},
		'p1-2': (s) => {
			s.add(healthRoom(s.w, s.h, 380));
			s.add(
				el('rect', {
					x: 250,
					y: 330,
					width: 320,
					height: 60,
					fill: PLACE.wallWhite,
					stroke: '#2a1c14',
					'stroke-width': 4
				})
			);
			s.add(
				el('rect', { x: 262, y: 388, width: 14, height: 100, fill: PLACE.metal }),
				el('rect', { x: 530, y: 388, width: 14, height: 100, fill: PLACE.metal })
			);
			s.person('maman', {
				...MAMAN,
				x: 400,
				y: 500,
				height: 380,
				facing: 'left',
				legs: 'sit',
				expression: 'smile',
				hug: 'baby',
				arms: { left: 'cradle', right: 'cradle' }
			});
			s.person('mariam', {
				...MARIAM,
				x: 130,
				y: 505,
				height: 320,
				facing: 'right',
				expression: 'surprised',
				arms: { left: 'chest', right: 'chest' }
			});
		},
		'p1-3': (s) => {
			s.add(healthRoom(s.w, s.h, 400));
			s.person('papa', {
				...PAPA,
				x: 430,
				y: 510,
				height: 365,
				facing: 'left',
				expression: 'worried',
				arms: { left: 'open', right: 'down' }
			});
			s.person('sage-femme', {
				...SAGE_FEMME,
				x: 140,
				y: 505,
				height: 350,
				facing: 'right',
				expression: 'talk',
				arms: { right: 'give', left: 'down' },
				holding: { right: 'slip' }
			});
		},
		'p1-4': (s) => {
			s.add(healthRoom(s.w, s.h, 600));
			s.add(calendar(700, 40, 160, 0));
			s.person('sage-femme', {
				...SAGE_FEMME,
				x: 240,
				y: 1040,
				height: 760,
				facing: 'right',
				expression: 'determined',
				arms: { right: 'pointUp', left: 'down' }
			});
			s.person('papa', {
				...PAPA,
				x: 850,
				y: 900,
				height: 640,
				facing: 'left',
				expression: 'neutral',
				gaze: 'left',
				arms: { left: 'chest', right: 'down' },
				holding: { left: 'slip' }
			});
			s.person('mariam', {
				...MARIAM,
				x: 1020,
				y: 820,
				height: 500,
				facing: 'left',
				expression: 'thinking',
				gaze: 'up',
				arms: { left: 'chin', right: 'down' }
			});
		},
		'p2-1': (s) => {
			courtyard(s, 21);
			s.add(bench(200, 455, 300, 68));
			s.person('mamie', {
				...MAMIE,
				x: 300,
				y: 520,
				height: 330,
				facing: 'right',
				legs: 'sit',
				expression: 'talk',
				hug: 'baby',
				arms: { left: 'cradle', right: 'cradle' }
			});
			s.person('maman', {
				...MAMAN,
				x: 470,
				y: 535,
				height: 330,
				facing: 'left',
				expression: 'smile',
				arms: { left: 'down', right: 'hip' }
			});
		},
		'p2-2': (s) => {
			courtyard(s, 22);
			s.person('papa', {
				...PAPA,
				x: 440,
				y: 620,
				height: 440,
				facing: 'left',
				expression: 'smile',
				arms: { left: 'down', right: 'down' }
			});
			s.person('mariam', {
				...MARIAM,
				x: 170,
				y: 640,
				height: 400,
				facing: 'right',
				expression: 'talk',
				arms: { right: 'open', left: 'pointUp' }
			});
		},
		'p2-3': (s) => {
			s.add(outdoor(s.w, s.h, 360, 23));
			s.add(tree(1040, 365, 380, 'shade', 8));
			s.add(mairie(420, 372, 560, 280));
			s.person('papa', {
				...PAPA,
				x: 130,
				y: 505,
				height: 350,
				facing: 'right',
				legs: 'walk',
				expression: 'smile',
				arms: { left: 'down', right: 'down' }
			});
			s.person('mariam', {
				...MARIAM,
				x: 300,
				y: 508,
				height: 300,
				facing: 'left',
				legs: 'walk',
				expression: 'happy',
				arms: { left: 'give', right: 'down' },
				holding: { left: 'slip' }
			});
		},
		'p2-4': (s) => {
			s.add(officeInterior(s.w, s.h, 380));
			s.person('agent', {
				...AGENT,
				x: 820,
				y: 600,
				height: 420,
				facing: 'left',
				expression: 'talk',
				arms: { left: 'open', right: 'down' }
			});
			s.add(counter(560, 380, 568, 160, false));
			s.person('papa', {
				...PAPA,
				x: 360,
				y: 520,
				height: 380,
				facing: 'right',
				expression: 'talk',
				arms: { right: 'give', left: 'down' },
				holding: { right: 'slip' }
			});
			s.person('mariam', {
				...MARIAM,
				x: 150,
				y: 520,
				height: 310,
				facing: 'right',
				expression: 'smile',
				arms: { left: 'down', right: 'down' }
			});
		},
		'p3-1': (s) => {
			s.add(officeInterior(s.w, s.h, 420));
			s.person('agent', {
				...AGENT,
				x: 250,
				y: 880,
				height: 720,
				facing: 'right',
				expression: 'talk',
				gaze: 'down',
				arms: { right: 'write', left: 'down' }
			});
			s.add(counter(-10, 430, 572, 140, true));
			s.add(
				el('path', { d: 'M360 395l40 -50', stroke: '#1c3f8a', 'stroke-width': 10, 'stroke-linecap': 'round' })
			);
		},
		'p3-2': (s) => {
			s.add(officeInterior(s.w, s.h, 420));
			s.person('papa', {
				...PAPA,
				x: 200,
				y: 720,
				height: 560,
				facing: 'right',
				expression: 'talk',
				arms: { right: 'give', left: 'down' },
				holding: { right: 'coins' }
			});
			s.person('agent', {
				...AGENT,
				x: 470,
				y: 760,
				height: 560,
				facing: 'left',
				expression: 'smile',
				arms: { left: 'open', right: 'down' }
			});
		},
		'p3-3': (s) => {
			s.add(officeInterior(s.w, s.h, 380));
			s.person('agent', {
				...AGENT,
				x: 880,
				y: 600,
				height: 420,
				facing: 'left',
				expression: 'determined',
				arms: { left: 'pointUp', right: 'down' }
			});
			s.add(counter(640, 380, 488, 160, false));
			s.person('assitan', {
				...ASSITAN,
				x: 480,
				y: 520,
				height: 370,
				facing: 'right',
				expression: 'worried',
				hug: 'baby',
				arms: { left: 'cradle', right: 'cradle' }
			});
			s.person('mariam', {
				...MARIAM,
				x: 120,
				y: 520,
				height: 300,
				facing: 'right',
				expression: 'thinking',
				arms: { left: 'chin', right: 'down' }
			});
			s.person(null, {
				...PAPA,
				x: 270,
				y: 530,
				height: 360,
				facing: 'right',
				expression: 'neutral',
				arms: { left: 'down', right: 'down' }
			});
		},
		'p3-4': (s) => {
			courtyard(s, 34);
			s.add(bench(560, 420, 300, 72));
			s.person('mamie', {
				...MAMIE,
				x: 720,
				y: 490,
				height: 360,
				facing: 'left',
				legs: 'sit',
				expression: 'happy',
				hug: 'baby',
				arms: { left: 'cradle', right: 'cradle' }
			});
			s.person('maman', {
				...MAMAN,
				x: 960,
				y: 520,
				height: 360,
				facing: 'left',
				expression: 'smile',
				arms: { left: 'down', right: 'hip' }
			});
			s.person('mariam', {
				...MARIAM,
				x: 380,
				y: 510,
				height: 320,
				facing: 'right',
				expression: 'happy',
				arms: { right: 'raise', left: 'down' },
				holding: { right: 'extract' }
			});
		}
	},
	cover: (s) => {
		s.add(outdoor(s.w, s.h, 900, 99));
		s.add(mairie(420, 920, 740, 380));
		s.add(calendar(110, 110, 300, 9));
		s.person(null, {
			...PAPA,
			x: 330,
			y: 1560,
			height: 820,
			facing: 'right',
			expression: 'smile',
			hug: 'baby',
			arms: { left: 'cradle', right: 'cradle' }
		});
		s.person(null, {
			...MARIAM,
			x: 800,
			y: 1600,
			height: 700,
			facing: 'left',
			expression: 'happy',
			arms: { left: 'raise', right: 'down' },
			holding: { left: 'extract' }
		});
	}
};
