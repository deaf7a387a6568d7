/** The review workflow's pure rules: lifecycle, rubric, comment anchors, language matrix, version diff. */
export * from './lifecycle';
export * from './rubric';
export * from './anchors';
export * from './matrix';
export * from './diff';
export * from './approval';
