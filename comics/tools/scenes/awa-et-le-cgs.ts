/**
 * « Awa et le CGS » — Awa (8e) represents the students on the school management committee; with
 * the committee's officer for girls' schooling she convinces a family to keep Aminata in school.
 * Panel ids match comics/awa-et-le-cgs/comic.json.
 */
import { CLOTH, PLACE, SKIN } from '../palette';
import type { PersonOptions } from '../people';
import { bancoHouse, bench, classroom, granary, outdoor, school, table, tree } from '../places';
import { desk } from '../props';
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
			schoolyard(s, 41);
			s.person(null, {
				...PRESIDENT,
				x: 330,
				y: 530,
				height: 330,
				facing: 'right',
				legs: 'sit',
				expression: 'smile'
			});
			s.person('directeur', {
				...DIRECTEUR,
				x: 480,
				y: 530,
				height: 330,
				facing: 'front',
				legs: 'sit',
				expression: 'talk',
				arms: { right: 'open' }
			});
			s.person('coumba', {
				...COUMBA,
				x: 630,
				y: 530,
				height: 320,
				facing: 'left',
				legs: 'sit',
				expression: 'smile'
			});
			s.person('awa', {
				...AWA,
				x: 790,
				y: 530,
				height: 290,
				facing: 'left',
				legs: 'sit',
				expression: 'happy'
			});
			s.person('moussa', {
				...MOUSSA,
				x: 910,
				y: 530,
				height: 295,
				facing: 'left',
				legs: 'sit',
				expression: 'smile'
			});
			s.add(table(220, 445, 800, 110, CLOTH.green));
		},
		'p1-2': (s) => {
			schoolyard(s, 42);
			s.person('awa', {
				...AWA,
				x: 270,
				y: 880,
				height: 660,
				facing: 'right',
				expression: 'talk',
				arms: { right: 'chest', left: 'down' }
			});
		},
		'p1-3': (s) => {
			schoolyard(s, 43);
			s.person('moussa', {
				...MOUSSA,
				x: 290,
				y: 880,
				height: 660,
				facing: 'left',
				expression: 'thinking',
				gaze: 'up',
				arms: { left: 'chin', right: 'down' }
			});
		},
		'p1-4': (s) => {
			schoolyard(s, 44);
			s.person('directeur', {
				...DIRECTEUR,
				x: 650,
				y: 530,
				height: 330,
				facing: 'left',
				legs: 'sit',
				expression: 'talk',
				arms: { left: 'open' }
			});
			s.person('awa', {
				...AWA,
				x: 820,
				y: 530,
				height: 290,
				facing: 'left',
				legs: 'sit',
				expression: 'smile'
			});
			s.person('moussa', {
				...MOUSSA,
				x: 950,
				y: 530,
				height: 295,
				facing: 'left',
				legs: 'sit',
				expression: 'neutral'
			});
			s.add(table(540, 445, 560, 110, CLOTH.green));
			s.person('coumba', {
				...COUMBA,
				x: 270,
				y: 600,
				height: 400,
				facing: 'right',
				expression: 'talk',
				arms: { left: 'open', right: 'open' }
			});
		},
		'p2-1': (s) => {
			schoolyard(s, 45);
			s.person(null, { ...COUMBA, x: 470, y: 640, height: 480, facing: 'left', expression: 'worried' });
			s.person('awa', {
				...AWA,
				x: 200,
				y: 760,
				height: 560,
				facing: 'right',
				expression: 'worried',
				arms: { left: 'raise', right: 'down' }
			});
			s.add(table(-20, 470, 600, 150, CLOTH.green));
		},
		'p2-2': (s) => {
			schoolyard(s, 46);
			s.person('coumba', {
				...COUMBA,
				x: 270,
				y: 890,
				height: 660,
				facing: 'right',
				expression: 'determined',
				arms: { right: 'chest', left: 'pointUp' }
			});
		},
		'p2-3': (s) => {
			home(s, 47);
			s.add(bench(720, 455, 230, 62));
			s.person('dramane', {
				...DRAMANE,
				x: 830,
				y: 520,
				height: 370,
				facing: 'left',
				legs: 'sit',
				expression: 'talk',
				arms: { left: 'open', right: 'lap' }
			});
			s.person('sali', { ...SALI, x: 1020, y: 525, height: 350, facing: 'left', expression: 'neutral' });
			s.person('aminata', {
				...AMINATA,
				x: 600,
				y: 520,
				height: 320,
				facing: 'left',
				expression: 'sad',
				onHead: 'basin',
				arms: { left: 'headHold', right: 'down' }
			});
			s.person('coumba', {
				...COUMBA,
				x: 140,
				y: 525,
				height: 360,
				facing: 'right',
				expression: 'smile',
				arms: { right: 'wave' }
			});
			s.person('awa', { ...AWA, x: 290, y: 525, height: 300, facing: 'right', expression: 'smile' });
			s.person('moussa', { ...MOUSSA, x: 410, y: 528, height: 305, facing: 'right', expression: 'neutral' });
		},
		'p2-4': (s) => {
			home(s, 48);
			s.add(bench(680, 545, 360, 90));
			s.person('dramane', {
				...DRAMANE,
				x: 860,
				y: 650,
				height: 560,
				facing: 'left',
				legs: 'sit',
				expression: 'thinking',
				arms: { left: 'chin', right: 'lap' }
			});
			s.person('coumba', {
				...COUMBA,
				x: 260,
				y: 760,
				height: 600,
				facing: 'right',
				expression: 'talk',
				arms: { right: 'open', left: 'down' }
			});
		},
		'p3-1': (s) => {
			home(s, 49);
			s.person('aminata', {
				...AMINATA,
				x: 440,
				y: 700,
				height: 470,
				facing: 'left',
				expression: 'smile',
				gaze: 'down',
				arms: { left: 'chest', right: 'down' }
			});
			s.person('moussa', {
				...MOUSSA,
				x: 200,
				y: 760,
				height: 560,
				facing: 'right',
				expression: 'happy',
				arms: { left: 'wave', right: 'down' }
			});
		},
		'p3-2': (s) => {
			home(s, 50);
			s.person('aminata', {
				...AMINATA,
				x: 280,
				y: 890,
				height: 660,
				facing: 'right',
				expression: 'determined',
				arms: { right: 'chest', left: 'down' }
			});
		},
		'p3-3': (s) => {
			home(s, 51);
			s.add(bench(560, 455, 260, 62));
			s.person('dramane', {
				...DRAMANE,
				x: 690,
				y: 520,
				height: 370,
				facing: 'right',
				legs: 'sit',
				expression: 'smile',
				arms: { right: 'raise', left: 'lap' }
			});
			s.person('sali', {
				...SALI,
				x: 330,
				y: 530,
				height: 360,
				facing: 'right',
				expression: 'talk',
				arms: { right: 'open', left: 'chest' }
			});
			s.person('aminata', {
				...AMINATA,
				x: 960,
				y: 525,
				height: 320,
				facing: 'left',
				expression: 'happy',
				arms: { left: 'raise', right: 'down' }
			});
		},
		'p3-4': (s) => {
			s.add(classroom(s.w, s.h, 300, 'school'));
			s.person('moussa', {
				...MOUSSA,
				x: 900,
				y: 620,
				height: 440,
				facing: 'left',
				legs: 'sit',
				expression: 'happy',
				arms: { left: 'wave' }
			});
			s.person('aminata', {
				...AMINATA_SCHOOL,
				x: 520,
				y: 620,
				height: 440,
				facing: 'left',
				legs: 'sit',
				expression: 'happy',
				arms: { left: 'down', right: 'down' }
			});
			s.person('awa', {
				...AWA,
				x: 330,
				y: 620,
				height: 440,
				facing: 'right',
				legs: 'sit',
				expression: 'talk',
				arms: { left: 'wave' }
			});
			s.add(desk(170, 485, 500, 100), desk(740, 485, 320, 100));
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
