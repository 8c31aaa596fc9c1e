import { appendixGrid, appendixTable } from '@grdp/engine';
import { appendixXlsx } from '../../files/appendix.ts';
import type { Command } from '../command.ts';
import { CliError } from '../io.ts';
import { renderTable } from '../table.ts';
import { printJson, SCENARIO_OPTION, scenarioArg, t } from './shared.ts';
import { outArg, writeOut } from './write-out.ts';

/**
 * `grdp appendix FILE --out APPENDIX.xlsx`: a scenario's table (as drafted by `draft`, adjusted by `adjust`, or
 * published) as the plan's appendix — the engine's `appendixTable`, written as XLSX and printed to the terminal.
 */
export const appendixCommand: Command = {
  name: 'appendix',
  summary: {
    en: "the scenario's table as the plan's appendix (XLSX): periods as columns, total and sectors as rows",
    vi: 'bảng của kịch bản theo mẫu phụ lục kế hoạch (XLSX): các kỳ theo cột, tổng và các ngành theo hàng',
  },
  usage: 'appendix FILE --out APPENDIX.xlsx [--scenario ID] [--force] [--json] [--lang vi|en]',
  options: { ...SCENARIO_OPTION, out: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx) {
    const out = outArg(ctx, 'APPENDIX.xlsx');
    if (!out.toLowerCase().endsWith('.xlsx')) throw new CliError(`--out names an .xlsx file, not ${out}`);
    const { scenario } = await scenarioArg(ctx);
    await writeOut(ctx, out, await appendixXlsx(scenario, ctx.lang));
    const table = appendixTable(scenario, ctx.lang);
    if (ctx.json) {
      printJson(ctx, { out, ...table });
      return 0;
    }
    const [header, ...rows] = appendixGrid(table);
    ctx.io.out(`${table.title}\n${table.subtitle}\n${table.unit}\n`);
    ctx.io.out(
      renderTable(
        header!.map((h, i) => ({ header: h, align: i === 0 ? 'left' : 'right' })),
        rows,
      ),
    );
    ctx.io.out(t(ctx.lang, `Đã ghi ${out}.`, `Wrote ${out}.`));
    return 0;
  },
};
