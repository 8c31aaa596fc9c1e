import { CUMULATIVE_ENDING, formatNumber, type Lang, type Period, periodLabel, QUARTERS } from '@grdp/engine';
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { t } from './i18n.ts';
import { FONT_FAMILY, FONT_SIZES, getTheme, type Theme } from './theme.ts';
import type { ChartView, CommonChartOptions } from './types.ts';

/** The periods of a view, in order: Q1..Q4, or Q1, H1, 9M, FY. */
export function viewPeriods(view: ChartView = 'quarterly'): readonly Period[] {
  return view === 'cumulative' ? CUMULATIVE_ENDING : QUARTERS;
}

/** x-axis labels of a view in `lang`: "Quý I" … or "Quý I", "Lũy kế 6 tháng", … */
export function viewLabels(view: ChartView, lang: Lang): string[] {
  return viewPeriods(view).map((p) => periodLabel(p, lang));
}

/** Values aligned with `periods`: the value of the last item at each period, null where there is none. */
export function alignToPeriods<T extends { period: Period }>(
  periods: readonly Period[],
  items: readonly T[],
  value: (item: T) => number,
): (number | null)[] {
  return periods.map((p) => {
    let found: number | null = null;
    for (const item of items) if (item.period === p && Number.isFinite(value(item))) found = value(item);
    return found;
  });
}

/** Fewest decimals (0..max) that show `value` exactly at `max` decimals: 7 → "7", 7.5 → "7,5", 7.36 → "7,36". */
export function formatTick(value: number | string, lang: Lang, max = 2): string {
  const v = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(v)) return String(value);
  const rounded = Number(v.toFixed(max));
  let digits = 0;
  while (digits < max && Math.abs(Number(rounded.toFixed(digits)) - rounded) > 1e-9) digits++;
  return formatNumber(rounded, lang, digits);
}

export interface Resolved {
  lang: Lang;
  theme: Theme;
  animation: boolean;
  responsive: boolean;
  digits: number;
}

export function resolve(opts: CommonChartOptions): Resolved {
  return {
    lang: opts.lang ?? 'vi',
    theme: getTheme(opts.theme ?? 'light'),
    animation: opts.animation ?? false,
    responsive: opts.responsive ?? true,
    digits: opts.digits ?? 2,
  };
}

export function font(size: number = FONT_SIZES.base, weight: 'normal' | 'bold' = 'normal') {
  return { family: FONT_FAMILY, size, weight } as const;
}

/** Options every chart shares: animation, responsiveness, title, legend and tooltip styling. */
export function baseOptions(r: Resolved, title: string) {
  return {
    animation: r.animation ? undefined : (false as const),
    responsive: r.responsive,
    maintainAspectRatio: true,
    color: r.theme.text,
    font: font(),
    interaction: { mode: 'index' as const, intersect: false },
    plugins: {
      title: { display: title.length > 0, text: title, color: r.theme.text, font: font(FONT_SIZES.title, 'bold') },
      legend: {
        position: 'bottom' as const,
        labels: {
          color: r.theme.text,
          font: font(),
          usePointStyle: true,
          boxHeight: 8,
          boxWidth: 8,
          // Dataset order, not drawing order.
          sort: (a: { datasetIndex?: number }, b: { datasetIndex?: number }) =>
            (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
        },
      },
      tooltip: {
        titleFont: font(FONT_SIZES.base, 'bold'),
        bodyFont: font(),
      },
    },
  };
}

/** A category x axis and a linear y axis in the theme, y ticks formatted for `lang`. */
export function axes(r: Resolved, yTitle: string, stacked = false, offset = true) {
  const ticks = { color: r.theme.mutedText, font: font(FONT_SIZES.small) };
  return {
    x: {
      type: 'category' as const,
      stacked,
      offset,
      ticks,
      grid: { color: r.theme.grid },
      border: { color: r.theme.axis },
    },
    y: {
      type: 'linear' as const,
      stacked,
      grace: '5%',
      title: { display: true, text: yTitle, color: r.theme.text, font: font() },
      ticks: { ...ticks, callback: (value: number | string) => formatTick(value, r.lang) },
      grid: { color: r.theme.grid },
      border: { color: r.theme.axis },
    },
  };
}

/** What a growth line chart decides for itself: which datasets the legend and the tooltip show, and each label. */
export interface GrowthLineParts {
  datasets: ChartDataset<'line', (number | null)[]>[];
  inLegend: (datasetIndex: number) => boolean;
  inTooltip: (datasetIndex: number) => boolean;
  label: (item: TooltipItem<'line'>) => string;
}

/** The shared skeleton of the band and fan charts: growth (%) over the view's periods, themed, with vi/en labels. */
export function growthLineChart(
  r: Resolved,
  title: string,
  view: ChartView,
  parts: GrowthLineParts,
): ChartConfiguration<'line', (number | null)[], string> {
  const base = baseOptions(r, title);
  return {
    type: 'line',
    data: { labels: viewLabels(view, r.lang), datasets: parts.datasets },
    options: {
      ...base,
      scales: axes(r, t('growthAxis', r.lang)),
      plugins: {
        ...base.plugins,
        legend: {
          ...base.plugins.legend,
          labels: { ...base.plugins.legend.labels, filter: (item) => parts.inLegend(item.datasetIndex ?? -1) },
        },
        tooltip: {
          ...base.plugins.tooltip,
          filter: (item: TooltipItem<'line'>) => parts.inTooltip(item.datasetIndex),
          callbacks: { label: parts.label },
        },
      },
    },
  };
}
