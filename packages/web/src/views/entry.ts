/**
 * Actuals entry: a grid of periods × keys, checked as typed ("7,36" and "7.36"), with the figures the engine
 * derives from what is typed (Q2 from H1 and Q1, …) shown in the empty cells. Saving a period is a PUT with
 * If-Match; on 409/428 both versions are shown and the user chooses. Each period's revisions (every cell's
 * history) come from GET …/history.
 */
import {
  type Actual,
  actualTable,
  formatNumber,
  isActualValue,
  keyLabel,
  type Lang,
  PERIODS,
  type Period,
  periodLabel,
  VINTAGES,
  type Vintage,
} from '@grdp/engine';
import { type ActualRevision, ApiError, api, loadScenarioData, type ScenarioData, tokens } from '../api.ts';
import { h, mount, parseGrowth } from '../dom.ts';
import { getLang, t } from '../i18n/index.ts';
import { keysOf, namesOf } from '../model.ts';
import type { ViewContext } from '../view-context.ts';

interface Row {
  period: Period;
  etag: string | undefined;
  fromFile: boolean;
  inputs: Record<string, HTMLInputElement>;
  derived: Record<string, HTMLElement>;
  errors: Record<string, HTMLElement>;
  vintage: HTMLSelectElement;
  note: HTMLInputElement;
  status: HTMLElement;
  panel: HTMLElement;
}

export async function renderEntry(ctx: ViewContext): Promise<void> {
  if (ctx.route.name !== 'entry') return;
  const id = ctx.route.id;
  const data = await loadScenarioData(id);
  const lang = getLang();
  const keys = keysOf(data.scenario);
  const names = namesOf(data.scenario);
  const rows = PERIODS.map((period) => makeRow(data, period, keys, lang));

  const recompute = () => deriveInto(data, rows, keys, lang);
  for (const row of rows)
    for (const key of keys)
      row.inputs[key]!.addEventListener('input', () => {
        validate(row, key, lang);
        recompute();
      });
  recompute();

  const grid = h(
    'table',
    { class: 'data entry-grid', id: 'entry-grid' },
    h('caption', null, t('entryTitle')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('period')),
        keys.map((k) => h('th', { scope: 'col' }, keyLabel(k, lang, names))),
        h('th', { scope: 'col' }, t('vintage')),
        h('th', { scope: 'col' }, t('note')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('save'))),
      ),
    ),
    rows.map((row) =>
      h(
        'tbody',
        { dataset: { period: row.period } },
        h(
          'tr',
          null,
          h(
            'th',
            { scope: 'row' },
            periodLabel(row.period, lang),
            row.fromFile && h('span', { class: 'badge' }, t('fromFile')),
          ),
          keys.map((k) => h('td', { class: 'cell' }, row.inputs[k], row.derived[k], row.errors[k])),
          h('td', null, row.vintage),
          h('td', null, row.note),
          h(
            'td',
            { class: 'actions' },
            h(
              'button',
              { type: 'button', class: 'save', onclick: () => void save(ctx, data, row, keys, lang) },
              t('save'),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'history',
                'aria-expanded': 'false',
                onclick: (e: Event) => void toggleHistory(e, id, row, keys, lang, names),
              },
              t('history'),
            ),
            row.status,
          ),
        ),
        h('tr', { class: 'panel-row' }, h('td', { colspan: String(keys.length + 4) }, row.panel)),
      ),
    ),
  );

  mount(
    ctx.main,
    h('h1', null, `${t('entryTitle')} — ${data.scenario.title[lang]}`),
    tokenForm(ctx),
    h('p', { class: 'help', id: 'entry-help' }, t('entryHelp')),
    h('div', { class: 'table-wrap' }, grid),
    importForm(id, lang),
  );
}

