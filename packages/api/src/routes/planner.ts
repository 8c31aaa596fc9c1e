/**
 * The planner's side: draft a scenario from the year's targets, adjust a stored one mid-year (a new version),
 * build a merged province's base. Every figure comes from @grdp/engine through compute/planner.ts (the CLI's
 * `--json` gives the same answers). The `appendix.xlsx` routes give the drafted or adjusted table as the plan's
 * appendix (files/appendix.ts), from the same answer's YAML.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Lang, loadScenario } from '@grdp/engine';
import type { FastifyReply } from 'fastify';
import { adjustOf, draftOf, mergeOf } from '../compute/planner.ts';
import { parseIfMatch } from '../errors.ts';
import { appendixFileName, appendixXlsx } from '../files/appendix.ts';
import { XLSX_MIME } from '../files/xlsx.ts';
import { authorOf } from '../plugins/auth.ts';
import { readScenarioBody } from '../scenario-input.ts';
import { IfMatchHeaders } from '../schemas/actuals.ts';
import { errors, ScenarioIdParams } from '../schemas/common.ts';
import { FileResponse, LangQuery } from '../schemas/files.ts';
import {
  AdjustBodySchema,
  AdjustResponseSchema,
  DraftBodySchema,
  DraftResponseSchema,
  MergeBodySchema,
  MergeResponseSchema,
} from '../schemas/planner.ts';

export const plannerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The drafted or adjusted scenario (the answer's file) as the appendix workbook. */
  async function sendAppendix(reply: FastifyReply, yaml: string, lang: Lang | undefined) {
    const scenario = loadScenario(yaml).scenario;
    const l = lang ?? 'vi';
    return reply
      .type(XLSX_MIME)
      .header('content-disposition', `attachment; filename="${appendixFileName(scenario.id, l)}"`)
      .send(await appendixXlsx(scenario, l));
  }

  app.post(
    '/api/planner/draft/appendix.xlsx',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['planner'],
        summary: "The drafted table as the plan's appendix (XLSX, ?lang=vi|en); the body is the draft's",
        body: DraftBodySchema,
        querystring: LangQuery,
        response: { 200: FileResponse, ...errors(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const { scenario, lastYear, ...rest } = request.body;
      const d = await draftOf(readScenarioBody(scenario).scenario, {
        ...rest,
        ...(lastYear === undefined ? {} : { lastYear: readScenarioBody(lastYear).scenario }),
      });
      return sendAppendix(reply, d.yaml, request.query.lang);
    },
  );

  app.post(
    '/api/scenarios/:id/adjust/appendix.xlsx',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['planner'],
        summary: "The adjusted table as the plan's appendix (XLSX, ?lang=vi|en); the body is the adjustment's",
        params: ScenarioIdParams,
        body: AdjustBodySchema,
        querystring: LangQuery,
        response: { 200: FileResponse, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const scenario = await app.repos.scenarios.requireEffective(request.params.id);
      return sendAppendix(reply, (await adjustOf(scenario, request.body)).yaml, request.query.lang);
    },
  );

  app.post(
    '/api/planner/draft',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['planner'],
        summary: 'Draft the quarterly and cumulative bands from base levels and FY targets (flat, last-year, shape)',
        body: DraftBodySchema,
        response: { 200: DraftResponseSchema, ...errors(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const { scenario, lastYear, ...rest } = request.body;
      return draftOf(readScenarioBody(scenario).scenario, {
        ...rest,
        ...(lastYear === undefined ? {} : { lastYear: readScenarioBody(lastYear).scenario }),
      });
    },
  );

  app.post(
    '/api/scenarios/:id/adjust',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['planner'],
        summary:
          'A new version of a stored scenario: actual quarters kept as points, the rest re-drafted to the FY bands',
        // Not `security`: without save it is a read like the other computations (the auth matrix's rule).
        description:
          'Without save, only computes (open like every read). With save (Authorization: Bearer, role editor), ' +
          'stores the adjusted file as a new version that adjusts the current one, with the note, and makes it ' +
          "current (409 if another version came in between, or if If-Match is not the scenario's ETag).",
        params: ScenarioIdParams,
        headers: IfMatchHeaders,
        body: AdjustBodySchema,
        response: { 200: AdjustResponseSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { save, ...body } = request.body;
      if (save) await app.authorize('editor').call(app, request, reply);
      const ifMatch = save ? parseIfMatch(request.headers['if-match']) : undefined;
      const id = request.params.id;
      const parent = save ? (await app.repos.scenarios.versions(id))?.at(-1)?.number : undefined;
      const scenario = await app.repos.scenarios.requireEffective(id);
      const adjusted = await adjustOf(scenario, body);
      if (!save || parent === undefined) return adjusted;
      const { stored, version } = await app.repos.scenarios.put(
        loadScenario(adjusted.yaml).scenario,
        adjusted.yaml,
        authorOf(request.principal),
        ifMatch,
        { parent, ...(body.note === undefined ? {} : { note: body.note }) },
      );
      reply.header('etag', stored.etag);
      return { ...adjusted, saved: { number: version, parent, etag: stored.etag } };
    },
  );

  app.post(
    '/api/planner/merge',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['planner'],
        summary: "A merged province's base year: the sum of its predecessors' quarterly levels per sector",
        body: MergeBodySchema,
        response: { 200: MergeResponseSchema, ...errors(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const { parts, ...rest } = request.body;
      return mergeOf(
        parts.map((p) => readScenarioBody(p).scenario),
        rest,
      );
    },
  );
};
