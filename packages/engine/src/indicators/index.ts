/**
 * The plan's main indicators (chỉ tiêu chủ yếu): their targets and qualifiers, the departments responsible, the
 * figures reported each year and the status against the target.
 */
export * from './figures.ts';
export * from './parse.ts';
export * from './per-capita.ts';
export * from './schema.ts';
export * from './status.ts';
export * from './text.ts';
export * from './types.ts';
export * from './write.ts';
