import type { IndicatorSet } from '../indicators/types.ts';
import type { LocalizedText } from '../scenario/types.ts';

/**
 * A multi-year plan (kế hoạch 5 năm): average and annual growth targets for a region over startYear..endYear,
 * optionally a level in current prices for the final year. Growth rates are in %.
 */
export interface Plan {
  id: string;
  title: LocalizedText;
  region: string;
  source?: string;
  notes?: string;
  startYear: number;
  endYear: number;
  /** The year the growth compounds from (normally startYear − 1). */
  baseYear: number;
  /**
   * GRDP of the base year. Absent: the plan is evaluated as an index (base year = 100) and checks that need a
   * level say so.
   */
  baseLevel?: PlanBaseLevel;
  /**
   * Where the base level comes from when it is not typed in: a scenario file with base-year levels (a merged
   * province's base written by `grdp merge`), rolled forward to baseYear with the growth given. Used when the
   * file is present (`planBaseFromScenario`); until then the plan is evaluated as an index.
   */
  baseFrom?: PlanBaseFrom;
  targets: PlanTargets;
  /**
   * GRDP deflator growth % (change of the implicit price index): one rate for every year, or by year. An
   * assumption the user enters: needed to turn real growth into a current-price level.
   */
  deflator?: number | Record<string, number>;
  /** Actual (published) growth % by year, consecutive from baseYear + 1. */
  actuals?: Record<string, number>;
  /** The plan's main indicators and the departments they name. */
  indicators?: IndicatorSet;
}

export interface PlanBaseLevel {
  /** The level; when regions are given and value is absent, the sum of the regions. */
  value?: number;
  /** e.g. "billion VND" */
  unit: string;
  /** "current" (prices of the base year) or a constant-price basis such as "constant 2010". */
  priceBasis: string;
  /** The parts the base adds up (provinces merged into one), each with the dates it was its own unit. */
  regions?: PlanRegion[];
}

export interface PlanBaseFrom {
  /** The scenario file, relative to the plan file. */
  file: string;
  /** Growth % by year, from the year after the file's levels up to baseYear (published actuals). */
  growth?: Record<string, number>;
  /** Where the growth figures come from. */
  source?: string;
}

export interface PlanRegion {
  id: string;
  name: string;
  value: number;
  /** YYYY-MM-DD */
  validFrom?: string;
  validTo?: string;
}

export interface PlanTargets {
  /** Geometric average annual growth % over startYear..endYear (a floor: "≥ 11 %"). */
  averageGrowth?: number;
  /** Growth % by year. */
  annual?: Record<string, number>;
  /** GRDP of endYear at current prices. */
  finalLevelCurrentPrices?: { value: number; unit: string };
}
