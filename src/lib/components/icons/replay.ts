import type { IconShape } from './shape';

export default {
	name: 'replay',
	d: 'M12 5V1.5L7 6.5l5 5V8a5 5 0 1 1-5 5H5a7 7 0 1 0 7-8z'
} satisfies IconShape;
