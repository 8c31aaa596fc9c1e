/**
 * Spreadsheets in and out: the actuals template (CSV, XLSX), the actuals import (multipart or a raw CSV/XLSX body,
 * all rows in one transaction, attributed to the token), the scenario export (CSV, XLSX, YAML) and the plan's
 * appendix (XLSX: the engine's `appendixTable`).
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Lang, scenarioToYaml } from '@grdp/engine';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { enteredByIndicator, indicatorsOf } from '../compute/indicators.ts';
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import { appendixFileName, appendixXlsx } from '../files/appendix.ts';
import { exportCsv, exportXlsx } from '../files/export.ts';
import { planImport } from '../files/import.ts';
import { importChecks } from '../files/import-checks.ts';
import { indicatorTemplateCsv, indicatorTemplateXlsx, planIndicatorImport } from '../files/indicator-import.ts';
import { templateCsv, templateXlsx } from '../files/template.ts';
import { XLSX_MIME } from '../files/xlsx.ts';
import { authorOf } from '../plugins/auth.ts';
import type { IndicatorActualRevision } from '../repositories/indicators.ts';
import { errors, ScenarioIdParams, SECURITY } from '../schemas/common.ts';
import { FileResponse, ImportErrorSchema, ImportQuery, ImportResponseSchema, LangQuery } from '../schemas/files.ts';
import { IndicatorImportQuery, IndicatorImportResponseSchema } from '../schemas/indicators.ts';

const RAW_TYPES = ['text/csv', 'application/csv', XLSX_MIME, 'application/octet-stream'];
const CSV_TYPE = 'text/csv; charset=utf-8';
const YAML_TYPE = 'application/yaml; charset=utf-8';

export function attachment(reply: FastifyReply, type: string, filename: string, body: string | Buffer) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
}

/** The uploaded file: the multipart part named `file` (or the first), or the raw body. */
async function uploadedBytes(request: FastifyRequest): Promise<Buffer> {
  if (request.isMultipart()) {
    const part = await request.file();
    if (!part) throw new ApiError('BAD_REQUEST', 'the multipart body has no file', 'body.file');
    return part.toBuffer();
  }
  if (!Buffer.isBuffer(request.body)) throw new ApiError('BAD_REQUEST', 'send the file as the body or as multipart');
  return request.body;
}

