import type { IconShape } from './shape';

export default {
	name: 'arrowRight',
	d: 'M4 11h12.2l-5.6-5.6L12 4l8 8-8 8-1.4-1.4 5.6-5.6H4z'
} satisfies IconShape;
