/**
 * The planner's computations behind the draft, adjust and merge routes and commands: each resolves what the
 * engine needs (base levels, last year's pattern), calls the engine and returns plain JSON. The CLI's `--json`
 * equals the API's answer.
 */
import {
  adjustScenario,
  type BaseChoice,
  compareVersions,
  type DraftProfile,
  draftScenario,
  fail,
  GrdpError,
  issue,
  lastYearPattern,
  type MergePart,
  mergeBases,
  type Quarter,
  type Reconcile,
  resolveBase,
  type Scenario,
  scenarioToFile,
  scenarioToYaml,
} from '@grdp/engine';

/** A scenario as the plain data of its file (what the answers carry next to the YAML). */
function fileOf(scenario: Scenario) {
  return scenarioToFile(scenario) as Record<string, unknown> & Pick<Scenario, 'id' | 'title' | 'region' | 'year'>;
}

export interface DraftRequest {
  profile: 'flat' | 'last-year' | 'shape';
  /** last-year: the previous year's scenario whose actuals give the pattern (or `pattern` directly). */
  lastYear?: Scenario;
  pattern?: Record<string, number[]>;
  /** shape: offsets (pp) by sector and quarter. */
  shape?: Record<string, number[]>;
  reconcile?: string;
}

/** `none`, `shift` or `absorb:SECTOR` (the CLI's and the API's spelling). */
export function parseReconcile(text: string | undefined, path = 'reconcile'): Reconcile {
  if (text === undefined || text === 'none') return { method: 'none' };
  if (text === 'shift') return { method: 'shift' };
  const m = /^absorb:([a-z][a-z0-9_]*)$/.exec(text);
  if (m) return { method: 'absorb', sector: m[1]! };
  return fail('INPUT_INVALID', path, `reconcile is none, shift or absorb:SECTOR, not "${text}"`);
}

/** `agriculture:-1,0.5,0,0.5` → ['agriculture', [-1, 0.5, 0, 0.5]]. */
export function parseShape(text: string): [string, number[]] {
  const m = /^([a-z][a-z0-9_]*):(.+)$/.exec(text.trim());
  const values = (m?.[2] ?? '').split(',').map((v) => Number(v.trim().replace('−', '-')));
  if (!m || values.length !== 4 || values.some((v) => !Number.isFinite(v)))
    return fail('INPUT_INVALID', 'shape', `a shape is SECTOR:o1,o2,o3,o4 (pp offsets of Q1..Q4), not "${text}"`);
  return [m[1]!, values];
}

async function fileBase(scenario: Scenario, choice: BaseChoice) {
  if (choice === 'file' && !scenario.base)
    throw new GrdpError([
      issue(
        'INPUT_MISSING_BASE',
        'base',
        'drafting needs base-year levels in the file (base.levels, Q1..Q4 per sector)',
      ),
    ]);
  return resolveBase(scenario, undefined, choice);
}

/** Drafts `scenario` (base levels + targets.FY) with a profile; the answer carries the new file as YAML too. */
export async function draftOf(scenario: Scenario, request: DraftRequest) {
  const { base } = await fileBase(scenario, 'file');
  const ids = scenario.sectors.map((s) => s.id);
  let profile: DraftProfile;
  if (request.profile === 'flat') profile = { kind: 'flat' };
  else if (request.profile === 'shape') profile = { kind: 'shape', offsets: request.shape ?? {} };
  else if (request.pattern) profile = { kind: 'last-year', pattern: request.pattern };
  else if (request.lastYear) {
    const previous = await resolveBase(request.lastYear);
    profile = { kind: 'last-year', pattern: lastYearPattern(request.lastYear, previous.base, ids) };
  } else
    return fail(
      'INPUT_INVALID',
      'lastYear',
      "the last-year profile needs last year's scenario (its actuals) or a pattern",
    );
  const input: Scenario = { ...scenario, targets: { FY: scenario.targets.FY ?? {} }, actuals: [] };
  const d = draftScenario(input, base, { profile, reconcile: parseReconcile(request.reconcile) });
  return {
    scenarioId: d.scenario.id,
    profile: request.profile,
    reconcile: d.reconcile,
    gap: d.gap,
    growth: d.growth,
    maxAbsResidual: d.maxAbsResidual,
    reproducible: d.reproducible,
    warnings: d.warnings,
    scenario: fileOf(d.scenario),
    yaml: scenarioToYaml(d.scenario),
  };
}

