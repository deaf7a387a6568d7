import type { IconShape } from './shape';

export default { name: 'down', d: 'M12 18 4.5 7.5h15z' } satisfies IconShape;
