import { formatBand, formatPercent, keyLabel } from '@grdp/engine';
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { alignToPeriods, growthLineChart, resolve, viewPeriods } from '../common.ts';
import { type MessageKey, t } from '../i18n.ts';
import { type FanChartInput, QUANTILE_KEYS, type QuantileKey, type ViewChartOptions } from '../types.ts';

export type FanChartConfig = ChartConfiguration<'line', (number | null)[], string>;

/** Fan ring of each quantile's fill (to the quantile before it): 0 outer (5–10, 90–95) … 2 inner (25–75). */
const RING: Record<QuantileKey, number | null> = { p5: null, p10: 0, p25: 1, p50: 2, p75: 2, p90: 1, p95: 0 };
/** The legend entry each ring gets, on the upper quantile only. */
const LEGEND: Partial<Record<QuantileKey, MessageKey>> = {
  p50: 'median',
  p75: 'interval50',
  p90: 'interval80',
  p95: 'interval90',
};

/**
 * A quantile fan: datasets p5, p10, p25, p50, p75, p90, p95 in that order, each filled down to the one before
 * (nested bands: lightest 5–10 and 90–95, darkest 25–75), the median drawn as a line; then the target band's
 * low and high as dashed lines (when given).
 */
export function fanChart(input: FanChartInput, opts: ViewChartOptions = {}): FanChartConfig {
  const r = resolve(opts);
  const view = opts.view ?? 'quarterly';
  const periods = viewPeriods(view);
  const datasets: ChartDataset<'line', (number | null)[]>[] = QUANTILE_KEYS.map((q) => {
    const ring = RING[q];
    const fillColour = ring === null ? 'rgba(0, 0, 0, 0)' : r.theme.fanFills[ring]!;
    const median = q === 'p50';
    const legendKey = LEGEND[q];
    return {
      label: legendKey ? t(legendKey, r.lang) : q.toUpperCase(),
      data: alignToPeriods(periods, input.quantiles, (p) => p[q]),
      borderColor: median ? r.theme.fanMedian : 'rgba(0, 0, 0, 0)',
      borderWidth: median ? 2 : 0,
      backgroundColor: fillColour,
      pointRadius: median ? 3 : 0,
      pointBackgroundColor: median ? r.theme.fanMedian : fillColour,
      pointBorderColor: median ? r.theme.fanMedian : fillColour,
      pointStyle: median ? 'line' : 'rect',
      fill: ring === null ? false : '-1',
      order: median ? 1 : 2,
    };
  });
  if (input.bands && input.bands.length > 0) {
    const common = {
      borderColor: r.theme.target,
      backgroundColor: r.theme.target,
      borderWidth: 2,
      borderDash: [6, 4],
      pointRadius: 0,
      pointStyle: 'line' as const,
      fill: false,
      order: 0,
    };
    datasets.push(
      { ...common, label: t('targetLow', r.lang), data: alignToPeriods(periods, input.bands, (b) => b.low) },
      { ...common, label: t('targetBand', r.lang), data: alignToPeriods(periods, input.bands, (b) => b.high) },
    );
  }
  const lowIndex = QUANTILE_KEYS.length;
  const hasBands = datasets.length > lowIndex;
  const shown = (i: number) => (i < lowIndex ? LEGEND[QUANTILE_KEYS[i]!] !== undefined : i === lowIndex + 1);
  const title = input.title ?? `${t('fan', r.lang)}: ${keyLabel(input.key, r.lang, opts.names)}`;
  return growthLineChart(r, title, view, {
    datasets,
    inLegend: shown,
    inTooltip: (i) => i !== lowIndex,
    label: (item: TooltipItem<'line'>) => {
      if (hasBands && item.datasetIndex === lowIndex + 1) {
        const lo = datasets[lowIndex]?.data[item.dataIndex];
        const hi = datasets[lowIndex + 1]?.data[item.dataIndex];
        if (typeof lo === 'number' && typeof hi === 'number')
          return `${t('targetBand', r.lang)}: ${formatBand(lo, hi, r.lang, r.digits)}`;
      }
      const name = item.datasetIndex < lowIndex ? QUANTILE_KEYS[item.datasetIndex]!.toUpperCase() : '';
      return `${name || item.dataset.label}: ${formatPercent(item.parsed.y, r.lang, r.digits)}`;
    },
  });
}
