import type { IconShape } from './shape';

/** A speaker struck through: no recording exists yet (the language chooser). */
export default {
	name: 'speakerOff',
	d: 'M16.5 12A4.5 4.5 0 0 0 14 8v2.2l2.45 2.45q.05-.3.05-.65zm2.5 0q0 1.4-.54 2.64l1.51 1.51A8.8 8.8 0 0 0 21 12a9 9 0 0 0-7-8.77v2.06A7 7 0 0 1 19 12zM4.27 3 3 4.27 7.73 9H3v6h4l5 5v-6.73l4.25 4.25q-1 .78-2.25 1.18v2.06a9 9 0 0 0 3.69-1.81L19.73 21 21 19.73l-9-9zM12 4 9.91 6.09 12 8.18z'
} satisfies IconShape;
