/**
 * Colours and fonts of every chart: one colour-blind-safe palette (Okabe & Ito 2008), a light and a dark theme.
 * Series are told apart by shape and dash as well as colour.
 */

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export type ThemeName = 'light' | 'dark';

export interface Theme {
  name: ThemeName;
  background: string;
  text: string;
  mutedText: string;
  grid: string;
  /** The zero line and axis borders. */
  axis: string;
  /** Total growth line, median line. */
  emphasis: string;
  /** Target band: fill (translucent) and its edges. */
  bandFill: string;
  bandBorder: string;
  /** An earlier version's band, drawn faintly: a paler fill and its (dashed) edges. */
  earlierBandFill: string;
  earlierBandBorder: string;
  /** Target lines on the fan chart. */
  target: string;
  /** Fan rings from outer (5–10, 90–95) to inner (25–75). */
  fanFills: readonly [string, string, string];
  fanMedian: string;
  vintage: Readonly<Record<'estimate' | 'revised' | 'official', string>>;
  /** Sector colours in order; standard sectors have fixed ones. */
  sectors: readonly string[];
}

/** Font stack: DejaVu Sans first (Vietnamese glyphs; registered by the server renderer), then system fonts. */
export const FONT_FAMILY = "'DejaVu Sans', 'Noto Sans', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const FONT_SIZES = { base: 12, title: 15, small: 11 } as const;

/** `#RRGGBB` + alpha → `rgba(r, g, b, a)`. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #RRGGBB colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => Number.parseInt(h, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

const SECTOR_ORDER = [
  OKABE_ITO.bluishGreen,
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.vermillion,
  OKABE_ITO.yellow,
] as const;

/** Fixed colours of the standard sectors, so a sector keeps its colour from chart to chart. */
export const SECTOR_COLOURS: Readonly<Record<string, string>> = {
  agriculture: OKABE_ITO.bluishGreen,
  industry_construction: OKABE_ITO.blue,
  industry: OKABE_ITO.skyBlue,
  services: OKABE_ITO.orange,
  product_taxes: OKABE_ITO.reddishPurple,
};

export const THEMES: Readonly<Record<ThemeName, Theme>> = {
  light: {
    name: 'light',
    background: '#FFFFFF',
    text: '#1A1A1A',
    mutedText: '#555555',
    grid: '#E3E3E3',
    axis: '#8A8A8A',
    emphasis: OKABE_ITO.black,
    bandFill: withAlpha(OKABE_ITO.skyBlue, 0.35),
    bandBorder: OKABE_ITO.blue,
    earlierBandFill: withAlpha(OKABE_ITO.reddishPurple, 0.1),
    earlierBandBorder: withAlpha(OKABE_ITO.reddishPurple, 0.6),
    target: OKABE_ITO.vermillion,
    fanFills: [withAlpha(OKABE_ITO.blue, 0.15), withAlpha(OKABE_ITO.blue, 0.3), withAlpha(OKABE_ITO.blue, 0.5)],
    fanMedian: OKABE_ITO.blue,
    vintage: { estimate: OKABE_ITO.orange, revised: OKABE_ITO.bluishGreen, official: OKABE_ITO.vermillion },
    sectors: SECTOR_ORDER,
  },
  dark: {
    name: 'dark',
    background: '#121212',
    text: '#EDEDED',
    mutedText: '#B0B0B0',
    grid: '#333333',
    axis: '#777777',
    emphasis: '#FFFFFF',
    bandFill: withAlpha(OKABE_ITO.skyBlue, 0.3),
    bandBorder: OKABE_ITO.skyBlue,
    earlierBandFill: withAlpha(OKABE_ITO.reddishPurple, 0.12),
    earlierBandBorder: withAlpha(OKABE_ITO.reddishPurple, 0.65),
    target: OKABE_ITO.vermillion,
    fanFills: [
      withAlpha(OKABE_ITO.skyBlue, 0.15),
      withAlpha(OKABE_ITO.skyBlue, 0.3),
      withAlpha(OKABE_ITO.skyBlue, 0.5),
    ],
    fanMedian: OKABE_ITO.skyBlue,
    vintage: { estimate: OKABE_ITO.orange, revised: OKABE_ITO.bluishGreen, official: OKABE_ITO.vermillion },
    sectors: SECTOR_ORDER,
  },
};

export function getTheme(name: ThemeName = 'light'): Theme {
  return THEMES[name];
}

/** The colour of the i-th sector `key` in a chart. */
export function sectorColour(theme: Theme, key: string, index: number): string {
  return SECTOR_COLOURS[key] ?? theme.sectors[index % theme.sectors.length]!;
}

/** Point shapes of the vintages: an estimate is a circle, a revision a triangle, the official figure a diamond. */
export const VINTAGE_POINT_STYLES = { estimate: 'circle', revised: 'triangle', official: 'rectRot' } as const;
