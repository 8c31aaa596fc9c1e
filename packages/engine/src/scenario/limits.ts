/** Limits of the scenario reader. */

/** Documents nesting deeper than this are rejected (SCENARIO_TOO_DEEP). A scenario needs 4 levels. */
export const SCENARIO_MAX_DEPTH = 64;
/** YAML alias expansion budget (the `yaml` package's maxAliasCount). */
export const SCENARIO_MAX_ALIAS_COUNT = 100;
