/**
 * One period of the entry grid: its inputs (checked as typed, "7,36" and "7.36"), vintage, note, status and
 * panel; the figures the engine derives from what is typed (Q2 from H1 and Q1, …) shown in the empty cells.
 */
import {
  ACTUAL_GROWTH_RANGE,
  type Actual,
  actualTable,
  formatNumber,
  isActualValue,
  keyLabel,
  type Lang,
  type Period,
  periodLabel,
  sectorNames,
  VINTAGES,
  type Vintage,
} from '@grdp/engine';
import type { ScenarioData } from '../../api.ts';
import { h, parseGrowth } from '../../dom.ts';
import { t } from '../../i18n/index.ts';

export interface Row {
  period: Period;
  etag: string | undefined;
  fromFile: boolean;
  /** The scenario file's own figures of this period (the first figures the app showed), if any. */
  fileActual: Actual | undefined;
  inputs: Record<string, HTMLInputElement>;
  derived: Record<string, HTMLElement>;
  errors: Record<string, HTMLElement>;
  vintage: HTMLSelectElement;
  note: HTMLInputElement;
  status: HTMLElement;
  panel: HTMLElement;
}

export function makeRow(data: ScenarioData, period: Period, keys: string[], lang: Lang): Row {
  const entered = data.entered.find((a) => a.period === period);
  const fileActual = [...data.stored.scenario.actuals].reverse().find((a) => a.period === period);
  const source: { values: Record<string, number>; vintage: Vintage; note?: string | null } | undefined =
    entered ?? fileActual;
  const inputs: Record<string, HTMLInputElement> = {};
  const derived: Record<string, HTMLElement> = {};
  const errors: Record<string, HTMLElement> = {};
  for (const key of keys) {
    const errId = `err-${period}-${key}`;
    const input = h('input', {
      type: 'text',
      inputmode: 'decimal',
      autocomplete: 'off',
      id: `in-${period}-${key}`,
      class: 'num',
      size: 6,
      'aria-label': `${periodLabel(period, lang)}, ${keyLabel(key, lang, sectorNames(data.scenario))}`,
      'aria-describedby': `${errId} der-${period}-${key}`,
      dataset: { period, key },
    });
    const v = source?.values[key];
    if (v !== undefined) input.value = formatNumber(v, lang, decimals(v));
    inputs[key] = input;
    derived[key] = h('span', { class: 'derived', id: `der-${period}-${key}` });
    errors[key] = h('span', { class: 'field-error', id: errId, role: 'alert' });
  }
  const vintage = h(
    'select',
    { 'aria-label': `${periodLabel(period, lang)}: ${t('vintage')}`, class: 'vintage' },
    VINTAGES.map((v) => h('option', { value: v, selected: (source?.vintage ?? 'estimate') === v }, t(v))),
  );
  const note = h('input', {
    type: 'text',
    class: 'note',
    'aria-label': `${periodLabel(period, lang)}: ${t('note')}`,
    maxlength: 2000,
  });
  note.value = source?.note ?? '';
  return {
    period,
    etag: entered?.etag,
    fromFile: !entered && fileActual !== undefined,
    fileActual,
    inputs,
    derived,
    errors,
    vintage,
    note,
    status: h('span', { class: 'status', role: 'status', 'aria-live': 'polite' }),
    panel: h('div', { class: 'panel' }),
  };
}

/** Enough decimals to show a stored figure exactly (up to 4). */
export function decimals(v: number): number {
  for (let d = 2; d < 4; d++) if (Math.abs(Number(v.toFixed(d)) - v) < 1e-9) return d;
  return 4;
}

/** The out-of-range message, with the bounds of the engine's one actual-value rule written the reader's way. */
export function outOfRangeText(lang: Lang): string {
  return t('outOfRange', lang)
    .replace('{min}', formatNumber(ACTUAL_GROWTH_RANGE.exclusiveMinimum, lang, 0))
    .replace('{max}', formatNumber(ACTUAL_GROWTH_RANGE.maximum, lang, 0));
}

export function validate(row: Row, key: string, lang: Lang): number | null | undefined {
  const input = row.inputs[key]!;
  const value = parseGrowth(input.value);
  let message = '';
  if (value === null) message = t('invalidNumber', lang);
  else if (value !== undefined && !isActualValue(value)) message = outOfRangeText(lang);
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  row.errors[key]!.textContent = message;
  return message ? null : value;
}

export function typedValues(row: Row, keys: string[]): { values: Record<string, number>; invalid: boolean } {
  const values: Record<string, number> = {};
  let invalid = false;
  for (const key of keys) {
    const v = parseGrowth(row.inputs[key]!.value);
    if (v === null || (v !== undefined && !isActualValue(v))) invalid = true;
    else if (v !== undefined) values[key] = v;
  }
  return { values, invalid };
}

/** Derived figures of what is typed now, shown in the empty cells (engine `actualTable`). */
export function deriveInto(data: ScenarioData, rows: Row[], keys: string[], lang: Lang): void {
  const actuals: Actual[] = [];
  for (const row of rows) {
    const { values } = typedValues(row, keys);
    if (Object.keys(values).length > 0)
      actuals.push({ period: row.period, vintage: row.vintage.value as Vintage, values });
  }
  let figures: ReturnType<typeof actualTable>['figures'] = [];
  try {
    figures = actualTable({ sectors: data.scenario.sectors, actuals }, data.base).figures;
  } catch {
    figures = [];
  }
  for (const row of rows)
    for (const key of keys) {
      const typed = row.inputs[key]!.value.trim() !== '';
      const f = figures.find((x) => x.period === row.period && x.key === key && x.derived);
      const el = row.derived[key]!;
      el.textContent = !typed && f ? `≈ ${formatNumber(f.value, lang)} (${t('derived', lang)})` : '';
      row.inputs[key]!.placeholder = !typed && f ? formatNumber(f.value, lang) : '';
    }
}
