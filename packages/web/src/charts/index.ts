export * from './adapters.ts';
export * from './band.ts';
export { alignToPeriods, formatTick, viewLabels, viewPeriods } from './common.ts';
export * from './contributions.ts';
export * from './fan.ts';
export * from './i18n.ts';
export * from './register.ts';
export * from './theme.ts';
export * from './types.ts';
