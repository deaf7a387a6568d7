import type { IconShape } from './shape';

export default { name: 'dot', d: 'M12 6.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11z' } satisfies IconShape;
