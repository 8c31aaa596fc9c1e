import { formatBand, formatPercent, keyLabel, VINTAGES, type Vintage } from '@grdp/engine';
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { alignToPeriods, growthLineChart, resolve, viewPeriods } from '../common.ts';
import { t } from '../i18n.ts';
import { VINTAGE_POINT_STYLES } from '../theme.ts';
import type { BandChartInput, ViewChartOptions } from '../types.ts';

export type LineChartConfig = ChartConfiguration<'line', (number | null)[], string>;

/** What each dataset of a band chart shows, in dataset order (for tooltips and tests). */
export type BandDatasetRole = 'low' | 'high' | Vintage | 'earlierLow' | 'earlierHigh';

/**
 * Growth against the target band: the band is the area between a low and a high line (Chart.js `fill: '-1'`),
 * actuals are points, one dataset per vintage present (estimate ● , revised ▲, official ◆); derived figures
 * are hollow. Datasets: [low, high, …vintages in VINTAGES order], then, with `input.earlier`, an earlier version's
 * band drawn faintly behind (dashed edges, pale fill): [earlierLow, earlierHigh].
 */
export function bandChart(input: BandChartInput, opts: ViewChartOptions = {}): LineChartConfig {
  const r = resolve(opts);
  const view = opts.view ?? 'quarterly';
  const periods = viewPeriods(view);
  const low = alignToPeriods(periods, input.bands, (b) => b.low);
  const high = alignToPeriods(periods, input.bands, (b) => b.high);
  const roles: BandDatasetRole[] = ['low', 'high'];
  const derivedFlags: boolean[][] = [[], []];
  const datasets: ChartDataset<'line', (number | null)[]>[] = [
    {
      label: t('targetLow', r.lang),
      data: low,
      borderColor: r.theme.bandBorder,
      borderWidth: 1,
      backgroundColor: r.theme.bandFill,
      pointRadius: 0,
      pointHoverRadius: 0,
      fill: false,
      spanGaps: false,
      order: 2,
    },
    {
      label: t('targetBand', r.lang),
      data: high,
      borderColor: r.theme.bandBorder,
      borderWidth: 1,
      backgroundColor: r.theme.bandFill,
      pointRadius: 0,
      pointHoverRadius: 0,
      pointStyle: 'rect',
      fill: '-1',
      spanGaps: false,
      order: 2,
    },
  ];
  for (const vintage of VINTAGES) {
    const points = input.actuals.filter((a) => a.vintage === vintage && periods.includes(a.period));
    if (points.length === 0) continue;
    const data = alignToPeriods(periods, points, (a) => a.value);
    const derived = periods.map((p) => points.filter((a) => a.period === p).at(-1)?.derived === true);
    const colour = r.theme.vintage[vintage];
    roles.push(vintage);
    derivedFlags.push(derived);
    datasets.push({
      label: t(vintage, r.lang),
      data,
      showLine: false,
      borderColor: colour,
      backgroundColor: colour,
      pointStyle: VINTAGE_POINT_STYLES[vintage],
      pointRadius: 6,
      pointHoverRadius: 8,
      pointBorderWidth: 2,
      pointBorderColor: colour,
      pointBackgroundColor: derived.map((d) => (d ? r.theme.background : colour)),
      fill: false,
      order: 0,
    });
  }
  const earlierLow = input.earlier ? alignToPeriods(periods, input.earlier.bands, (b) => b.low) : [];
  const earlierHigh = input.earlier ? alignToPeriods(periods, input.earlier.bands, (b) => b.high) : [];
  if (input.earlier) {
    const faint = {
      borderColor: r.theme.earlierBandBorder,
      borderWidth: 1,
      borderDash: [4, 3],
      backgroundColor: r.theme.earlierBandFill,
      pointRadius: 0,
      pointHoverRadius: 0,
      spanGaps: false,
      order: 3,
    };
    roles.push('earlierLow', 'earlierHigh');
    derivedFlags.push([], []);
    datasets.push(
      { ...faint, label: `${input.earlier.label} (${t('targetLow', r.lang)})`, data: earlierLow, fill: false },
      { ...faint, label: input.earlier.label, data: earlierHigh, pointStyle: 'rect', fill: '-1' },
    );
  }
  const title =
    input.title ??
    `${keyLabel(input.key, r.lang, opts.names)} — ${t(view === 'cumulative' ? 'cumulative' : 'quarterly', r.lang)}`;
  return growthLineChart(r, title, view, {
    datasets,
    inLegend: (i) => roles[i] !== 'low' && roles[i] !== 'earlierLow',
    inTooltip: (i) => roles[i] !== 'low' && roles[i] !== 'earlierLow',
    label: (item: TooltipItem<'line'>) => {
      const role = roles[item.datasetIndex];
      const i = item.dataIndex;
      if (role === 'high') {
        const lo = low[i];
        const hi = high[i];
        return lo == null || hi == null ? '' : `${t('targetBand', r.lang)}: ${formatBand(lo, hi, r.lang, r.digits)}`;
      }
      if (role === 'earlierHigh') {
        const lo = earlierLow[i];
        const hi = earlierHigh[i];
        return lo == null || hi == null ? '' : `${input.earlier?.label ?? ''}: ${formatBand(lo, hi, r.lang, r.digits)}`;
      }
      const v = item.parsed.y;
      const hollow = derivedFlags[item.datasetIndex]?.[i] === true;
      return `${item.dataset.label ?? ''}: ${formatPercent(v, r.lang, r.digits)}${hollow ? ` (${t('derived', r.lang)})` : ''}`;
    },
  });
}
