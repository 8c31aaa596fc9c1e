import { loadScenario } from '@grdp/engine';
import { mergeOf } from '../../compute/planner.ts';
import type { Command } from '../command.ts';
import { CliError, readScenario } from '../io.ts';
import { num, printJson, t } from './shared.ts';
import { outArg, writeOut } from './write-out.ts';

export const mergeCommand: Command = {
  name: 'merge',
  summary: {
    en: "a merged province's base year: the sum of its predecessors' quarterly levels per sector",
    vi: 'mức gốc của tỉnh sau hợp nhất: cộng mức theo quý của các tỉnh trước hợp nhất, theo từng ngành',
  },
  usage:
    'merge A.yaml B.yaml … --id NEW --out NEW.yaml [--size ID=AMOUNT …] [--unit TEXT] [--region TEXT] [--force] [--json] [--lang vi|en]',
  options: {
    id: { type: 'string' },
    size: { type: 'string', multiple: true },
    unit: { type: 'string' },
    region: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(ctx) {
    const out = outArg(ctx);
    const id = ctx.values.id;
    if (typeof id !== 'string' || id === '') throw new CliError('--id NEW (the merged scenario id) is required');
    if (ctx.positionals.length < 2) throw new CliError('give at least two scenario files to merge');
    const parts = [];
    for (const file of ctx.positionals) parts.push((await readScenario(file)).scenario);
    const sizes: Record<string, number> = {};
    for (const text of (ctx.values.size as string[] | undefined) ?? []) {
      const m = /^([a-z0-9-]+)=([0-9.,_ ]+)$/.exec(text.trim());
      const value = m ? Number(m[2]!.replace(/[_ ]/g, '').replace(',', '.')) : Number.NaN;
      if (!m || !Number.isFinite(value))
        throw new CliError(`--size is ID=AMOUNT (e.g. an-giang-2024=123456.7), not "${text}"`);
      sizes[m[1]!] = value;
    }
    const str = (name: string) => (typeof ctx.values[name] === 'string' ? (ctx.values[name] as string) : undefined);
    const m = mergeOf(parts, {
      id,
      sizes,
      ...(str('unit') === undefined ? {} : { unit: str('unit') }),
      ...(str('region') === undefined ? {} : { region: str('region') }),
    });
    loadScenario(m.yaml); // the written file must load: the loader names any problem
    await writeOut(ctx, out, m.yaml);
    if (ctx.json) {
      printJson(ctx, { out, ...m });
      return 0;
    }
    let annual = 0;
    for (const row of Object.values(m.base.levels)) for (const v of row) annual += v;
    ctx.io.out(
      t(
        ctx.lang,
        `Đã ghi ${out}: mức gốc của ${id} = tổng của ${parts.map((p) => p.id).join(' + ')} (${m.base.unit}; cả năm ${num(annual, ctx.lang)}).`,
        `Wrote ${out}: the base of ${id} = the sum of ${parts.map((p) => p.id).join(' + ')} (${m.base.unit}; full year ${num(annual, ctx.lang)}).`,
      ),
    );
    return 0;
  },
};
