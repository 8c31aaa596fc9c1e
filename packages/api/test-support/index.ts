/**
 * `@grdp/api/testing`: the API's test support, for its own tests and the repository's tests/ suites. Not part of
 * the server: nothing under src/ imports it.
 */
export * from './bad-input.ts';
export * from './big-scenario.ts';
export * from './databases.ts';
export * from './english-words.ts';
export * from './files.ts';
export * from './helpers.ts';
export * from './images.ts';
