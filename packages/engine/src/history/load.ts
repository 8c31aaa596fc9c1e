/** Reading history files: YAML text → checked `HistoryRecord`, every problem reported with its path. */
import { Value } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import { type ErrorCode, GrdpError, type Issue, issue } from '../errors.ts';
import { QUARTERS } from '../periods.ts';
import { HistoryRecord } from './schema.ts';

/**
 * Checks a parsed history record against the schema and the rules the schema cannot say: low ≤ high in every
 * band and target, a scenario's quarters come after the quarter it is based on, one outcome per period and
 * vintage, a source with a URL or a document, and the year of the record matching its scenarios. Throws a
 * GrdpError (INPUT_INVALID) naming the file and every path at fault.
 */
export function parseHistoryObject(obj: unknown, file?: string): HistoryRecord {
  const issues: Issue<ErrorCode>[] = [];
  const bad = (path: string, detail: string) => issues.push({ ...issue('INPUT_INVALID', path, detail), file });
  for (const e of Value.Errors(HistoryRecord, obj)) bad(e.path.split('/').filter(Boolean).join('.'), e.message);
  if (issues.length > 0) throw new GrdpError(issues);
  const record = obj as HistoryRecord;

  const source = (path: string, s: { url?: string; document?: string }) => {
    if (!s.url && !s.document) bad(path, 'a source has a url or a document');
  };
  const band = (path: string, b: readonly number[]) => {
    if (b[0]! > b[1]!) bad(path, 'a band is [low, high] with low ≤ high');
  };
  if (record.target.low > record.target.high) bad('target', 'the target has low > high');
  source('target.source', record.target.source);
  record.scenarios.forEach((s, i) => {
    const at = `scenarios.${i}`;
    source(`${at}.source`, s.source);
    const after = s.basedOn === null ? 0 : QUARTERS.indexOf(s.basedOn) + 1;
    for (const [q, b] of Object.entries(s.quarters)) {
      band(`${at}.quarters.${q}`, b);
      if (QUARTERS.indexOf(q as (typeof QUARTERS)[number]) < after)
        bad(`${at}.quarters.${q}`, `a scenario based on ${s.basedOn} gives quarters after it only`);
    }
    if (s.fy) band(`${at}.fy`, s.fy);
    const year = Number(s.published.slice(0, 4));
    if (year !== record.year && year !== record.year - 1)
      bad(`${at}.published`, `a ${record.year} scenario is published in ${record.year - 1} or ${record.year}`);
  });
  const seen = new Set<string>();
  record.outcomes.forEach((o, i) => {
    source(`outcomes.${i}.source`, o.source);
    const key = `${o.period}/${o.vintage}`;
    if (seen.has(key)) bad(`outcomes.${i}`, `a second ${o.vintage} for ${o.period}`);
    seen.add(key);
  });
  if (issues.length > 0) throw new GrdpError(issues);
  return record;
}

/** Parses a history file's YAML text and checks it (`parseHistoryObject`). */
export function loadHistory(text: string, file?: string): HistoryRecord {
  let obj: unknown;
  try {
    obj = parse(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (e) {
    throw new GrdpError([{ ...issue('INPUT_INVALID', '', `not valid YAML: ${(e as Error).message}`), file }]);
  }
  return parseHistoryObject(obj, file);
}

/** Checks that record ids are unique across a history. */
export function checkHistory(records: readonly HistoryRecord[]): readonly HistoryRecord[] {
  const ids = new Set<string>();
  const issues: Issue<ErrorCode>[] = [];
  for (const r of records) {
    if (ids.has(r.id)) issues.push(issue('INPUT_INVALID', 'id', `the id ${r.id} appears twice in the history`));
    ids.add(r.id);
  }
  if (issues.length > 0) throw new GrdpError(issues);
  return records;
}
