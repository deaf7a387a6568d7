import type { IconShape } from './shape';

export default { name: 'stop', d: 'M6 6h12v12H6z' } satisfies IconShape;
