/**
 * « Awa et le CGS » — Aminata (8e) has stopped coming to school: housework, the cost of notebooks
 * and uniform, an uncle who wants to marry her off. Awa, the students' representative, raises it
 * at the school management committee; its officer for girls' schooling visits the family again
 * and again until the father puts off the marriage. Panel ids match comics/awa-et-le-cgs/comic.json.
 * Uses the kit's storytelling devices: figures seen from behind (over the shoulder), leaning
 * bodies, close-ups, motion and emphasis lines.
 */
import { CLOTH, PLACE, SKIN } from '../palette';
import type { PersonOptions } from '../people';
import { bancoHouse, bench, classroom, granary, outdoor, school, table, tree } from '../places';
import { desk, emphasisLines, motionLines, mortar, register } from '../props';
import type { ComicArt, Scene } from '../scene';

type Cast = Omit<PersonOptions, 'x' | 'y' | 'height'>;

const UNIFORM_F = { kind: 'uniform', main: CLOTH.khaki, second: CLOTH.schoolBlue } as const;
const UNIFORM_M = { kind: 'uniform', main: CLOTH.khaki, second: CLOTH.schoolBlue } as const;

const AWA: Cast = { age: 'teen', sex: 'f', skin: SKIN.dark, outfit: UNIFORM_F, hair: 'braids' };
const MOUSSA: Cast = { age: 'teen', sex: 'm', skin: SKIN.deep, outfit: UNIFORM_M, hair: 'short' };
const COUMBA: Cast = {
	age: 'adult',
	sex: 'f',
	skin: SKIN.light,
	outfit: { kind: 'pagne', main: CLOTH.royal, second: CLOTH.gold, pattern: 'diamonds' },
	hair: 'wrap',
	hat: CLOTH.royal,
	seed: 2
};
const DIRECTEUR: Cast = {
	age: 'adult',
	sex: 'm',
	skin: SKIN.brown,
	outfit: { kind: 'shirt', main: CLOTH.white, second: CLOTH.charcoal, trim: CLOTH.white },
	hair: 'short',
	glasses: true
};
const PRESIDENT: Cast = {
	age: 'elder',
	sex: 'm',
	skin: SKIN.warm,
	outfit: { kind: 'boubou', main: CLOTH.cream, trim: CLOTH.teal },
	hair: 'kufi',
	hat: CLOTH.teal,
	beard: 'grey'
};
const AMINATA: Cast = {
	age: 'teen',
	sex: 'f',
	skin: SKIN.medium,
	outfit: { kind: 'dress', main: CLOTH.pink, second: CLOTH.white, pattern: 'dots' },
	hair: 'cornrows',
	seed: 3
};
const AMINATA_SCHOOL: Cast = { ...AMINATA, outfit: UNIFORM_F };
const DRAMANE: Cast = {
	age: 'adult',
	sex: 'm',
	skin: SKIN.ebony,
	outfit: { kind: 'boubou', main: CLOTH.brown, trim: CLOTH.gold },
	hair: 'kufi',
	hat: CLOTH.brown
};
const SALI: Cast = {
	age: 'adult',
	sex: 'f',
	skin: SKIN.dark,
	outfit: { kind: 'pagne', main: CLOTH.lime, second: CLOTH.green, pattern: 'circles' },
	hair: 'wrap',
	hat: CLOTH.green
};

const MOTHER: Cast = {
	age: 'adult',
	sex: 'f',
	skin: SKIN.brown,
	outfit: { kind: 'pagne', main: CLOTH.wine, second: CLOTH.gold, pattern: 'waves' },
	hair: 'wrap',
	hat: CLOTH.gold,
	seed: 9
};
const CLASSMATE: Cast = { age: 'teen', sex: 'm', skin: SKIN.warm, outfit: UNIFORM_M, hair: 'shaved' };
const CLASSMATE_2: Cast = { age: 'teen', sex: 'f', skin: SKIN.deep, outfit: UNIFORM_F, hair: 'puffs' };
const BROTHER: Cast = {
	age: 'child',
	sex: 'm',
	skin: SKIN.medium,
	outfit: { kind: 'tshirt', main: CLOTH.sky, second: CLOTH.indigo },
	hair: 'shaved'
};

/** The committee meets under the big tree of the schoolyard. */
function schoolyard(s: Scene, seed: number): void {
	s.add(outdoor(s.w, s.h, 300, seed));
	s.add(school(30, 300, Math.min(620, s.w * 0.6), 190, s.w > 700));
	s.add(tree(s.w * 0.78, 330, 560, 'shade', seed));
}

