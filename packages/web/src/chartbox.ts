/**
 * One chart on a page: the canvas (Chart.js, config from @grdp/charts), a toolbar (embed code, PNG, CSV) and the
 * chart's data as a real <table> under it. The last drawn data is exposed for tests on the canvas
 * (`data-chart`) and on `window.__grdpCharts[id]`.
 */
import { type DataTable, registerCharts, tableCells, tableCsv } from '@grdp/charts';
import { Chart, type ChartConfiguration } from 'chart.js';
import { copyText, download, h } from './dom.ts';
import { getLang, t } from './i18n/index.ts';

registerCharts(Chart);

/** A chart's data table (@grdp/charts): shown under the chart, copied, and downloaded as CSV in the page's language. */
export type ChartTable = DataTable;

export interface ChartBoxOptions {
  id: string;
  config: ChartConfiguration<never>;
  table: ChartTable;
  /** A caption for the table and the accessible name of the chart. */
  title: string;
  /** `/embed/<scenario>/<chart>?view=` for "copy embed code". */
  embed?: { scenario: string; chart: string; view?: string };
  /** The API's server-rendered SVG of the same chart (`/api/scenarios/:id/charts/<name>.svg?…`). */
  svg?: string;
  /** Toolbar and table off (the embed page keeps only the table, visually hidden). */
  minimal?: boolean;
}

export interface ExposedChart {
  labels: unknown[];
  datasets: { label: string; data: unknown[] }[];
}

declare global {
  interface Window {
    __grdpCharts?: Record<string, ExposedChart>;
  }
}

const live = new Set<Chart>();

/**
 * Printing: every chart redrawn at the page's width (the print stylesheet widens the boxes) and every
 * explanation (<details>) opened; back to the screen size afterwards (Chart.js's advice for printing).
 */
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => {
    document.querySelectorAll('details').forEach((d) => {
      d.open = true;
    });
    for (const c of live) c.resize();
  });
  window.addEventListener('afterprint', () => {
    for (const c of live) c.resize();
  });
}

/** Destroys every chart drawn so far (the router calls this before a new view). */
export function destroyCharts(): void {
  for (const c of live) c.destroy();
  live.clear();
}

function expose(id: string, canvas: HTMLCanvasElement, chart: Chart): void {
  const data: ExposedChart = {
    labels: [...(chart.config.data.labels ?? [])],
    datasets: chart.config.data.datasets.map((d) => ({ label: String(d.label ?? ''), data: [...d.data] })),
  };
  window.__grdpCharts ??= {};
  window.__grdpCharts[id] = data;
  canvas.dataset.chart = JSON.stringify(data);
}

/** Draws a chart box; `update(config, table)` redraws it with new data (what-if studio). */
export function chartBox(options: ChartBoxOptions): {
  element: HTMLElement;
  update(config: ChartConfiguration<never>, table: ChartTable): void;
} {
  const { id } = options;
  const canvas = h('canvas', { id: `chart-${id}`, role: 'img', 'aria-label': options.title });
  const wrap = h('div', { class: 'chart-canvas' }, canvas);
  const tableEl = h('table', { class: 'data', id: `table-${id}` });
  let table = options.table;
  const notesEl = h('div', { class: 'chart-notes' });
  const fillTable = () => {
    const cells = tableCells(table, getLang());
    notesEl.replaceChildren(...(table.notes ?? []).map((n) => h('p', { class: 'note', role: 'note' }, n)));
    tableEl.replaceChildren(
      h('caption', null, `${t('dataTable')}: ${options.title}`),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          cells.head.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        cells.rows.map((r) =>
          h(
            'tr',
            null,
            r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', null, c))),
          ),
        ),
      ),
    );
  };
  fillTable();
  const status = h('span', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const button = (label: string, action: () => void | Promise<void>, name: string) =>
    h('button', { type: 'button', class: 'tool', dataset: { action: name }, onclick: () => void action() }, label);

  const toolbar = h(
    'div',
    { class: 'toolbar no-print', role: 'group', 'aria-label': options.title },
    options.embed &&
      button(
        t('copyEmbed'),
        async () => {
          await copyText(embedCode(options.embed!, options.title));
          status.textContent = t('copied');
        },
        'embed',
      ),
    button(t('downloadPng'), () => download(`${id}.png`, pngOf(config)), 'png'),
    options.svg &&
      h('a', { class: 'tool', href: options.svg, download: `${id}.svg`, dataset: { action: 'svg' } }, t('downloadSvg')),
    button(t('downloadCsv'), () => download(`${id}.csv`, csvOf(table)), 'csv'),
    button(
      t('copyTable'),
      async () => {
        const cells = tableCells(table, getLang());
        await copyText([cells.head, ...cells.rows].map((r) => r.join('\t')).join('\n'));
        status.textContent = t('copied');
      },
      'copy',
    ),
    status,
  );

  let config = options.config;
  let chart = new Chart(canvas, config);
  live.add(chart);
  expose(id, canvas, chart);
  const element = h(
    'figure',
    { class: options.minimal ? 'chart minimal' : 'chart', id: `figure-${id}` },
    wrap,
    notesEl,
    options.minimal ? null : toolbar,
    h('div', { class: options.minimal ? 'table-wrap visually-hidden' : 'table-wrap' }, tableEl),
  );
  return {
    element,
    update(nextConfig, next) {
      live.delete(chart);
      chart.destroy();
      config = nextConfig;
      chart = new Chart(canvas, config);
      live.add(chart);
      expose(id, canvas, chart);
      table = next;
      fillTable();
    },
  };
}

