import type { IconShape } from './shape';

export default {
	name: 'pencil',
	d: 'M3 17.2V21h3.8L17.8 10 14 6.2zM20.7 7a1 1 0 0 0 0-1.4l-2.3-2.3a1 1 0 0 0-1.4 0l-1.8 1.8L19 8.9z'
} satisfies IconShape;
