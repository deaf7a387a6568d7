import type { IconShape } from './shape';

export default {
	name: 'download',
	d: 'M11 3h2v10.2l3.6-3.6L18 11l-6 6-6-6 1.4-1.4 3.6 3.6zM4 19h16v2H4z'
} satisfies IconShape;
