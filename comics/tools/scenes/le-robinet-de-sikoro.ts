/**
 * « Le robinet de Sikoro » — the village pump breaks; two students find out who is responsible
 * (the commune as maître d'ouvrage, the AUEP as manager) and speak at the public budget debate.
 * Panel ids match comics/le-robinet-de-sikoro/comic.json.
 */
import { CLOTH, SKIN } from '../palette';
import type { PersonOptions } from '../people';
import {
	bancoHouse,
	bench,
	blackboard,
	classroom,
	granary,
	hallInterior,
	handPump,
	mairie,
	marketStall,
	outdoor,
	table,
	tree
} from '../places';
import { emphasisLines, jerrycan, motionLines } from '../props';
import type { ComicArt, Scene } from '../scene';

type Cast = Omit<PersonOptions, 'x' | 'y' | 'height'>;

const OUMOU: Cast = {
	age: 'teen',
	sex: 'f',
	skin: SKIN.deep,
	outfit: { kind: 'dress', main: CLOTH.gold, second: CLOTH.red, pattern: 'dots' },
	hair: 'bun',
	seed: 4
};
const OUMOU_SCHOOL: Cast = {
	...OUMOU,
	outfit: { kind: 'uniform', main: CLOTH.khaki, second: CLOTH.schoolBlue }
};
const ISSA: Cast = {
	age: 'teen',
	sex: 'm',
	skin: SKIN.medium,
	outfit: { kind: 'tshirt', main: CLOTH.red, second: CLOTH.indigo },
	hair: 'shaved'
};
const ISSA_SCHOOL: Cast = {
	...ISSA,
	outfit: { kind: 'uniform', main: CLOTH.khaki, second: CLOTH.schoolBlue }
};
const BINTOU: Cast = {
	age: 'adult',
	sex: 'f',
	skin: SKIN.brown,
	outfit: { kind: 'dress', main: CLOTH.sky, second: CLOTH.white, pattern: 'circles' },
	hair: 'wrap',
	hat: CLOTH.indigo,
	glasses: true,
	seed: 5
};
const NANA: Cast = {
	age: 'elder',
	sex: 'f',
	skin: SKIN.dark,
	outfit: { kind: 'pagne', main: CLOTH.teal, second: CLOTH.white, pattern: 'dots' },
	hair: 'wrap',
	hat: CLOTH.white,
	seed: 6
};
const CRIEUR: Cast = {
	age: 'adult',
	sex: 'm',
	skin: SKIN.ebony,
	outfit: { kind: 'boubou', main: CLOTH.grey, trim: CLOTH.gold },
	hair: 'kufi',
	hat: CLOTH.red
};
const MAIRE: Cast = {
	age: 'adult',
	sex: 'm',
	skin: SKIN.warm,
	outfit: { kind: 'boubou', main: CLOTH.green, trim: CLOTH.gold },
	hair: 'kufi',
	hat: CLOTH.white,
	glasses: true
};
const CONSEILLERE: Cast = {
	age: 'adult',
	sex: 'f',
	skin: SKIN.light,
	outfit: { kind: 'pagne', main: CLOTH.wine, second: CLOTH.gold, pattern: 'dots' },
	hair: 'wrap',
	hat: CLOTH.wine
};
const VILLAGER_1: Cast = {
	age: 'adult',
	sex: 'f',
	skin: SKIN.warm,
	outfit: { kind: 'pagne', main: CLOTH.purple, second: CLOTH.pink, pattern: 'circles' },
	hair: 'wrap',
	hat: CLOTH.pink
};
const VILLAGER_2: Cast = {
	age: 'adult',
	sex: 'm',
	skin: SKIN.brown,
	outfit: { kind: 'shirt', main: CLOTH.sky, second: CLOTH.charcoal },
	hair: 'short',
	beard: 'dark'
};

function village(s: Scene, seed: number): void {
	s.add(outdoor(s.w, s.h, 280, seed));
	s.add(bancoHouse(s.w * 0.04, 292, s.w * 0.3, 170, { door: '#6a8f5a', window: true }));
	s.add(granary(s.w * 0.42, 292, 150));
	s.add(bancoHouse(s.w * 0.55, 292, s.w * 0.26, 150, { door: '#b05a3a' }));
	s.add(tree(s.w * 0.92, 300, 380, 'shade', seed));
}

