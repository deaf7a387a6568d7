import type { IconShape } from './shape';

export default {
	name: 'reread',
	d: 'M17.6 6.4A8 8 0 1 0 19.7 14h-2.1A6 6 0 1 1 12 6a5.9 5.9 0 0 1 4.2 1.8L13 11h7V4z'
} satisfies IconShape;
