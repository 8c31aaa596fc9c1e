/**
 * The shock grid: for each sector and quarter a number input (pp) and a slider, kept in step. On a phone the
 * table stacks (CSS `.stack`): one sector at a time, each quarter labelled, so nothing scrolls sideways.
 */
import { keyLabel, type Lang, periodLabel, QUARTERS } from '@grdp/engine';
import { h } from '../../dom.ts';
import { t } from '../../i18n/index.ts';

const RANGE = 10;

export interface ShockGrid {
  element: HTMLElement;
  /** Sets every input to 0 (the state is the caller's). */
  reset(): void;
}

export function shockGrid(
  sectors: readonly string[],
  names: Record<string, { vi: string; en: string }>,
  shocks: Record<string, number>,
  lang: Lang,
  changed: (key: string, value: number) => void,
): ShockGrid {
  const inputs: { num: HTMLInputElement; range: HTMLInputElement }[] = [];
  const cell = (s: string, q: (typeof QUARTERS)[number]) => {
    const key = `${s}.${q}`;
    const label = `${keyLabel(s, lang, names)}, ${periodLabel(q, lang)} (${t('pp', lang)})`;
    const value = String(shocks[key] ?? 0);
    const num = h('input', {
      type: 'number',
      step: '0.1',
      min: -100,
      max: 100,
      id: `shock-${s}-${q}`,
      class: 'num',
      'aria-label': label,
      value,
    });
    const range = h('input', {
      type: 'range',
      step: '0.1',
      min: -RANGE,
      max: RANGE,
      'aria-label': label,
      value,
      tabindex: '-1',
    });
    const send = (text: string) => {
      const v = Number(text);
      if (Number.isFinite(v)) changed(key, v);
    };
    num.addEventListener('input', () => {
      range.value = num.value;
      send(num.value);
    });
    range.addEventListener('input', () => {
      num.value = range.value;
      send(range.value);
    });
    inputs.push({ num, range });
    return h('td', { class: 'shock', dataset: { label: periodLabel(q, lang) } }, num, range);
  };
  const element = h(
    'table',
    { class: 'data shock-grid stack', id: 'shock-grid' },
    h('caption', null, t('shock', lang)),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, ''),
        QUARTERS.map((q) => h('th', { scope: 'col' }, periodLabel(q, lang))),
      ),
    ),
    h(
      'tbody',
      null,
      sectors.map((s) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, keyLabel(s, lang, names)),
          QUARTERS.map((q) => cell(s, q)),
        ),
      ),
    ),
  );
  return {
    element,
    reset() {
      for (const { num, range } of inputs) {
        num.value = '0';
        range.value = '0';
      }
    },
  };
}
