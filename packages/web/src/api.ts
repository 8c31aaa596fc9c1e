/**
 * A typed client of the API. Its wire types come from the API's route schemas (`@grdp/api/types`, imported
 * type-only: no API code reaches the browser). Every error answer is `{code, message, path?, issues?}` and is
 * thrown as an ApiError with the status.
 */
import type {
  ActualRevision,
  AdjustAnswer,
  AdjustRequest,
  ApiIssue,
  CreatedToken,
  DraftRequest,
  EvaluateAnswer,
  HistoryRevision,
  ImportAnswer,
  IndicatorImportAnswer,
  IndicatorsAnswer,
  PutActualRequest,
  PutScenarioResult,
  ScenarioSummary,
  ScenarioVersion,
  ScenarioVersionInfo,
  StoredScenario,
  TokenInfo,
  VersionComparison,
  Whatif,
} from '@grdp/api/types';
import {
  type BaseOrigin,
  effectiveScenario,
  type Lang,
  type Period,
  type QuarterValues,
  resolveBase,
  type Scenario,
} from '@grdp/engine';
import { getLang } from './i18n/index.ts';

export type {
  ActualRevision,
  AdjustAnswer,
  AdjustRequest,
  ApiIssue,
  CreatedToken,
  DraftRequest,
  EvaluateAnswer,
  HistoryRevision,
  ImportAnswer,
  IndicatorImportAnswer,
  IndicatorsAnswer,
  PutScenarioResult,
  ScenarioSummary,
  ScenarioVersion,
  ScenarioVersionInfo,
  StoredScenario,
  TokenInfo,
  VersionComparison,
  Whatif,
} from '@grdp/api/types';

/** The body of PUT /api/scenarios/:id/actuals/:period. */
export type PutActualBody = PutActualRequest;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly issues: ApiIssue[] = [],
    /** An import's bad rows: spreadsheet row (1 = header), column header, reason. */
    readonly rows: { row: number; column: string; reason: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Whether the answer is the API's `{code, message}` (in the language asked for), not a proxy's or a bare status. */
  get fromApi(): boolean {
    return this.code !== 'BAD_ANSWER' && !this.code.startsWith('HTTP_');
  }
}

export interface RequestOptions {
  method?: string;
  token?: string | null;
  body?: unknown;
  /** Sent as is (a YAML text, a file) with this content type. */
  raw?: { data: BodyInit; type: string };
  ifMatch?: string;
  /** A successful answer is a file (an XLSX): returned as a Blob; an error answer is still read as JSON. */
  file?: boolean;
}

export interface Answer<T> {
  status: number;
  data: T;
  etag: string | null;
}

const BASE = '/api';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function request<T>(path: string, options: RequestOptions = {}): Promise<Answer<T>> {
  // The UI's language: the API's error messages come back in it.
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': getLang() };
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.type;
    body = options.raw.data;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  const response = await fetch(BASE + path, { method: options.method ?? 'GET', headers, body });
  if (response.ok && options.file)
    return { status: response.status, data: (await response.blob()) as T, etag: response.headers.get('etag') };
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text === '' ? null : JSON.parse(text);
  } catch {
    data = { code: 'BAD_ANSWER', message: text.slice(0, 500) };
  }
  if (!response.ok) {
    const e = (data ?? {}) as {
      code?: string;
      message?: string;
      path?: string;
      issues?: ApiIssue[];
      errors?: { row: number; column: string; reason: string }[];
    };
    throw new ApiError(
      response.status,
      e.code ?? `HTTP_${response.status}`,
      e.message ?? response.statusText,
      e.path,
      Array.isArray(e.issues) ? e.issues : [],
      Array.isArray(e.errors) ? e.errors : [],
    );
  }
  return { status: response.status, data: data as T, etag: response.headers.get('etag') };
}

const enc = encodeURIComponent;

