/**
 * Multi-year plans (kế hoạch 5 năm): compounding annual growth to a final year, the average growth still needed
 * once actual years are known, the current-price level a deflator assumption implies, and rolling a scenario's
 * levels forward into the next year's base, and a plan's base taken from a scenario's levels (baseFrom: a merged
 * province's base). Exact decimals throughout; results are plain numbers.
 */

export { planBaseFromScenario } from './base.ts';
export {
  type CurrentPriceCheck,
  evaluatePlan,
  type PlanEvaluation,
  type PlanGrowthSource,
  type PlanRequiredGrowth,
  type PlanYear,
  requiredAverageGrowth,
} from './evaluate.ts';
export { loadPlan } from './load.ts';
export { parsePlanObject } from './parse.ts';
export { rollForward } from './rollForward.ts';
export type { Plan, PlanBaseFrom, PlanBaseLevel, PlanRegion, PlanTargets } from './types.ts';
