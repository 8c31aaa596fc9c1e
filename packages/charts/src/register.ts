import {
  BarController,
  BarElement,
  CategoryScale,
  type Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
} from 'chart.js';

/** The Chart.js parts the chart configs use (no annotation plugin: bands are filled between datasets). */
export const CHART_PARTS = [
  LineController,
  BarController,
  LineElement,
  PointElement,
  BarElement,
  CategoryScale,
  LinearScale,
  Filler,
  Legend,
  Title,
  Tooltip,
] as const;

/** Registers only the parts used, on the given Chart class (idempotent). */
export function registerCharts(chart: Pick<typeof Chart, 'register'>): void {
  chart.register(...CHART_PARTS);
}
