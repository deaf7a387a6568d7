/** Colours of the art kit: one place, so every comic shares a look. */

/** Outline ink: a warm near-black reads softer than pure black on tablets. */
export const INK = '#2a1c14';

/** Skin tones of Malian people, darkest to lightest. */
export const SKIN = {
	ebony: '#3e2618',
	deep: '#4f3020',
	dark: '#5e3a25',
	brown: '#6f4529',
	warm: '#7f5032',
	medium: '#8f5d3b',
	light: '#a06c47'
} as const;

export type SkinTone = (typeof SKIN)[keyof typeof SKIN];

/** The flag of Mali: vertical green, gold, red. */
export const FLAG = { green: '#14a44d', gold: '#fcd116', red: '#ce1126' } as const;

export const HAIR = { black: '#1b120d', grey: '#9a948c', white: '#e8e4dc' } as const;

/** Fabrics: wax prints, bazin, school khaki and blue. */
export const CLOTH = {
	indigo: '#2d4f9e',
	sky: '#4f9bd6',
	royal: '#3348b0',
	teal: '#1b8a8c',
	green: '#2f9e57',
	lime: '#9cc83b',
	gold: '#f2b630',
	orange: '#ec7d2a',
	red: '#cc3b2e',
	wine: '#8e2345',
	purple: '#7a4fa8',
	pink: '#e06b9a',
	white: '#f5f1e8',
	cream: '#ece0c2',
	khaki: '#c9ae72',
	schoolBlue: '#2c4e8c',
	brown: '#7b5535',
	grey: '#8a8f96',
	charcoal: '#3d4148',
	black: '#262626'
} as const;

/** Places: banco (sun-dried earth), laterite ground, sky, leaves. */
export const PLACE = {
	sky: '#bfe3f2',
	skyLow: '#e4f2f0',
	dusk: '#f6d7a8',
	banco: '#c47a47',
	bancoLight: '#d99460',
	bancoDark: '#9c5a34',
	laterite: '#d39a62',
	ground: '#e2b680',
	groundDark: '#c89660',
	grass: '#8fb24c',
	leaf: '#4f8a3a',
	leafDark: '#3a6b2c',
	trunk: '#7a5537',
	wallWhite: '#f1ece0',
	wallCream: '#efe0bd',
	wallOchre: '#e7b96a',
	wallBlue: '#cfe1ea',
	floor: '#c9a57a',
	concrete: '#b9b2a6',
	concreteDark: '#948c80',
	metal: '#5f6f7a',
	metalLight: '#8fa0aa',
	wood: '#9a6a3f',
	woodDark: '#6e4a2b',
	roofTin: '#a9b2b6',
	thatch: '#c9a45a',
	water: '#6cc0e0',
	board: '#2f5a46',
	paper: '#fbfaf5',
	paperLine: '#b9c2cc',
	stamp: '#3a6fc4',
	window: '#3a4a55',
	door: '#5b7fa6',
	plastic: '#f2c12e'
} as const;
