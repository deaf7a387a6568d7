import type { IconShape } from './shape';

export default { name: 'play', d: 'M7 4.5v15L19.5 12z' } satisfies IconShape;
