/**
 * The dashboard's scenario versions (initial, adjusted in June, adjusted in August…): a selector "compare with
 * version…" that draws the chosen version's band faintly behind each band chart (through @grdp/charts), and a
 * card listing the versions with, when one is chosen, its bands and the current ones side by side (the API's
 * compare route: the engine's compareVersions).
 */
import { formatBand, formatNumber, isPeriod, keyLabel, type Lang, periodLabel, type Scenario } from '@grdp/engine';
import { api, type ScenarioVersionInfo } from '../../api.ts';
import { h } from '../../dom.ts';
import { formatDate, formatDateTime } from '../../format-date.ts';
import { t } from '../../i18n/index.ts';
import { namesOf } from '../../model.ts';

/** "Phiên bản 2 · adjusted-Q2 · 2023-07-15" / "Version 2 · …". */
export function versionName(v: ScenarioVersionInfo, lang: Lang): string {
  return [`${t('versionN', lang)} ${v.number}`, v.label, v.date].filter(Boolean).join(' · ');
}

/** The versions, oldest first; none when the list cannot be read (the dashboard works without it). */
export async function loadVersions(id: string): Promise<ScenarioVersionInfo[]> {
  return api.listVersions(id).catch(() => []);
}

/** The earlier version asked for by `?compare=N` (not the current one), with its content; else undefined. */
export async function loadEarlier(
  id: string,
  versions: readonly ScenarioVersionInfo[],
  compare: string | null,
  lang: Lang,
): Promise<{ info: ScenarioVersionInfo; label: string; scenario: Scenario } | undefined> {
  const info = versions.find((v) => String(v.number) === compare && !v.current);
  if (!info) return undefined;
  const stored = await api.getVersion(id, info.number).catch(() => undefined);
  return stored && { info, label: versionName(info, lang), scenario: stored.scenario };
}

/** The selector; absent when the scenario has a single version. */
export function versionSelector(
  versions: readonly ScenarioVersionInfo[],
  selected: number | undefined,
  onChange: (value: string) => void,
  lang: Lang,
): HTMLElement | null {
  const earlier = versions.filter((v) => !v.current);
  if (earlier.length === 0) return null;
  return h(
    'label',
    { class: 'inline no-print' },
    `${t('compareWithVersion', lang)} `,
    h(
      'select',
      { id: 'compare-version', onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
      h('option', { value: '', selected: selected === undefined }, t('noComparison', lang)),
      earlier.map((v) =>
        h('option', { value: String(v.number), selected: v.number === selected }, versionName(v, lang)),
      ),
    ),
  );
}

/** The versions card: the list, then (with an earlier version chosen) both versions' bands side by side. */
export async function versionsSection(
  id: string,
  scenario: Scenario,
  versions: readonly ScenarioVersionInfo[],
  earlier: ScenarioVersionInfo | undefined,
  lang: Lang,
): Promise<HTMLElement | null> {
  if (versions.length === 0) return null;
  const byNumber = new Map(versions.map((v) => [v.number, v]));
  const list = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data', id: 'version-list' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['versionN', 'versionLabel', 'versionIssued', 'versionStored', 'versionAuthor', 'versionAdjusts', 'note'].map(
            (k) => h('th', { scope: 'col' }, t(k as never, lang)),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        versions.map((v) =>
          h(
            'tr',
            { dataset: { version: String(v.number) }, class: v.current ? 'current' : '' },
            h('td', null, v.current ? `${v.number} (${t('versionCurrent', lang)})` : String(v.number)),
            h('td', null, v.label ?? '–'),
            h('td', null, v.date ? formatDate(v.date, lang) : '–'),
            h('td', null, formatDateTime(v.createdAt, lang)),
            // The server's first start stores the repository's files as 'seed'.
            h('td', null, v.author === 'seed' ? t('seedAuthor', lang) : v.author),
            h(
              'td',
              null,
              v.parent === null
                ? '–'
                : versionName(byNumber.get(v.parent) ?? { ...v, number: v.parent, label: null, date: null }, lang),
            ),
            h('td', null, v.note ?? ''),
          ),
        ),
      ),
    ),
  );
  const current = versions.find((v) => v.current);
  let differences: HTMLElement | null = null;
  if (earlier && current) {
    const c = await api.compareVersions(id, earlier.number, current.number).catch(() => undefined);
    if (c) {
      const names = namesOf(scenario);
      const band = (b: { low: number; high: number } | null | undefined) => (b ? formatBand(b.low, b.high, lang) : '–');
      const signed = (v: number) => `${v > 0 ? '+' : ''}${formatNumber(v, lang)}`;
      const moved = (ch: { low: number; high: number } | null | undefined) =>
        ch ? `${signed(ch.low)}; ${signed(ch.high)}` : '–';
      differences = h(
        'div',
        { class: 'table-wrap' },
        h(
          'h3',
          null,
          `${t('versionDifferences', lang)}: ${versionName(earlier, lang)} → ${versionName(current, lang)}`,
        ),
        h(
          'table',
          { class: 'data', id: 'version-differences' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, t('period', lang)),
              h('th', { scope: 'col' }, t('versionKey', lang)),
              h('th', { scope: 'col' }, `${t('versionN', lang)} ${earlier.number}`),
              h('th', { scope: 'col' }, `${t('versionN', lang)} ${current.number}`),
              h('th', { scope: 'col' }, `${t('versionChange', lang)} (${t('pp', lang)})`),
            ),
          ),
          h(
            'tbody',
            null,
            c.comparison.cells.map((cell) => {
              const change = cell.change[0];
              const changed = change !== null && change !== undefined && (change.low !== 0 || change.high !== 0);
              return h(
                'tr',
                { class: changed ? 'changed' : '', dataset: { period: cell.period, key: cell.key } },
                h('th', { scope: 'row' }, isPeriod(cell.period) ? periodLabel(cell.period, lang) : cell.period),
                h('td', null, keyLabel(cell.key, lang, names)),
                h('td', null, band(cell.bands[0])),
                h('td', null, band(cell.bands[1])),
                h('td', null, changed ? moved(change) : t('versionSame', lang)),
              );
            }),
          ),
        ),
      );
    }
  }
  return h(
    'section',
    { class: 'card wide', id: 'versions', 'aria-label': t('versions', lang) },
    h('h2', null, t('versions', lang)),
    list,
    differences,
  );
}
