import type { IconShape } from './shape';

export default { name: 'next', d: 'M6 4.5v15l9-7.5zM16 4.5h2.5v15H16z' } satisfies IconShape;
