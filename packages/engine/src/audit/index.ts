import {
  type CalibrateOptions,
  type CalibrationResult,
  calibrate,
  describeResidual,
  PRINTED_PRECISION,
  type Residual,
  residualsFor,
} from '../calibrate/index.ts';
import { WARNING_CODES, type WarningCode } from '../errors.ts';
import { CUMULATIVE_PERIODS, PERIODS } from '../periods.ts';
import type { Scenario } from '../scenario/types.ts';
import { TOTAL } from '../scenario/types.ts';

/** One problem found in a published table. */
export interface Finding {
  code: WarningCode;
  severity: 'warning' | 'error';
  /** JSON path of the cell (`targets.Q4.product_taxes`) or `targets` for the whole table. */
  path: string;
  message: string;
}

export interface AuditOptions {
  /** Solver for the calibrations (defaults to the shared HiGHS instance). */
  solver?: CalibrateOptions['solver'];
}

const message = (code: WarningCode, detail: string) => `${WARNING_CODES[code]}: ${detail}`;

/**
 * Checks a published table: inverted bands (and whether the table is reproducible with them swapped, which marks a
 * transposition of the printed numbers), total bands no weighted mean of the sector bands can give, cumulative
 * figures the quarters do not produce with the scenario's base levels, and tables no base levels reproduce.
 *
 * @example
 * // An Giang 2023: Q4 product taxes printed "3,54 - 3,49" — most likely a transposition.
 * (await audit(anGiang2023())).map((f) => f.code) // ['inverted-band']
 */
export async function audit(scenario: Scenario, options: AuditOptions = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  const solver = options.solver ? { solver: options.solver } : {};
  const calibrated = await calibrate(scenario, solver);

  // inverted-band: each inverted cell, with the verdict of calibrating it in printed order (others swapped).
  for (const period of PERIODS) {
    const row = scenario.targets[period];
    if (!row) continue;
    for (const [key, band] of Object.entries(row)) {
      if (!band.inverted) continue;
      const printed = band.printed ?? `${band.high} - ${band.low}`;
      const asPrinted = await calibrate(onlyInverted(scenario, period, key), { ...solver, asPrinted: true });
      let verdict: string;
      if (calibrated.reproducible && !asPrinted.reproducible)
        verdict =
          `read in the printed order the table cannot be reproduced (max residual ${fmt(asPrinted.maxAbsResidual)} pp), ` +
          `swapped it is (${fmt(calibrated.maxAbsResidual)} pp): most likely a transposition of the printed numbers`;
      else if (asPrinted.reproducible && !calibrated.reproducible)
        verdict =
          `the table is reproduced only in the printed order (max residual ${fmt(asPrinted.maxAbsResidual)} pp); ` +
          'check the source before reading it as [min, max]';
      else verdict = `read as [${band.low}, ${band.high}]`;
      findings.push({
        code: 'inverted-band',
        severity: 'warning',
        path: `targets.${period}.${key}`,
        message: message('inverted-band', `"${printed}" ${verdict}`),
      });
    }
  }

  // total-outside-sector-range: needs every top-level sector's band in the period.
  const top = scenario.sectors.filter((s) => s.parent === undefined).map((s) => s.id);
  if (top.length > 0)
    for (const period of PERIODS) {
      const row = scenario.targets[period];
      const total = row?.[TOTAL];
      if (!row || !total) continue;
      const bands = top.map((id) => row[id]);
      if (bands.some((b) => b === undefined)) continue;
      const minLow = Math.min(...bands.map((b) => b!.low));
      const maxHigh = Math.max(...bands.map((b) => b!.high));
      if (total.low > maxHigh || total.high < minLow)
        findings.push({
          code: 'total-outside-sector-range',
          severity: 'error',
          path: `targets.${period}.${TOTAL}`,
          message: message(
            'total-outside-sector-range',
            `total [${total.low}, ${total.high}] lies outside the sector range [${minLow}, ${maxHigh}]`,
          ),
        });
    }

  // cumulative-inconsistent: with the file's base levels if any, else the calibrated ones.
  const base = scenario.base?.levels ?? calibrated.base;
  const residuals = scenario.base ? residualsFor(scenario, base).residuals : calibrated.residuals;
  const baseName = scenario.base ? `the file's ${scenario.base.origin} base levels` : 'the calibrated base levels';
  for (const period of CUMULATIVE_PERIODS) {
    const byKey = new Map<string, Residual[]>();
    for (const r of residuals)
      if (r.period === period && Math.abs(r.residual) >= PRINTED_PRECISION)
        byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    for (const [key, rs] of byKey)
      findings.push({
        code: 'cumulative-inconsistent',
        severity: 'warning',
        path: `targets.${period}.${key}`,
        message: message('cumulative-inconsistent', `with ${baseName}, ${rs.map(describeResidual).join('; ')}`),
      });
  }

  // not-reproducible
  if (calibrated.maxAbsResidual !== null && !calibrated.reproducible)
    findings.push({
      code: 'not-reproducible',
      severity: 'warning',
      path: 'targets',
      message: notReproducible(calibrated),
    });
  return findings;
}

/** The scenario with only this cell still marked inverted (so `asPrinted` reads only it in printed order). */
function onlyInverted(scenario: Scenario, period: string, key: string): Scenario {
  const targets: Scenario['targets'] = {};
  for (const [p, row] of Object.entries(scenario.targets)) {
    if (!row) continue;
    const copy: typeof row = {};
    for (const [k, band] of Object.entries(row))
      copy[k] = band.inverted && !(p === period && k === key) ? { ...band, inverted: false } : band;
    targets[p as keyof Scenario['targets']] = copy;
  }
  return { ...scenario, targets };
}

function notReproducible(r: CalibrationResult): string {
  let worst: Residual | undefined;
  for (const x of r.residuals) if (!worst || Math.abs(x.residual) > Math.abs(worst.residual)) worst = x;
  return message(
    'not-reproducible',
    `the best base levels leave ${fmt(r.maxAbsResidual)} pp${worst ? ` (${describeResidual(worst)})` : ''}`,
  );
}

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(4));