export const api = {
  listScenarios: async () => (await request<{ scenarios: ScenarioSummary[] }>('/scenarios')).data.scenarios,
  getScenario: async (id: string) => (await request<StoredScenario>(`/scenarios/${enc(id)}`)).data,
  putScenario: async (id: string, text: string, type: string, token: string) =>
    (await request<PutScenarioResult>(`/scenarios/${enc(id)}`, { method: 'PUT', token, raw: { data: text, type } }))
      .data,
  /** Base levels as the API computes with them (the file's, or calibrated on the server). */
  evaluate: async (id: string) =>
    (await request<EvaluateAnswer>(`/scenarios/${enc(id)}/evaluate`, { method: 'POST' })).data,
  listActuals: async (id: string) =>
    (await request<{ actuals: ActualRevision[] }>(`/scenarios/${enc(id)}/actuals`)).data.actuals,
  getActual: async (id: string, period: Period) =>
    (await request<ActualRevision>(`/scenarios/${enc(id)}/actuals/${enc(period)}`)).data,
  putActual: async (id: string, period: Period, body: PutActualBody, token: string, ifMatch?: string) =>
    (
      await request<ActualRevision>(`/scenarios/${enc(id)}/actuals/${enc(period)}`, {
        method: 'PUT',
        body,
        token,
        ...(ifMatch !== undefined && { ifMatch }),
      })
    ).data,
  /** Every figure shown for the period, oldest first: the scenario file's, then the entered revisions. */
  history: async (id: string, period: Period) =>
    (await request<{ revisions: HistoryRevision[] }>(`/scenarios/${enc(id)}/actuals/${enc(period)}/history`)).data
      .revisions,
  /** POST …/actuals/import (CSV or XLSX body); `dryRun` answers what would change and writes nothing. */
  importActuals: async (id: string, file: File, token: string, dryRun: boolean) =>
    (
      await request<ImportAnswer>(`/scenarios/${enc(id)}/actuals/import${dryRun ? '?dryRun=1' : ''}`, {
        method: 'POST',
        token,
        raw: { data: file, type: /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv' },
      })
    ).data,
  /** Adjusts the stored scenario on the server; with `save`, stores it as the new current version (editor). */
  adjust: async (id: string, body: AdjustRequest, token: string | null, ifMatch?: string) =>
    (
      await request<AdjustAnswer>(`/scenarios/${enc(id)}/adjust`, {
        method: 'POST',
        body,
        ...(token ? { token } : {}),
        ...(ifMatch !== undefined && { ifMatch }),
      })
    ).data,
  /** The scenario's versions, oldest first (the last is current). */
  listVersions: async (id: string) =>
    (await request<{ versions: ScenarioVersionInfo[] }>(`/scenarios/${enc(id)}/versions`)).data.versions,
  getVersion: async (id: string, n: number) =>
    (await request<ScenarioVersion>(`/scenarios/${enc(id)}/versions/${n}`)).data,
  /** Two versions side by side (the engine's compareVersions on the server). */
  compareVersions: async (id: string, from: number, to: number) =>
    (
      await request<VersionComparison>(
        `/scenarios/${enc(id)}/versions/compare?${new URLSearchParams({ from: String(from), to: String(to) })}`,
      )
    ).data,
  /** POST …/indicators/import (CSV or XLSX body); `dryRun` previews; row problems come back in `lang`. */
  importIndicators: async (id: string, file: File, token: string, dryRun: boolean, lang: 'vi' | 'en') =>
    (
      await request<IndicatorImportAnswer>(
        `/scenarios/${enc(id)}/indicators/import?${new URLSearchParams({ lang, ...(dryRun ? { dryRun: '1' } : {}) })}`,
        {
          method: 'POST',
          token,
          raw: { data: file, type: /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv' },
        },
      )
    ).data,
  /** The main indicators with their status (GET /api/scenarios/:id/indicators). */
  indicators: async (id: string) => (await request<IndicatorsAnswer>(`/scenarios/${enc(id)}/indicators`)).data,
  /** POST /api/planner/draft/appendix.xlsx: the server drafts the same table (engine `draftScenario`) as a workbook. */
  draftAppendix: async (body: DraftRequest, lang: Lang) =>
    (await request<Blob>(`/planner/draft/appendix.xlsx?lang=${lang}`, { method: 'POST', body, file: true })).data,
  listWhatifs: async (id: string) =>
    (await request<{ whatifs: Whatif[] }>(`/scenarios/${enc(id)}/whatifs`)).data.whatifs,
  saveWhatif: async (id: string, name: string, body: Record<string, unknown>, token: string) =>
    (await request<Whatif>(`/scenarios/${enc(id)}/whatifs`, { method: 'POST', token, body: { name, body } })).data,
  deleteWhatif: async (id: string, whatifId: string, token: string) =>
    void (await request<null>(`/scenarios/${enc(id)}/whatifs/${enc(whatifId)}`, { method: 'DELETE', token })),
  listTokens: async (adminToken: string) =>
    (await request<{ tokens: TokenInfo[] }>('/tokens', { token: adminToken })).data.tokens,
  /** The answer holds the new token: the only time anyone sees it. */
  createToken: async (name: string, role: 'editor' | 'admin', adminToken: string) =>
    (await request<CreatedToken>('/tokens', { method: 'POST', token: adminToken, body: { name, role } })).data,
  revokeToken: async (tokenId: string, adminToken: string) =>
    void (await request<null>(`/tokens/${enc(tokenId)}`, { method: 'DELETE', token: adminToken })),
};

/** Everything a scenario page needs: the stored scenario, its entered revisions and base levels. */
export interface ScenarioData {
  stored: StoredScenario;
  entered: ActualRevision[];
  /** The engine's effective scenario: the file plus the entered revisions. */
  scenario: Scenario;
  base: Record<string, QuarterValues>;
  /** Where the levels came from (the engine's `resolveBase`). */
  baseOrigin: BaseOrigin;
}

export async function loadScenarioData(id: string): Promise<ScenarioData> {
  const [stored, entered] = await Promise.all([api.getScenario(id), api.listActuals(id)]);
  const scenario = effectiveScenario(stored.scenario, entered);
  // The engine's rule picks the levels; calibrating (HiGHS) is left to the API, the browser never does it.
  const { base, origin } = await resolveBase(scenario, async () => ({
    base: (await api.evaluate(id)).base.levels,
  }));
  return { stored, entered, scenario, base, baseOrigin: origin };
}

/** The editor / admin tokens, kept for the browser session only. */
export const tokens = {
  get: (role: 'editor' | 'admin'): string | null => sessionStorage.getItem(`grdp.token.${role}`),
  set: (role: 'editor' | 'admin', token: string) => sessionStorage.setItem(`grdp.token.${role}`, token.trim()),
  clear: (role: 'editor' | 'admin') => sessionStorage.removeItem(`grdp.token.${role}`),
};
