/**
 * The one rule for an actual growth figure (%), used by the scenario file, the API's actuals routes, the CSV/XLSX
 * import and the web's entry grid: more than −100 (a level cannot fall to zero or below) and at most 1000 (so a
 * slip such as 7500 typed for 7,5 is refused).
 */
export const ACTUAL_GROWTH_RANGE = { exclusiveMinimum: -100, maximum: 1000 } as const;

/** Why `value` is not an actual growth figure, or null when it is one. */
export function actualValueProblem(value: number): string | null {
  if (!Number.isFinite(value)) return `${String(value)} is not a number`;
  if (value <= ACTUAL_GROWTH_RANGE.exclusiveMinimum || value > ACTUAL_GROWTH_RANGE.maximum)
    return `${value} is not a growth rate in % (more than −100, at most 1000)`;
  return null;
}

/** Whether `value` is an actual growth figure: finite, more than −100, at most 1000. */
export function isActualValue(value: number): boolean {
  return actualValueProblem(value) === null;
}
