import type { IconShape } from './shape';

export default { name: 'pause', d: 'M6 4.5h4.5v15H6zm7.5 0H18v15h-4.5z' } satisfies IconShape;