function embedCode(embed: { scenario: string; chart: string; view?: string }, title: string): string {
  const q = new URLSearchParams({ lang: getLang(), ...(embed.view && { view: embed.view }) });
  const src = `${location.origin}/embed/${encodeURIComponent(embed.scenario)}/${encodeURIComponent(embed.chart)}?${q}`;
  const safeTitle = title.replace(/"/g, '&quot;');
  // The frame keeps the chart's shape at any width (no blank gap on a phone); the page inside also posts its
  // exact height (`grdp-embed-size`, see README) for hosts that want to follow it.
  return `<iframe src="${src}" title="${safeTitle}" width="100%" style="border:0;aspect-ratio:16/9;height:auto" loading="lazy"></iframe>`;
}

/**
 * The PNG for a report: the chart drawn again off screen at the API's image size (800 × 450 CSS pixels at pixel
 * ratio 2, so 1,600 × 900 pixels), whatever the size on screen, on a white background (a PNG with transparency
 * prints badly in reports).
 */
export const PNG_SIZE = { width: 800, height: 450, pixelRatio: 2 } as const;

function pngOf(config: ChartConfiguration<never>): string {
  const holder = h('div');
  // set through the CSSOM: a style attribute is an inline style the page's CSP (style-src 'self') blocks
  Object.assign(holder.style, {
    position: 'fixed',
    left: '-10000px',
    top: '0',
    width: `${PNG_SIZE.width}px`,
    height: `${PNG_SIZE.height}px`,
  });
  const off = h('canvas', { width: PNG_SIZE.width, height: PNG_SIZE.height });
  holder.append(off);
  document.body.append(holder);
  const copy = new Chart(off, {
    ...config,
    options: {
      ...(config.options ?? {}),
      responsive: false,
      animation: false,
      devicePixelRatio: PNG_SIZE.pixelRatio,
    },
    plugins: [
      ...(config.plugins ?? []),
      {
        id: 'whiteBackground',
        beforeDraw: (c: Chart) => {
          const ctx = c.ctx;
          ctx.save();
          ctx.globalCompositeOperation = 'destination-over';
          ctx.fillStyle = '#FFFFFF';
          ctx.fillRect(0, 0, c.width, c.height);
          ctx.restore();
        },
      },
    ],
  } as unknown as ChartConfiguration<never>);
  const url = off.toDataURL('image/png');
  copy.destroy();
  holder.remove();
  return url;
}

/** The table as CSV in the page's language (vi: `;` and decimal commas), from @grdp/charts like the API's `.csv`. */
function csvOf(table: ChartTable): Blob {
  return new Blob([tableCsv(table, getLang())], { type: 'text/csv;charset=utf-8' });
}
