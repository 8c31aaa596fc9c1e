export * from './errors.ts';
export * from './evaluate/index.ts';
export * from './numeric/index.ts';
export * from './periods.ts';
export * from './scenario/bands.ts';
export * from './scenario/sectors.ts';
export * from './scenario/types.ts';
