import type { IndicatorPeriod, IndicatorSet, IndicatorTarget } from './types.ts';

function periodCell(p: IndicatorPeriod): unknown {
  switch (p.kind) {
    case 'year':
      return p.year;
    case 'final':
      return { final: p.year };
    case 'average':
      return p.mean === 'arithmetic' ? { average: [p.from, p.to] } : { average: [p.from, p.to], mean: p.mean };
    case 'total':
      return { total: [p.from, p.to] };
  }
}

function targetCell(t: IndicatorTarget): Record<string, unknown> {
  switch (t.kind) {
    case 'band':
      return { band: [t.low, t.high] };
    case 'about':
      return { about: t.value, tolerance: t.tolerancePercent };
    case 'averageAnnualChange':
      return {
        averageAnnualChange: t.low === t.high ? t.low : [t.low, t.high],
        direction: t.direction,
        unit: t.unit,
        ...(t.base ? { base: { ...t.base } } : {}),
      };
    case 'rank':
      return { rank: t.rank, of: t.of };
    default:
      return { [t.kind]: t.value };
  }
}

/** The `departments` and `indicators` sections as file data (they read back to the same set). */
export function indicatorSetToFile(set: IndicatorSet): { departments: unknown[]; indicators: unknown[] } {
  return {
    departments: set.departments.map((d) => ({ id: d.id, name: { ...d.name } })),
    indicators: set.indicators.map((i) => ({
      id: i.id,
      no: i.no,
      ...(i.part === undefined ? {} : { part: i.part }),
      ...(i.main ? {} : { main: false }),
      category: i.category,
      name: { ...i.name },
      unit: { ...i.unit },
      period: periodCell(i.period),
      target: targetCell(i.target),
      better: i.better,
      printed: i.printed,
      source: i.source,
      ...(i.department === undefined ? {} : { department: i.department }),
      ...(i.cooperating.length > 0 ? { cooperating: [...i.cooperating] } : {}),
      ...(i.grdpKey === undefined ? {} : { grdp: i.grdpKey }),
      ...(i.derive
        ? {
            derive: {
              grdpPerCapita: {
                grdp: i.derive.grdp,
                population: i.derive.population,
                unit: i.derive.unit,
                ...(i.derive.vndPerUsd === undefined ? {} : { vndPerUsd: i.derive.vndPerUsd }),
              },
            },
          }
        : {}),
      ...(i.actuals.length > 0 ? { actuals: i.actuals.map((a) => ({ ...a })) } : {}),
      ...(i.note === undefined ? {} : { note: i.note }),
    })),
  };
}