export interface AdjustRequest {
  asOf: Quarter;
  rule?: 'profile' | 'uniform';
  reconcile?: string;
  label?: string;
  date?: string;
  note?: string;
}

/** A new version of `scenario` as of a quarter, on the base levels the engine's `resolveBase` chooses. */
export async function adjustOf(scenario: Scenario, request: AdjustRequest) {
  const resolved = await resolveBase(scenario);
  const version = {
    label: request.label ?? `adjusted-${request.asOf}`,
    ...(request.date === undefined ? {} : { date: request.date }),
    ...(request.note === undefined ? {} : { note: request.note }),
  };
  const a = adjustScenario(scenario, resolved.base, {
    asOf: request.asOf,
    ...(request.rule === undefined ? {} : { rule: request.rule }),
    reconcile: parseReconcile(request.reconcile),
    version,
  });
  return {
    scenarioId: a.scenario.id,
    asOf: a.asOf,
    rule: a.rule,
    reconcile: a.reconcile,
    base: { origin: resolved.origin, ...(resolved.note === undefined ? {} : { note: resolved.note }) },
    actual: a.actual,
    gap: a.gap,
    growth: a.growth,
    flags: a.flags,
    maxAbsResidual: a.maxAbsResidual,
    reproducible: a.reproducible,
    warnings: a.warnings,
    version: a.scenario.version!,
    comparison: compareVersions([scenario, a.scenario]),
    scenario: fileOf(a.scenario),
    yaml: scenarioToYaml(a.scenario),
  };
}

export interface MergeRequest {
  id: string;
  region?: string;
  title?: { vi: string; en: string };
  /** Annual base-year level in money by predecessor id, for predecessors whose levels are an index. */
  sizes?: Record<string, number>;
  unit?: string;
}

/** The merged province's base year as a scenario file (no targets yet). */
export function mergeOf(parts: readonly Scenario[], request: MergeRequest) {
  const problems = [];
  parts.forEach((p, i) => {
    if (!p.base) problems.push(issue('INPUT_MISSING_BASE', `parts[${i}].base`, `${p.id} has no base-year levels`));
  });
  for (const id of Object.keys(request.sizes ?? {}))
    if (!parts.some((p) => p.id === id))
      problems.push(issue('INPUT_INVALID', `sizes.${id}`, `${id} is not one of the merged scenarios`));
  if (problems.length > 0) throw new GrdpError(problems);
  const input: MergePart[] = parts.map((p) => ({
    id: p.id,
    region: p.region,
    priceBasis: p.priceBasis,
    sectors: p.sectors,
    base: p.base!,
    ...(request.sizes?.[p.id] === undefined ? {} : { size: request.sizes[p.id] }),
    source: p.source,
  }));
  const merged = mergeBases(input, request.unit === undefined ? {} : { unit: request.unit });
  const names = parts.map((p) => p.region).join(' + ');
  const first = parts[0]!;
  const scenario: Scenario = {
    id: request.id,
    title: request.title ?? { vi: `Mức gốc hợp nhất: ${names}`, en: `Merged base year: ${names}` },
    region: request.region ?? names,
    year: first.year,
    source: `Sum of the base-year levels of ${parts.map((p) => p.id).join(', ')} (grdp merge)`,
    priceBasis: merged.priceBasis,
    sectors: first.sectors,
    base: merged.base,
    targets: {},
    actuals: [],
  };
  return {
    scenarioId: scenario.id,
    base: merged.base,
    scenario: fileOf(scenario),
    yaml: scenarioToYaml(scenario),
  };
}