function makeRow(data: ScenarioData, period: Period, keys: string[], lang: Lang): Row {
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
      'aria-label': `${periodLabel(period, lang)}, ${key}`,
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
function decimals(v: number): number {
  for (let d = 2; d < 4; d++) if (Math.abs(Number(v.toFixed(d)) - v) < 1e-9) return d;
  return 4;
}

function validate(row: Row, key: string, lang: Lang): number | null | undefined {
  const input = row.inputs[key]!;
  const value = parseGrowth(input.value);
  let message = '';
  if (value === null) message = t('invalidNumber', lang);
  else if (value !== undefined && !isActualValue(value)) message = t('outOfRange', lang);
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  row.errors[key]!.textContent = message;
  return message ? null : value;
}

function typedValues(row: Row, keys: string[]): { values: Record<string, number>; invalid: boolean } {
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
function deriveInto(data: ScenarioData, rows: Row[], keys: string[], lang: Lang): void {
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

async function save(ctx: ViewContext, data: ScenarioData, row: Row, keys: string[], lang: Lang): Promise<void> {
  const id = data.stored.id;
  for (const key of keys) validate(row, key, lang);
  const { values, invalid } = typedValues(row, keys);
  if (invalid) return;
  if (Object.keys(values).length === 0) {
    row.status.textContent = t('nothingToSave', lang);
    return;
  }
  const token = tokens.get('editor');
  if (!token) {
    row.status.textContent = t('needToken', lang);
    document.getElementById('editor-token')?.focus();
    return;
  }
  const body = {
    values,
    vintage: row.vintage.value as Vintage,
    ...(row.note.value.trim() && { note: row.note.value.trim() }),
  };
  row.status.textContent = t('saving', lang);
  try {
    const rev = await api.putActual(id, row.period, body, token, row.etag);
    row.etag = rev.etag;
    row.status.textContent = `${t('saved', lang)} (${t('revision', lang)} ${rev.revision})`;
    row.panel.replaceChildren();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 409 || e.status === 428)) {
      const theirs = await api.getActual(id, row.period);
      row.status.textContent = '';
      showConflict(ctx, data, row, keys, lang, values, theirs);
      return;
    }
    row.status.textContent = e instanceof ApiError ? `${e.status} ${e.code}: ${e.message}` : String(e);
  }
}

function showConflict(
  ctx: ViewContext,
  data: ScenarioData,
  row: Row,
  keys: string[],
  lang: Lang,
  mine: Record<string, number>,
  theirs: ActualRevision,
): void {
  const names = namesOf(data.scenario);
  const when = new Date(theirs.createdAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const cell = (v: number | undefined) => h('td', null, v === undefined ? '–' : formatNumber(v, lang, decimals(v)));
  mount(
    row.panel,
    h(
      'section',
      { class: 'conflict', role: 'alert', 'aria-labelledby': `conflict-${row.period}` },
      h('h3', { id: `conflict-${row.period}` }, `${t('conflictTitle', lang)} — ${periodLabel(row.period, lang)}`),
      h('p', null, t('conflictHelp', lang)),
      h(
        'table',
        { class: 'data conflict-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, ''),
            h('th', { scope: 'col' }, t('yours', lang)),
            h(
              'th',
              { scope: 'col' },
              `${t('theirs', lang)} (${theirs.author}, ${when}, ${t('revision', lang)} ${theirs.revision})`,
            ),
          ),
        ),
        h(
          'tbody',
          null,
          keys.map((k) =>
            h(
              'tr',
              { dataset: { key: k } },
              h('th', { scope: 'row' }, keyLabel(k, lang, names)),
              cell(mine[k]),
              cell(theirs.values[k]),
            ),
          ),
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, t('vintage', lang)),
            h('td', null, t(row.vintage.value as Vintage, lang)),
            h('td', null, t(theirs.vintage, lang)),
          ),
        ),
      ),
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          {
            type: 'button',
            class: 'keep-mine',
            onclick: () => {
              row.etag = theirs.etag;
              void save(ctx, data, row, keys, lang);
            },
          },
          t('keepMine', lang),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'take-theirs',
            onclick: () => {
              row.etag = theirs.etag;
              for (const k of keys) {
                const v = theirs.values[k];
                row.inputs[k]!.value = v === undefined ? '' : formatNumber(v, lang, decimals(v));
              }
              row.vintage.value = theirs.vintage;
              row.note.value = theirs.note ?? '';
              row.panel.replaceChildren();
              row.status.textContent = `${t('theirs', lang)} (${t('revision', lang)} ${theirs.revision})`;
              row.inputs[keys[0]!]!.dispatchEvent(new Event('input'));
            },
          },
          t('takeTheirs', lang),
        ),
      ),
    ),
  );
  row.panel.querySelector<HTMLButtonElement>('.keep-mine')?.focus();
}

