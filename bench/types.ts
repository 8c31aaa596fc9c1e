/** One benchmark figure as written to bench/results.json. Names are stable across runs. */
export interface Figure {
  name: string;
  /** null: not measured (see `note`). */
  value: number | null;
  unit: string;
  /** The goal as text (`≥ 4,000,000`, `≤ 50 ms`), or `reference` for a figure without a goal in the issue. */
  goal: string;
  /** A baseline to compare with, in the figure's unit (numpy draws/s, scipy ms). */
  baseline?: number;
  /** value ÷ baseline or baseline ÷ value, whichever reads as "times better" (see `note`). */
  ratio?: number;
  /** Goal reached (reference figures: true when measured). */
  met: boolean;
  /** How it was measured, what it compares, why it is missed. */
  note?: string;
}

export interface SuiteOptions {
  /** Tiny sizes, one quick pass per figure: for `npm test`, never for figures. */
  smoke?: boolean;
  /** Progress lines on stderr. */
  log?: (line: string) => void;
}

export interface AreaResult {
  figures: Figure[];
  /** Paragraphs for BENCHMARKS.md (how measured, substitutions, bottlenecks). */
  notes?: string[];
  /** What the area verified about what it measured (the smoke test asserts these): name → value. */
  checks?: Record<string, unknown>;
}

/** A figure with a goal: met when `ok(value)`. */
export function goalFigure(
  name: string,
  value: number | null,
  unit: string,
  goal: string,
  ok: (v: number) => boolean,
  extra: Partial<Pick<Figure, 'baseline' | 'ratio' | 'note'>> = {},
): Figure {
  const measured = value !== null && Number.isFinite(value);
  return { name, value: measured ? value : null, unit, goal, ...extra, met: measured && ok(value) };
}

/** A figure without a goal in the issue: met when measured. */
export function referenceFigure(
  name: string,
  value: number | null,
  unit: string,
  extra: Partial<Pick<Figure, 'baseline' | 'ratio' | 'note'>> = {},
): Figure {
  const measured = value !== null && Number.isFinite(value);
  return { name, value: measured ? value : null, unit, goal: 'reference', ...extra, met: measured };
}

/** A figure that could not be measured in this run, with the reason. */
export function notMeasured(name: string, unit: string, goal: string, reason: string): Figure {
  return { name, value: null, unit, goal, met: false, note: `not measured: ${reason}` };
}