function home(s: Scene, seed: number): void {
	s.add(outdoor(s.w, s.h, 300, seed, PLACE.dusk));
	s.add(bancoHouse(s.w * 0.45, 312, s.w * 0.42, 210, { door: PLACE.door, window: true }));
	s.add(granary(s.w * 0.12, 312, 170));
	s.add(tree(s.w * 0.95, 320, 420, 'shade', seed));
}

export const awaEtLeCgs: ComicArt = {
	slug: 'awa-et-le-cgs',
	panels: {
		'p1-1': (s) => {
			s.add(classroom(s.w, s.h, 300, 'school'));
			s.add(desk(380, 392, 520, 84));
			s.person('awa', {
				...AWA,
				x: 520,
				y: 480,
				height: 330,
				facing: 'right',
				legs: 'sit',
				expression: 'worried',
				gaze: 'right'
			});
			// Over the shoulders of two classmates in the front of the picture: the reader sits in class too.
			s.person(null, { ...CLASSMATE, x: 170, y: 720, height: 560, facing: 'back', legs: 'sit' });
			s.person(null, { ...CLASSMATE_2, x: 1000, y: 730, height: 540, facing: 'back', legs: 'sit' });
		},
		'p1-2': (s) => {
			home(s, 52);
			s.add(mortar(380, 470, 120));
			s.person(null, {
				...BROTHER,
				x: 490,
				y: 480,
				height: 200,
				facing: 'left',
				legs: 'sit',
				expression: 'smile'
			});
			s.person('aminata', {
				...AMINATA,
				x: 330,
				y: 470,
				height: 300,
				facing: 'right',
				expression: 'surprised',
				gaze: 'left',
				arms: { right: 'give', left: 'give' },
				holding: { right: 'pestle' }
			});
			s.add(motionLines(395, 250, 0, -1, 60, 3));
			s.person('awa', {
				...AWA,
				x: 110,
				y: 510,
				height: 320,
				facing: 'right',
				legs: 'walk',
				lean: 8,
				expression: 'talk',
				arms: { right: 'raise', left: 'down' },
				holding: { left: 'bag' }
			});
			s.add(motionLines(40, 380, 1, 0, 70, 4));
		},
		'p1-3': (s) => {
			home(s, 53);
			s.person('aminata', {
				...AMINATA,
				x: 280,
				y: 940,
				height: 700,
				facing: 'left',
				expression: 'sad',
				gaze: 'down',
				arms: { right: 'chest', left: 'chest' }
			});
		},
		'p1-4': (s) => {
			home(s, 54);
			s.person('aminata', {
				...AMINATA,
				x: 360,
				y: 600,
				height: 360,
				facing: 'right',
				profile: true,
				lean: 6,
				expression: 'worried',
				arms: { right: 'chin', left: 'down' }
			});
			s.add(emphasisLines(690, 280, 70, 135, 14, 54));
			s.person('awa', {
				...AWA,
				x: 690,
				y: 600,
				height: 360,
				facing: 'left',
				lean: 4,
				expression: 'surprised',
				arms: { left: 'chest', right: 'hip' }
			});
		},
		'p2-1': (s) => {
			schoolyard(s, 45);
			s.person(null, {
				...PRESIDENT,
				x: 300,
				y: 520,
				height: 320,
				facing: 'right',
				legs: 'sit',
				expression: 'neutral'
			});
			s.person('directeur', {
				...DIRECTEUR,
				x: 450,
				y: 520,
				height: 330,
				facing: 'right',
				legs: 'sit',
				expression: 'neutral'
			});
			s.person('coumba', {
				...COUMBA,
				x: 600,
				y: 520,
				height: 320,
				facing: 'right',
				legs: 'sit',
				expression: 'worried'
			});
			s.person('moussa', {
				...MOUSSA,
				x: 750,
				y: 520,
				height: 300,
				facing: 'right',
				legs: 'sit',
				expression: 'surprised'
			});
			s.add(table(220, 430, 640, 110, CLOTH.green));
			s.person('awa', {
				...AWA,
				x: 930,
				y: 545,
				height: 330,
				facing: 'left',
				lean: -7,
				expression: 'talk',
				arms: { left: 'open', right: 'chest' }
			});
			s.person(null, { ...MOTHER, x: 110, y: 780, height: 560, facing: 'back' });
		},
		'p2-2': (s) => {
			schoolyard(s, 42);
			s.person('moussa', {
				...MOUSSA,
				x: 290,
				y: 900,
				height: 660,
				facing: 'right',
				expression: 'thinking',
				gaze: 'up',
				arms: { right: 'chin', left: 'down' }
			});
		},
		'p2-3': (s) => {
			schoolyard(s, 46);
			s.person('coumba', {
				...COUMBA,
				x: 400,
				y: 930,
				height: 680,
				facing: 'left',
				expression: 'determined',
				arms: { left: 'chest', right: 'pointUp' }
			});
		},
		'p2-4': (s) => {
			schoolyard(s, 44);
			s.person('directeur', {
				...DIRECTEUR,
				x: 380,
				y: 540,
				height: 340,
				facing: 'right',
				legs: 'sit',
				expression: 'talk',
				arms: { right: 'open', left: 'lap' }
			});
			s.add(table(240, 440, 620, 110, CLOTH.green));
			s.add(register(560, 420, 150, 3));
			s.person('coumba', {
				...COUMBA,
				x: 690,
				y: 560,
				height: 370,
				facing: 'left',
				expression: 'determined',
				arms: { left: 'raise', right: 'chest' }
			});
		},
		'p3-1': (s) => {
			home(s, 47);
			s.add(bench(740, 455, 200, 62));
			s.person('dramane', {
				...DRAMANE,
				x: 840,
				y: 520,
				height: 370,
				facing: 'left',
				legs: 'sit',
				expression: 'angry',
				arms: { left: 'cross', right: 'cross' }
			});
			s.person('sali', { ...SALI, x: 1020, y: 545, height: 330, facing: 'left', expression: 'worried' });
			s.person('aminata', {
				...AMINATA,
				x: 600,
				y: 530,
				height: 300,
				facing: 'left',
				expression: 'sad',
				onHead: 'basin',
				arms: { left: 'headHold', right: 'down' }
			});
			s.person('coumba', {
				...COUMBA,
				x: 170,
				y: 540,
				height: 360,
				facing: 'right',
				expression: 'neutral',
				arms: { right: 'open' }
			});
			s.person('awa', { ...AWA, x: 330, y: 545, height: 300, facing: 'right', expression: 'worried' });
		},
		'p3-2': (s) => {
			home(s, 48);
			s.person('awa', { ...AWA, x: 90, y: 700, height: 400, facing: 'right', expression: 'smile' });
			s.person('coumba', {
				...COUMBA,
				x: 280,
				y: 740,
				height: 500,
				facing: 'right',
				lean: 8,
				expression: 'talk',
				arms: { right: 'open', left: 'down' }
			});
		},
		'p3-3': (s) => {
			home(s, 51);
			s.person('sali', {
				...SALI,
				x: 170,
				y: 870,
				height: 600,
				facing: 'right',
				expression: 'sad',
				arms: { right: 'open', left: 'chest' }
			});
			s.person('dramane', {
				...DRAMANE,
				x: 440,
				y: 900,
				height: 620,
				facing: 'left',
				expression: 'thinking',
				gaze: 'down',
				arms: { left: 'chin', right: 'down' }
			});
		},
		'p3-4': (s) => {
			home(s, 55);
			s.person('coumba', { ...COUMBA, x: 140, y: 670, height: 380, facing: 'right', expression: 'happy' });
			s.person('dramane', {
				...DRAMANE,
				x: 390,
				y: 650,
				height: 410,
				facing: 'left',
				expression: 'smile',
				arms: { left: 'raise', right: 'down' }
			});
		},
		'p3-5': (s) => {
			s.add(classroom(s.w, s.h, 300, 'school'));
			s.person('awa', {
				...AWA,
				x: 130,
				y: 480,
				height: 380,
				facing: 'right',
				legs: 'sit',
				expression: 'happy'
			});
			s.person('aminata', {
				...AMINATA_SCHOOL,
				x: 300,
				y: 480,
				height: 380,
				facing: 'left',
				legs: 'sit',
				expression: 'happy',
				arms: { left: 'raise', right: 'down' }
			});
			s.person('moussa', {
				...MOUSSA,
				x: 470,
				y: 490,
				height: 390,
				facing: 'left',
				legs: 'sit',
				expression: 'happy',
				arms: { left: 'wave' }
			});
			s.add(desk(30, 376, 500, 80));
		}
	},
	cover: (s) => {
		s.add(outdoor(s.w, s.h, 760, 77));
		s.add(school(40, 760, 900, 300, true));
		s.add(tree(1130, 800, 700, 'shade', 7));
		s.person(null, {
			...MOUSSA,
			x: 300,
			y: 1640,
			height: 640,
			facing: 'right',
			expression: 'happy',
			arms: { left: 'wave' }
		});
		s.person(null, {
			...COUMBA,
			x: 920,
			y: 1660,
			height: 760,
			facing: 'left',
			expression: 'smile',
			arms: { left: 'open' }
		});
		s.person(null, {
			...AWA,
			x: 600,
			y: 1680,
			height: 720,
			facing: 'front',
			expression: 'happy',
			arms: { left: 'raise', right: 'down' },
			holding: { right: 'notebook' }
		});
	}
};
