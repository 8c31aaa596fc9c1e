/** Row types of every table, for Kysely. JSON is stored as text and timestamps as ISO strings in both databases. */
export interface ScenarioTable {
  id: string;
  yaml: string;
  json: string;
  updated_at: string;
  updated_by: string;
  etag: string;
}

/** One stored content of a scenario; the highest number is the current one (the `scenarios` row). */
export interface ScenarioVersionTable {
  scenario_id: string;
  /** 1, 2, 3… per scenario. */
  number: number;
  yaml: string;
  json: string;
  /** The file's `version.label` (initial, adjusted-Q2…), if it has one. */
  label: string | null;
  /** The file's `version.date`: the day the version was issued (YYYY-MM-DD), if given. */
  issued: string | null;
  note: string | null;
  /** The number of the version this one adjusts (null for a first or a replaced version). */
  parent: number | null;
  author: string;
  created_at: string;
}

export interface ActualRevisionTable {
  scenario_id: string;
  period: string;
  revision: number;
  values_json: string;
  vintage: string;
  note: string | null;
  author: string;
  created_at: string;
  /** The values this revision replaced (null for the first revision of a period). */
  previous_values_json: string | null;
}

/** One revision of an indicator's figure for a year (`value`: the decimal text entered). */
export interface IndicatorActualRevisionTable {
  scenario_id: string;
  indicator_id: string;
  year: number;
  /** Q1..Q4, H1, 9M or FY (0004; the rows of 0003 are FY). */
  period: string;
  revision: number;
  value: string;
  vintage: string;
  published: string | null;
  source: string | null;
  note: string | null;
  author: string;
  created_at: string;
  previous_value: string | null;
}

export interface TokenTable {
  id: string;
  name: string;
  role: string;
  /** sha256 of the whole token, hex. The token itself is never stored. */
  hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface WhatifTable {
  id: string;
  scenario_id: string;
  name: string;
  body_json: string;
  created_at: string;
  author: string;
}

export interface Database {
  scenarios: ScenarioTable;
  scenario_versions: ScenarioVersionTable;
  actual_revisions: ActualRevisionTable;
  indicator_actual_revisions: IndicatorActualRevisionTable;
  tokens: TokenTable;
  whatifs: WhatifTable;
}
