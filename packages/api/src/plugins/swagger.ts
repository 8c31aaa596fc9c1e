/** The OpenAPI 3 document (generated from the route schemas) at /docs/json and its UI at /docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { scenarioJsonSchema } from '@grdp/engine';
import type { FastifyPluginAsync } from 'fastify';
import { global } from './global.ts';

export const swaggerPlugin: FastifyPluginAsync<{ version: string }> = global(async (app, { version }) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'grdp-scenario API',
        description: 'Provincial GRDP growth scenarios: store scenarios and actuals, calibrate, audit and evaluate.',
        version,
      },
      tags: [
        { name: 'scenarios', description: 'Stored scenario files' },
        { name: 'compute', description: 'Engine computations' },
        { name: 'actuals', description: 'Entered actuals, with every revision kept' },
        { name: 'indicators', description: 'The plan’s main indicators: targets, departments, actuals and status' },
        { name: 'whatifs', description: 'Saved what-if variants' },
        { name: 'files', description: 'Spreadsheets in and out: import template, actuals import, exports' },
        { name: 'charts', description: 'Chart images (PNG, SVG) for reports' },
        {
          name: 'planner',
          description: "Draft a scenario from FY targets, adjust it mid-year, merge provinces' bases",
        },
        { name: 'tokens', description: 'Bearer tokens (admin)' },
        { name: 'system', description: 'Health and version' },
      ],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'grdp_… token' } },
        // The scenario file format (what PUT /api/scenarios/:id takes as YAML or JSON), from the engine's schema.
        schemas: { ScenarioFile: scenarioJsonSchema },
      },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Over plain HTTP on an office network, `upgrade-insecure-requests` sends the page's fetch of /docs/json to an
    // https:// port that does not exist, and the page shows 0 operations.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/g, ''),
  });
});
