import type { IconShape } from './shape';

export default { name: 'up', d: 'M12 6 4.5 16.5h15z' } satisfies IconShape;