export const fileRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  await app.register(multipart, {
    limits: { fileSize: config.uploadLimit, files: 1, fields: 10, parts: 20 },
    throwFileSizeLimit: true,
  });
  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: config.uploadLimit }, (_req, body, done) =>
    done(null, body),
  );

  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/api/templates/actuals.${format}`,
      {
        schema: {
          tags: ['files'],
          summary: `The blank actuals import template as ${format.toUpperCase()} (?lang=vi|en headers)`,
          querystring: LangQuery,
          response: { 200: FileResponse, ...errors(400) },
        },
      },
      async (request, reply) => {
        const lang: Lang = request.query.lang ?? 'vi';
        const name = `actuals-template-${lang}.${format}`;
        return format === 'csv'
          ? attachment(reply, CSV_TYPE, name, templateCsv(lang))
          : attachment(reply, XLSX_MIME, name, await templateXlsx(lang));
      },
    );

  app.post(
    '/api/scenarios/:id/actuals/import',
    {
      onRequest: app.authorize('editor'),
      schema: {
        tags: ['actuals', 'files'],
        summary: 'Import actuals from a CSV or XLSX file: the cells it names, one revision per changed period',
        description:
          'Multipart (field `file`) or the raw file as text/csv or the XLSX media type. Every row is checked; ' +
          'one bad row rejects the file (400 IMPORT_INVALID with every bad row) and nothing changes. Each period ' +
          'the file changes gets a revision on top of its current one (no If-Match needed), attributed to the ' +
          'token: the cells the file names take its values, the other cells keep theirs. A period the file leaves ' +
          'as it is gets no revision, so importing the same file again writes nothing (`unchanged`). With ' +
          '`?dryRun=1` nothing is written: the answer is the preview (old and new value of each cell, cells ' +
          'outside their band, a total that disagrees with its sectors).',
        security: SECURITY,
        consumes: ['multipart/form-data', 'text/csv', XLSX_MIME],
        params: ScenarioIdParams,
        querystring: ImportQuery,
        response: { 200: ImportResponseSchema, 400: ImportErrorSchema, ...errors(401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const author = authorOf(request.principal);
      const stored = await app.repos.scenarios.get(id);
      if (!stored) throw new ApiError('NOT_FOUND', `no scenario ${id}`);
      const bytes = await uploadedBytes(request);
      const plan = await planImport(bytes, stored.scenario, {
        locale: request.query.locale,
        maxRows: config.importMaxRows,
      });
      const dryRun = request.query.dryRun === '1' || request.query.dryRun === 'true';
      const current = await app.repos.actuals.current(id);
      const imported = await app.repos.actuals.importRevisions(id, plan.entries, author, { dryRun });
      const checks = await importChecks(stored.scenario, current, imported);
      const periods = imported.map((p) => ({ ...p, ...checks.get(p.period)! }));
      return {
        scenarioId: id,
        format: plan.format,
        rows: plan.rows,
        locale: plan.locale ?? null,
        dryRun,
        unchanged: imported.every((p) => p.unchanged),
        periods,
        revisions: imported.flatMap((p) => (p.revision ? [p.revision] : [])),
      };
    },
  );

  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/api/scenarios/:id/indicators/template.${format}`,
      {
        onRequest: app.authorize('read'),
        schema: {
          tags: ['indicators', 'files'],
          summary: `The indicator actuals import template of a scenario as ${format.toUpperCase()} (?lang=vi|en)`,
          description:
            'One row per indicator of the scenario (id, name, unit, target, the scenario’s year), the value, ' +
            'vintage, publication date, source and note blank. Rows left blank are skipped on import.',
          params: ScenarioIdParams,
          querystring: LangQuery,
          response: { 200: FileResponse, ...errors(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const stored = await app.repos.scenarios.get(id);
        if (!stored) throw new ApiError('NOT_FOUND', `no scenario ${id}`);
        const lang: Lang = request.query.lang ?? 'vi';
        const set = stored.scenario.indicators ?? { departments: [], indicators: [] };
        const name = `${id}-indicators-template-${lang}.${format}`;
        return format === 'csv'
          ? attachment(reply, CSV_TYPE, name, indicatorTemplateCsv(set, stored.scenario.year, lang))
          : attachment(reply, XLSX_MIME, name, await indicatorTemplateXlsx(set, stored.scenario.year, lang));
      },
    );

  app.post(
    '/api/scenarios/:id/indicators/import',
    {
      onRequest: app.authorize('editor'),
      schema: {
        tags: ['indicators', 'files'],
        summary: 'Import indicator actuals from a CSV or XLSX file (the indicators template), all or nothing',
        description:
          'Multipart (field `file`) or the raw file as text/csv or the XLSX media type, like the GRDP actuals ' +
          'import. Every row is checked; one bad row rejects the file (400 IMPORT_INVALID with every bad row, its ' +
          'reasons in ?lang, default vi) and nothing changes. Each (indicator, year) the file changes gets a ' +
          'revision on top of its current one (no If-Match needed), attributed to the token; a figure the file ' +
          'leaves as it is gets none, so importing the same file again writes nothing (`unchanged`). Rows with no ' +
          'value and no vintage are skipped. With `?dryRun=1` nothing is written: the answer is the preview (old ' +
          'and new value of each figure, and each indicator’s status before and after, from its qualifier).',
        security: SECURITY,
        consumes: ['multipart/form-data', 'text/csv', XLSX_MIME],
        params: ScenarioIdParams,
        querystring: IndicatorImportQuery,
        response: {
          200: IndicatorImportResponseSchema,
          400: ImportErrorSchema,
          ...errors(401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const author = authorOf(request.principal);
      const scenario = await app.repos.scenarios.effectiveScenario(id);
      if (!scenario) throw new ApiError('NOT_FOUND', `no scenario ${id}`);
      const bytes = await uploadedBytes(request);
      const plan = await planIndicatorImport(bytes, scenario.indicators ?? { departments: [], indicators: [] }, {
        locale: request.query.locale,
        maxRows: config.importMaxRows,
        lang: request.query.lang ?? 'vi',
      });
      const dryRun = request.query.dryRun === '1' || request.query.dryRun === 'true';
      const current = await app.repos.indicators.current(id);
      const changes = await app.repos.indicators.importRevisions(id, plan.entries, author, { dryRun });
      // The status before and after, from the one function every surface calls (the engine's qualifier rules).
      const source = { ...scenario, grdp: { year: scenario.year, actuals: scenario.actuals } };
      const statusOf = (revisions: readonly IndicatorActualRevision[]) =>
        new Map(indicatorsOf(source, enteredByIndicator(revisions)).indicators.map((i) => [i.id, i.status]));
      const key = (r: { indicatorId: string; year: number; period?: string }) =>
        `${r.indicatorId}\u0000${r.year}\u0000${r.period ?? 'FY'}`;
      const imported = new Map(
        plan.entries.map((e) => [
          key(e),
          {
            scenarioId: id,
            indicatorId: e.indicatorId,
            year: e.year,
            period: e.period ?? 'FY',
            revision: 0,
            value: e.input.value,
            vintage: e.input.vintage,
            published: e.input.published ?? null,
            source: e.input.source ?? null,
            note: e.input.note ?? null,
            author,
            createdAt: '',
            previousValue: null,
            etag: '',
          } satisfies IndicatorActualRevision,
        ]),
      );
      const before = statusOf(current);
      const after = statusOf([...current.filter((r) => !imported.has(key(r))), ...imported.values()]);
      const named = [...new Set(plan.entries.map((e) => e.indicatorId))];
      return {
        scenarioId: id,
        format: plan.format,
        rows: plan.rows,
        skipped: plan.skipped,
        locale: plan.locale ?? null,
        dryRun,
        unchanged: changes.every((c) => c.unchanged),
        changes,
        indicators: named.map((i) => ({ id: i, before: before.get(i)!, after: after.get(i)! })),
        revisions: changes.flatMap((c) => (c.revision ? [c.revision] : [])),
      };
    },
  );

  for (const format of ['csv', 'xlsx', 'yaml'] as const)
    app.get(
      `/api/scenarios/:id/export.${format}`,
      {
        onRequest: app.authorize('read'),
        schema: {
          tags: ['files'],
          summary:
            format === 'yaml'
              ? 'The effective scenario (file + entered actuals) as a YAML scenario file'
              : `Targets, effective actuals and the computed table as ${format.toUpperCase()} (?lang=vi|en)`,
          params: ScenarioIdParams,
          querystring: LangQuery,
          response: { 200: FileResponse, ...errors(400, 401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const scenario = await app.repos.scenarios.effectiveScenario(id);
        if (!scenario) throw new ApiError('NOT_FOUND', `no scenario ${id}`);
        const lang: Lang = request.query.lang ?? 'vi';
        const name = format === 'yaml' ? `${id}.yaml` : `${id}-${lang}.${format}`;
        if (format === 'yaml') return attachment(reply, YAML_TYPE, name, scenarioToYaml(scenario));
        if (format === 'csv') return attachment(reply, CSV_TYPE, name, await exportCsv(scenario, lang));
        return attachment(reply, XLSX_MIME, name, await exportXlsx(scenario, lang));
      },
    );

  app.get(
    '/api/scenarios/:id/appendix.xlsx',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['files'],
        summary:
          "The plan's appendix as XLSX: periods as columns, the total and the sectors as rows, 'a – b%' bands (?lang=vi|en)",
        params: ScenarioIdParams,
        querystring: LangQuery,
        response: { 200: FileResponse, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const scenario = await app.repos.scenarios.effectiveScenario(id);
      if (!scenario) throw new ApiError('NOT_FOUND', `no scenario ${id}`);
      const lang: Lang = request.query.lang ?? 'vi';
      return attachment(reply, XLSX_MIME, appendixFileName(id, lang), await appendixXlsx(scenario, lang));
    },
  );
};
