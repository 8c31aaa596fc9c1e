/** Writing a Scenario back as the file object and YAML that load back unchanged. */
import { Document, isMap, isScalar, visit } from 'yaml';
import { indicatorSetToFile } from '../indicators/write.ts';
import { PERIODS } from '../periods.ts';
import { parsePrintedBand } from './printed.ts';
import type { Band, Scenario } from './types.ts';

function sameBand(a: Band, b: Band): boolean {
  return a.low === b.low && a.high === b.high && Boolean(a.inverted) === Boolean(b.inverted);
}

/** A band as a file cell: the printed text when it reads back to the same band, else [low, high] or a number. */
function bandCell(band: Band): unknown {
  if (band.printed !== undefined) {
    const reread = parsePrintedBand(band.printed);
    if (reread && sameBand(reread, band)) return band.printed;
  }
  const [first, second] = band.inverted ? [band.high, band.low] : [band.low, band.high];
  if (band.printed !== undefined) return { low: first, high: second, printed: band.printed };
  return first === second && !band.inverted ? first : [first, second];
}

/** A Scenario as the plain data of a scenario file (what `scenarioToYaml` writes; valid against the schema). */
export function scenarioToFile(scenario: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: scenario.id,
    title: { vi: scenario.title.vi, en: scenario.title.en },
    region: scenario.region,
    year: scenario.year,
    source: scenario.source,
    priceBasis: scenario.priceBasis,
    sectors: scenario.sectors.map((s) => ({
      id: s.id,
      name: { vi: s.name.vi, en: s.name.en },
      ...(s.parent === undefined ? {} : { parent: s.parent }),
    })),
  };
  if (scenario.base) {
    const { unit, origin, levels, from } = scenario.base;
    out.base = {
      unit,
      origin,
      levels: Object.fromEntries(Object.entries(levels).map(([k, v]) => [k, [...v]])),
      ...(from === undefined ? {} : { from: from.map((f) => ({ ...f })) }),
    };
  }
  const targets: Record<string, Record<string, unknown>> = {};
  for (const p of PERIODS) {
    const row = scenario.targets[p];
    if (row) targets[p] = Object.fromEntries(Object.entries(row).map(([k, band]) => [k, bandCell(band)]));
  }
  out.targets = targets;
  if (scenario.actuals.length > 0) {
    out.actuals = scenario.actuals.map((a) => ({
      period: a.period,
      vintage: a.vintage,
      ...(a.published === undefined ? {} : { published: a.published }),
      ...(a.source === undefined ? {} : { source: a.source }),
      values: { ...a.values },
      ...(a.note === undefined ? {} : { note: a.note }),
    }));
  }
  if (scenario.notes !== undefined) out.notes = scenario.notes;
  if (scenario.indicators) Object.assign(out, indicatorSetToFile(scenario.indicators));
  if (scenario.version !== undefined) out.version = { ...scenario.version };
  return out;
}

/**
 * Writes a Scenario as a YAML scenario file that loads back to a deep-equal Scenario: bands as [low, high] (in
 * the printed order when inverted), or as their printed text when that reads back to the same band.
 */
export function scenarioToYaml(scenario: Scenario): string {
  const doc = new Document(scenarioToFile(scenario), { version: '1.2' });
  visit(doc, {
    Seq(_, node) {
      if (node.items.every(isScalar)) node.flow = true;
    },
  });
  const targets = doc.get('targets', true);
  if (isMap(targets)) {
    visit(targets, {
      Scalar(key, node) {
        if (key !== 'key' && typeof node.value === 'string') node.type = 'QUOTE_DOUBLE';
      },
    });
  }
  return doc.toString({ lineWidth: 0 });
}