export const leRobinetDeSikoro: ComicArt = {
	slug: 'le-robinet-de-sikoro',
	panels: {
		'p1-1': (s) => {
			village(s, 61);
			s.add(handPump(560, 470, 300, true));
			s.add(jerrycan(690, 440, 70), jerrycan(770, 446, 66), jerrycan(860, 442, 68));
			s.person(null, {
				...VILLAGER_1,
				x: 980,
				y: 520,
				height: 360,
				facing: 'left',
				expression: 'worried',
				arms: { left: 'hip' }
			});
			s.person(null, { ...NANA, x: 1080, y: 525, height: 340, facing: 'left', expression: 'sad' });
			s.person('oumou', {
				...OUMOU,
				x: 380,
				y: 515,
				height: 320,
				facing: 'right',
				expression: 'shout',
				arms: { right: 'pump', left: 'down' }
			});
		},
		'p1-2': (s) => {
			s.add(outdoor(s.w, s.h, 250, 62));
			s.add(tree(80, 260, 300, 'baobab', 62));
			s.person('issa', {
				...ISSA,
				x: 380,
				y: 520,
				height: 330,
				facing: 'left',
				legs: 'walk',
				expression: 'worried',
				arms: { left: 'carry', right: 'carry' },
				holding: { left: 'can', right: 'can' }
			});
			s.person('oumou', {
				...OUMOU,
				x: 160,
				y: 525,
				height: 320,
				facing: 'right',
				legs: 'walk',
				expression: 'sad',
				onHead: 'can',
				arms: { right: 'headHold', left: 'down' }
			});
			// The long walk to the well: dust and motion lines behind them.
			s.add(motionLines(60, 430, 1, 0, 70, 3), motionLines(470, 420, -1, 0, 70, 3));
		},
		'p1-3': (s) => {
			s.add(classroom(s.w, s.h, 330, 'water'));
			s.person('bintou', {
				...BINTOU,
				x: 440,
				y: 560,
				height: 400,
				facing: 'left',
				expression: 'smile',
				arms: { left: 'open' }
			});
			s.person('oumou', {
				...OUMOU_SCHOOL,
				x: 150,
				y: 640,
				height: 420,
				facing: 'right',
				legs: 'sit',
				expression: 'talk',
				arms: { left: 'raise' }
			});
		},
		'p1-4': (s) => {
			s.add(classroom(s.w, s.h, 330, 'water'));
			s.person('bintou', {
				...BINTOU,
				x: 260,
				y: 650,
				height: 420,
				facing: 'right',
				expression: 'talk',
				arms: { right: 'pointUp' }
			});
			s.person('issa', {
				...ISSA_SCHOOL,
				x: 760,
				y: 650,
				height: 420,
				facing: 'left',
				legs: 'sit',
				expression: 'happy',
				arms: { left: 'raise' }
			});
			s.person('oumou', {
				...OUMOU_SCHOOL,
				x: 950,
				y: 650,
				height: 410,
				facing: 'left',
				legs: 'sit',
				expression: 'smile'
			});
		},
		'p2-1': (s) => {
			village(s, 63);
			s.add(handPump(130, 470, 260, true));
			s.person('nana', {
				...NANA,
				x: 380,
				y: 660,
				height: 480,
				facing: 'right',
				expression: 'talk',
				hug: 'register',
				arms: { left: 'cradle', right: 'cradle' }
			});
		},
		'p2-2': (s) => {
			village(s, 64);
			s.person('nana', {
				...NANA,
				x: 150,
				y: 670,
				height: 480,
				facing: 'right',
				expression: 'worried',
				arms: { right: 'open' }
			});
			s.person('issa', {
				...ISSA,
				x: 420,
				y: 600,
				height: 420,
				facing: 'left',
				expression: 'surprised',
				arms: { left: 'open' }
			});
		},
		'p2-3': (s) => {
			s.add(outdoor(s.w, s.h, 300, 65));
			s.add(mairie(650, 310, 400, 200));
			s.add(handPump(120, 450, 200, true));
			s.person('nana', {
				...NANA,
				x: 420,
				y: 585,
				height: 380,
				facing: 'right',
				expression: 'talk',
				arms: { right: 'point' }
			});
			s.person('oumou', {
				...OUMOU,
				x: 880,
				y: 530,
				height: 330,
				facing: 'left',
				expression: 'thinking',
				arms: { left: 'chin' }
			});
			s.person('issa', {
				...ISSA,
				x: 1030,
				y: 535,
				height: 340,
				facing: 'left',
				expression: 'surprised',
				arms: { left: 'raise', right: 'down' }
			});
		},
		'p2-4': (s) => {
			s.add(outdoor(s.w, s.h, 300, 66));
			s.add(marketStall(60, 400, 240, 3, '#2f80c0'), marketStall(820, 410, 260, 8));
			s.add(tree(560, 310, 360, 'shade', 66));
			s.person('crieur', {
				...CRIEUR,
				x: 640,
				y: 540,
				height: 380,
				facing: 'left',
				expression: 'shout',
				arms: { left: 'megaphone' },
				holding: { left: 'megaphone' }
			});
			s.add(emphasisLines(560, 230, 60, 120, 10, 66));
			s.person('oumou', {
				...OUMOU,
				x: 880,
				y: 540,
				height: 330,
				facing: 'left',
				expression: 'surprised'
			});
			s.person('issa', {
				...ISSA,
				x: 1020,
				y: 545,
				height: 340,
				facing: 'left',
				expression: 'happy',
				arms: { left: 'point' }
			});
		},
		'p3-1': (s) => {
			s.add(hallInterior(s.w, s.h, 360));
			s.add(blackboard(880, 90, 200, 140, 'budget'));
			s.person('maire', {
				...MAIRE,
				x: 700,
				y: 520,
				height: 360,
				facing: 'left',
				legs: 'sit',
				expression: 'talk',
				arms: { left: 'open' }
			});
			s.person(null, {
				...CONSEILLERE,
				x: 880,
				y: 520,
				height: 340,
				facing: 'left',
				legs: 'sit',
				expression: 'smile'
			});
			s.add(table(580, 400, 420, 130, '#2f6fb0'));
			s.person(null, {
				...VILLAGER_2,
				x: 120,
				y: 540,
				height: 380,
				facing: 'right',
				legs: 'sit',
				expression: 'neutral'
			});
			s.person(null, {
				...VILLAGER_1,
				x: 290,
				y: 545,
				height: 360,
				facing: 'right',
				legs: 'sit',
				expression: 'neutral'
			});
			s.person(null, {
				...NANA,
				x: 440,
				y: 548,
				height: 340,
				facing: 'right',
				legs: 'sit',
				expression: 'smile'
			});
			s.add(bench(40, 470, 470, 70));
		},
		'p3-2': (s) => {
			s.add(hallInterior(s.w, s.h, 360));
			s.person('oumou', {
				...OUMOU,
				x: 250,
				y: 800,
				height: 560,
				facing: 'right',
				expression: 'determined',
				arms: { right: 'raise', left: 'down' }
			});
			s.person(null, {
				...ISSA,
				x: 470,
				y: 760,
				height: 500,
				facing: 'left',
				legs: 'sit',
				expression: 'smile',
				hug: 'papers',
				arms: { left: 'cradle', right: 'cradle' }
			});
			// Over the shoulder of a resident on the front bench: the whole hall hears her.
			s.person(null, { ...VILLAGER_2, x: 60, y: 1010, height: 640, facing: 'back' });
		},
		'p3-3': (s) => {
			s.add(hallInterior(s.w, s.h, 360));
			s.add(blackboard(300, 90, 220, 150, 'budget'));
			s.person('maire', {
				...MAIRE,
				x: 250,
				y: 870,
				height: 640,
				facing: 'left',
				legs: 'stand',
				expression: 'smile',
				arms: { left: 'open', right: 'down' }
			});
		},
		'p3-4': (s) => {
			village(s, 67);
			s.add(handPump(250, 495, 300, false));
			s.add(jerrycan(320, 478, 60));
			s.person('issa', {
				...ISSA,
				x: 110,
				y: 520,
				height: 340,
				facing: 'right',
				expression: 'happy',
				arms: { right: 'pump', left: 'down' }
			});
			s.person('oumou', {
				...OUMOU,
				x: 440,
				y: 530,
				height: 330,
				facing: 'left',
				expression: 'happy',
				arms: { left: 'wave', right: 'down' },
				holding: { right: 'can' }
			});
		},
		'p3-5': (s) => {
			village(s, 68);
			s.person('bintou', {
				...BINTOU,
				x: 150,
				y: 700,
				height: 450,
				facing: 'right',
				expression: 'talk',
				arms: { right: 'open', left: 'down' }
			});
			s.person('oumou', {
				...OUMOU,
				x: 420,
				y: 760,
				height: 434,
				facing: 'left',
				expression: 'determined',
				holding: { right: 'can' }
			});
		}
	},
	cover: (s) => {
		s.add(outdoor(s.w, s.h, 820, 88));
		s.add(bancoHouse(40, 830, 420, 260, { door: '#6a8f5a', window: true }));
		s.add(tree(1020, 860, 760, 'shade', 9));
		s.add(handPump(640, 1500, 700, false));
		s.person(null, {
			...ISSA,
			x: 200,
			y: 1650,
			height: 720,
			facing: 'right',
			expression: 'happy',
			arms: { right: 'pump', left: 'down' }
		});
		s.person(null, {
			...OUMOU,
			x: 1000,
			y: 1640,
			height: 700,
			facing: 'left',
			expression: 'happy',
			arms: { left: 'raise', right: 'down' },
			holding: { right: 'can' }
		});
	}
};
