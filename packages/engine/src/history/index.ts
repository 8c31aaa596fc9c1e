/**
 * The history of published growth scenarios and their outcomes (scenarios/history/): the data the learned
 * uncertainty model is fitted on and the backtest replays.
 */
export { checkHistory, loadHistory, parseHistoryObject } from './load.ts';
export * from './schema.ts';
