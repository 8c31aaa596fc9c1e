import { formatPercent, keyLabel } from '@grdp/engine';
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { alignToPeriods, axes, baseOptions, resolve, viewLabels, viewPeriods } from '../common.ts';
import { t } from '../i18n.ts';
import { sectorColour } from '../theme.ts';
import type { ContributionsChartInput, ViewChartOptions } from '../types.ts';

export type ContributionsChartConfig = ChartConfiguration<'bar' | 'line', (number | null)[], string>;

/**
 * Contributions of the sectors to growth (pp) as stacked bars per period, with the total growth (%) as a line
 * over them. Datasets: [one bar per sector in input order (stack 'sectors'), total line (stack 'total')].
 * Positive and negative contributions stack on their own sides of zero.
 */
export function contributionsChart(
  input: ContributionsChartInput,
  opts: ViewChartOptions = {},
): ContributionsChartConfig {
  const r = resolve(opts);
  const view = opts.view ?? 'quarterly';
  const periods = viewPeriods(view);
  const datasets: ChartDataset<'bar' | 'line', (number | null)[]>[] = input.sectors.map((s, i) => {
    const colour = sectorColour(r.theme, s.key, i);
    return {
      type: 'bar' as const,
      label: s.label ?? keyLabel(s.key, r.lang, opts.names),
      data: alignToPeriods(periods, input.rows, (row) => row.contributions[s.key] ?? Number.NaN),
      backgroundColor: colour,
      borderColor: r.theme.background,
      borderWidth: 1,
      stack: 'sectors',
      order: 1,
    };
  });
  datasets.push({
    type: 'line' as const,
    label: t('totalGrowth', r.lang),
    data: alignToPeriods(periods, input.rows, (row) => row.total),
    borderColor: r.theme.emphasis,
    backgroundColor: r.theme.emphasis,
    borderWidth: 2,
    pointStyle: 'circle',
    pointRadius: 4,
    fill: false,
    stack: 'total',
    order: 0,
  });
  const totalIndex = datasets.length - 1;
  const title =
    input.title ?? `${t('contributions', r.lang)} — ${t(view === 'cumulative' ? 'cumulative' : 'quarterly', r.lang)}`;
  const base = baseOptions(r, title);
  const scales = axes(r, t('contributionAxis', r.lang), true);
  return {
    type: 'bar',
    data: { labels: viewLabels(view, r.lang), datasets },
    options: {
      ...base,
      scales: { x: { ...scales.x, stacked: true }, y: { ...scales.y, stacked: true } },
      plugins: {
        ...base.plugins,
        tooltip: {
          ...base.plugins.tooltip,
          callbacks: {
            label: (item: TooltipItem<'bar' | 'line'>) => {
              const v = item.parsed.y;
              const text = formatPercent(v, r.lang, r.digits);
              // Contributions are in percentage points, the total in %.
              const unit =
                item.datasetIndex === totalIndex
                  ? text
                  : `${text.replace(/%$/, '')} ${r.lang === 'vi' ? 'điểm %' : 'pp'}`;
              return `${item.dataset.label ?? ''}: ${unit}`;
            },
          },
        },
      },
    },
  };
}