async function toggleHistory(
  e: Event,
  id: string,
  row: Row,
  keys: string[],
  lang: Lang,
  names: Record<string, { vi: string; en: string }>,
): Promise<void> {
  const button = e.currentTarget as HTMLButtonElement;
  if (button.getAttribute('aria-expanded') === 'true') {
    button.setAttribute('aria-expanded', 'false');
    button.textContent = t('history', lang);
    row.panel.replaceChildren();
    return;
  }
  const revisions = await api.history(id, row.period);
  button.setAttribute('aria-expanded', 'true');
  button.textContent = t('hideHistory', lang);
  if (revisions.length === 0) {
    mount(row.panel, h('p', { class: 'history-empty' }, t('noHistory', lang)));
    return;
  }
  mount(
    row.panel,
    h(
      'table',
      { class: 'data history-table', dataset: { period: row.period } },
      h('caption', null, `${t('history', lang)} — ${periodLabel(row.period, lang)}`),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [t('revision', lang), t('time', lang), t('author', lang), t('vintage', lang)].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
          keys.map((k) => h('th', { scope: 'col' }, keyLabel(k, lang, names))),
          h('th', { scope: 'col' }, t('note', lang)),
        ),
      ),
      h(
        'tbody',
        null,
        [...revisions].reverse().map((r) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, String(r.revision)),
            h('td', null, new Date(r.createdAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')),
            h('td', null, r.author),
            h('td', null, t(r.vintage, lang)),
            keys.map((k) => {
              const v = r.values[k];
              const before = r.previousValues?.[k];
              const changed = before !== undefined && before !== v;
              return h(
                'td',
                { class: changed ? 'changed' : '' },
                v === undefined ? '–' : formatNumber(v, lang, decimals(v)),
                changed ? h('span', { class: 'was' }, ` (${formatNumber(before, lang, decimals(before))})`) : '',
              );
            }),
            h('td', null, r.note ?? ''),
          ),
        ),
      ),
    ),
  );
}

function tokenForm(ctx: ViewContext): HTMLElement {
  const status = h('span', { role: 'status', class: 'status' });
  const input = h('input', { type: 'password', id: 'editor-token', autocomplete: 'off' });
  input.value = tokens.get('editor') ?? '';
  return h(
    'form',
    {
      class: 'token no-print',
      onsubmit: (e: Event) => {
        e.preventDefault();
        if (input.value.trim()) tokens.set('editor', input.value);
        status.textContent = t('saved');
      },
    },
    h('label', { for: 'editor-token' }, t('editorToken')),
    input,
    h('button', { type: 'submit', id: 'token-save' }, t('save')),
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          tokens.clear('editor');
          input.value = '';
          ctx.refresh();
        },
      },
      t('forgetToken'),
    ),
    status,
    h('span', { class: 'help' }, t('tokenKept')),
  );
}

function importForm(id: string, lang: Lang): HTMLElement {
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,.xlsx,text/csv' });
  const answer = h('div', { id: 'import-answer', role: 'status', 'aria-live': 'polite' });
  return h(
    'form',
    {
      class: 'card import no-print',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const f = file.files?.[0];
        const token = tokens.get('editor');
        if (!f) return;
        if (!token) {
          answer.textContent = t('needToken', lang);
          return;
        }
        try {
          const res = await api.importActuals(id, f, token);
          answer.textContent = `${t('serverAnswer', lang)}: ${res.status} ${JSON.stringify(res.data)}`;
        } catch (err) {
          answer.textContent =
            err instanceof ApiError
              ? `${t('serverAnswer', lang)}: ${err.status} ${err.code} — ${err.message}`
              : String(err);
        }
      },
    },
    h('h2', null, t('importTitle', lang)),
    h('label', null, t('file', lang), file),
    h('button', { type: 'submit' }, t('importSend', lang)),
    answer,
  );
}
