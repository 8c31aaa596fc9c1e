/**
 * Limits of the scenario reader. They bound the work any one scenario can cause (the calibration is a linear
 * programme whose size grows with sectors × periods), so an anonymous request cannot hold a worker for minutes.
 * A province publishes about a dozen sectors; the caps leave ample room.
 */

/** Documents nesting deeper than this are rejected (SCENARIO_TOO_DEEP). A scenario needs 4 levels. */
export const SCENARIO_MAX_DEPTH = 64;
/** YAML alias expansion budget (the `yaml` package's maxAliasCount). */
export const SCENARIO_MAX_ALIAS_COUNT = 100;
/** Most sectors (parts included) in one scenario (SCENARIO_TOO_LARGE). */
export const SCENARIO_MAX_SECTORS = 100;
/** Most published actuals (period × vintage entries) in one scenario (SCENARIO_TOO_LARGE). */
export const SCENARIO_MAX_ACTUALS = 200;
/** Longest text field, in characters (SCENARIO_TOO_LARGE). */
export const SCENARIO_MAX_TEXT = 20_000;
/** Largest base-year level (SCENARIO_BAD_BASE): far above any province's quarterly GRDP in billion VND. */
export const SCENARIO_MAX_BASE_LEVEL = 1e12;
