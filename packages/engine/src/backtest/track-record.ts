/**
 * The one-line track record shown beside every probability: how often past probabilities in the same tenth
 * came true, from the cross-validated backtest (kept in `uncertainty/fitted.ts`).
 */
import type { Lang } from '../periods.ts';
import type { ModelName } from '../uncertainty/apply.ts';
import type { ReliabilityBin } from './index.ts';

export interface TrackRecordTable {
  /** Scenario-years the backtest replayed and the predictions it scored per model. */
  scenarioYears: number;
  predictions: number;
  brier: Record<ModelName, number>;
  logScore: Record<ModelName, number>;
  reliability: Record<ModelName, ReliabilityBin[]>;
}

export interface TrackRecord {
  model: ModelName;
  scenarioYears: number;
  /** The tenth the probability falls in, and what past probabilities there did. */
  from: number;
  to: number;
  predictions: number;
  cameTrue: number;
  /** cameTrue / predictions in tenths, rounded (null: no past probability in this tenth). */
  timesInTen: number | null;
  text: { vi: string; en: string };
}

/** The track record of a stated probability under a model. */
export function trackRecordOf(probability: number, model: ModelName, table: TrackRecordTable): TrackRecord {
  const bins = table.reliability[model];
  const i = Math.min(9, Math.max(0, Math.floor(probability * 10)));
  const bin = bins[i]!;
  const cameTrue = bin.observedFrequency === null ? 0 : Math.round(bin.observedFrequency * bin.predictions);
  const timesInTen = bin.observedFrequency === null ? null : Math.round(bin.observedFrequency * 10);
  const years = table.scenarioYears;
  const range = `${Math.round(bin.from * 100)}–${Math.round(bin.to * 100)}%`;
  const text =
    timesInTen === null
      ? {
          vi: `Trong ${years} kịch bản-năm đã qua, chưa có xác suất nào trong khoảng ${range} để đối chiếu`,
          en: `Over ${years} past scenario-years, no probability in ${range} to compare with yet`,
        }
      : {
          vi: `Trong ${years} kịch bản-năm đã qua, các xác suất như thế này (${range}, ${bin.predictions} lần) đã thành sự thật ${timesInTen} lần trên 10`,
          en: `Over ${years} past scenario-years, probabilities like this (${range}, ${bin.predictions} of them) came true ${timesInTen} times in 10`,
        };
  return {
    model,
    scenarioYears: years,
    from: bin.from,
    to: bin.to,
    predictions: bin.predictions,
    cameTrue,
    timesInTen,
    text,
  };
}

/** The table from a backtest report. */
export function trackRecordTable(report: {
  scenarioYears: number;
  models: Record<ModelName, { predictions: number; brier: number; logScore: number; reliability: ReliabilityBin[] }>;
}): TrackRecordTable {
  const m = report.models;
  return {
    scenarioYears: report.scenarioYears,
    predictions: m.learned.predictions,
    brier: { learned: m.learned.brier, band: m.band.brier },
    logScore: { learned: m.learned.logScore, band: m.band.logScore },
    reliability: { learned: m.learned.reliability, band: m.band.reliability },
  };
}

export function langText(record: TrackRecord, lang: Lang): string {
  return record.text[lang];
}
