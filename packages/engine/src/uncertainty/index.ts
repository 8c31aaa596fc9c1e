/**
 * Uncertainty models for the simulator: `band` reads each published band as the central 80% of its quarter;
 * `learned` (the default) is fitted on the history of past scenarios and their outcomes (see docs/model.md).
 */
export * from './apply.ts';
export * from './fit.ts';
export { FITTED_ERROR_MODEL, TRACK_RECORD } from './fitted.ts';
export * from './observations.ts';
export { fitStudentDf, logGamma } from './student.ts';
