import { writeFile } from 'node:fs/promises';
import {
  actualTable,
  type BaseLevels,
  findFigure,
  QUARTERS,
  type QuarterValues,
  resolveBase,
  rollForward,
  scenarioToYaml,
} from '@grdp/engine';
import type { Command } from '../command.ts';
import { CliError } from '../io.ts';
import { printJson, scenarioArg, t } from './shared.ts';

export const rollforwardCommand: Command = {
  name: 'rollforward',
  summary: {
    en: "next year's scenario: this year's levels (base × actual growth) become its base",
    vi: 'kịch bản năm sau: mức của năm nay (gốc × tăng trưởng thực hiện) thành mức gốc',
  },
  usage: 'rollforward FILE --out NEW.yaml [--force] [--json]',
  options: { out: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx) {
    const out = ctx.values.out;
    if (typeof out !== 'string' || out === '') throw new CliError('--out NEW.yaml is required', 'cần --out NEW.yaml');
    const { scenario } = await scenarioArg(ctx);
    const resolved = await resolveBase(scenario);
    const base: BaseLevels = {
      unit: scenario.base?.unit ?? 'index, calibrated from the published table',
      origin: resolved.origin === 'official' ? 'official' : 'implied',
      levels: resolved.base,
    };
    // Each sector's quarterly growth from the engine's actuals table (published or derived figures).
    const table = actualTable(scenario, resolved.base);
    const growth: Record<string, QuarterValues> = {};
    const missing: string[] = [];
    for (const id of Object.keys(resolved.base)) {
      const row = QUARTERS.map((q) => findFigure(table, q, id)?.value);
      if (row.every((v) => v !== undefined)) growth[id] = row as QuarterValues;
      else missing.push(`${id} (${QUARTERS.filter((_, i) => row[i] === undefined).join(', ')})`);
    }
    if (missing.length > 0)
      throw new CliError(
        `the actuals do not give every quarter's growth: ${missing.join('; ')}`,
        `số thực hiện chưa cho tăng trưởng của mọi quý: ${missing.join('; ')}`,
      );
    const next = rollForward(scenario, base, growth);
    try {
      await writeFile(out, scenarioToYaml(next), { flag: ctx.values.force === true ? 'w' : 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST')
        throw new CliError(`${out} exists; add --force to overwrite it`, `${out} đã có; thêm --force để ghi đè`);
      throw new CliError(
        `cannot write ${out}: ${code ?? (e as Error).message}`,
        `không ghi được ${out}: ${code ?? (e as Error).message}`,
      );
    }
    if (ctx.json) printJson(ctx, { out, scenario: next });
    else
      ctx.io.out(
        t(
          ctx.lang,
          `Đã ghi ${out}: ${next.id} (mức gốc ${next.year - 1}, ${next.base!.origin}); chưa có mục tiêu và thực hiện`,
          `Wrote ${out}: ${next.id} (${next.year - 1} levels as its base, ${next.base!.origin}); no targets or actuals yet`,
        ),
      );
    return 0;
  },
};
