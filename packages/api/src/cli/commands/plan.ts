import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  evaluatePlan,
  type Lang,
  loadPlan,
  type Plan,
  planBaseFromScenario,
  requiredAverageGrowth,
} from '@grdp/engine';
import type { Command } from '../command.ts';
import { CliError, readScenario } from '../io.ts';
import { renderTable } from '../table.ts';
import { num, printJson, t } from './shared.ts';

const SOURCE = {
  actual: { vi: 'thực hiện', en: 'actual' },
  'annual-target': { vi: 'mục tiêu năm', en: 'annual target' },
  'average-target': { vi: 'mục tiêu bình quân', en: 'average target' },
};

/** Vietnamese names of the units and price bases plan and scenario files use; other texts are shown as written. */
const VI_TERMS: Record<string, string> = {
  'billion VND': 'tỷ đồng',
  'constant 2010 prices': 'giá so sánh 2010',
  current: 'giá hiện hành',
};
const term = (text: string, lang: 'vi' | 'en') => (lang === 'vi' ? (VI_TERMS[text] ?? text) : text);

export const planCommand: Command = {
  name: 'plan',
  summary: {
    en: 'a multi-year plan: growth compounded to the final year, its average, and the growth still needed',
    vi: 'kế hoạch nhiều năm: tăng trưởng cộng dồn đến năm cuối, bình quân, và mức tăng còn cần đạt',
  },
  usage: 'plan FILE [--json] [--lang vi|en]',
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file) throw new CliError('a plan FILE is required');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let plan: Plan = loadPlan(text);
    // baseFrom: the base level comes from a scenario file's levels (a merged province's base), when present.
    const baseFile = plan.baseFrom ? resolve(dirname(file), plan.baseFrom.file) : undefined;
    const baseUsed = baseFile !== undefined && existsSync(baseFile);
    if (baseUsed) plan = planBaseFromScenario(plan, (await readScenario(baseFile)).scenario);
    const evaluation = evaluatePlan(plan);
    const required = requiredAverageGrowth(plan);
    if (ctx.json) {
      printJson(ctx, { evaluation, required });
      return 0;
    }
    const { lang } = ctx;
    const unit = evaluation.unit
      ? term(evaluation.unit, lang)
      : t(lang, `chỉ số, ${plan.baseYear} = 100`, `index, ${plan.baseYear} = 100`);
    ctx.io.out(`${plan.title[lang]} (${plan.startYear}–${plan.endYear}, ${unit})`);
    if (plan.baseFrom)
      ctx.io.out(
        baseUsed
          ? t(
              lang,
              `Mức gốc ${plan.baseYear}: ${num(evaluation.baseLevel, lang)} ${term(plan.baseLevel!.unit, lang)} (${term(plan.baseLevel!.priceBasis, lang)}), từ ${plan.baseFrom.file}`,
              `Base ${plan.baseYear}: ${num(evaluation.baseLevel, lang)} ${plan.baseLevel!.unit} (${plan.baseLevel!.priceBasis}), from ${plan.baseFrom.file}`,
            )
          : t(
              lang,
              `Chưa có ${plan.baseFrom.file}: kế hoạch được tính theo chỉ số`,
              `${plan.baseFrom.file} is not there: the plan is evaluated as an index`,
            ),
      );
    ctx.io.out(
      renderTable(
        [
          { header: t(lang, 'Năm', 'Year') },
          { header: t(lang, 'Tăng trưởng %', 'Growth %'), align: 'right' },
          { header: t(lang, 'Nguồn', 'Source') },
          { header: t(lang, 'Chỉ số', 'Index'), align: 'right' },
          { header: t(lang, 'Mức (giá gốc)', 'Level (base prices)'), align: 'right' },
          { header: t(lang, 'Mức (giá hiện hành)', 'Level (current prices)'), align: 'right' },
        ],
        evaluation.years.map((y) => [
          String(y.year),
          num(y.growth, lang),
          SOURCE[y.source][lang],
          num(y.index, lang, 4),
          num(y.level, lang),
          num(y.currentPriceLevel, lang),
        ]),
      ),
    );
    const met =
      evaluation.averageGrowthMet === null
        ? ''
        : evaluation.averageGrowthMet
          ? t(lang, ' — đạt', ' — met')
          : t(lang, ' — chưa đạt', ' — not met');
    ctx.io.out(
      t(
        lang,
        `Chỉ số ${plan.endYear}: ${num(evaluation.finalIndex, lang, 4)}; mức: ${num(evaluation.finalLevel, lang)}`,
        `${plan.endYear} index: ${num(evaluation.finalIndex, lang, 4)}; level: ${num(evaluation.finalLevel, lang)}`,
      ),
    );
    ctx.io.out(
      t(
        lang,
        `Tăng trưởng bình quân (nhân) ${plan.startYear}–${plan.endYear}: ${num(evaluation.averageGrowth, lang, 3)}%; mục tiêu ${num(evaluation.averageGrowthTarget, lang)}%${met}`,
        `Geometric average growth ${plan.startYear}–${plan.endYear}: ${num(evaluation.averageGrowth, lang, 3)}%; target ${num(evaluation.averageGrowthTarget, lang)}%${met}`,
      ),
    );
    if (required.real)
      ctx.io.out(
        t(
          lang,
          `Tăng trưởng bình quân cần đạt cho ${required.remainingYears} năm còn lại (sau ${required.lastActualYear ?? plan.baseYear}): ${num(required.real.requiredAverageGrowth, lang, 3)}%`,
          `Average growth required over the ${required.remainingYears} remaining years (after ${required.lastActualYear ?? plan.baseYear}): ${num(required.real.requiredAverageGrowth, lang, 3)}%`,
        ),
      );
    const cp = evaluation.currentPriceTarget && {
      ...evaluation.currentPriceTarget,
      unit: term(evaluation.currentPriceTarget.unit, lang),
      missing: evaluation.currentPriceTarget.missing.map((m) => missingText(m, lang)),
    };
    if (cp)
      ctx.io.out(
        cp.implied === null
          ? t(
              lang,
              `Mục tiêu giá hiện hành ${num(cp.target, lang)} ${cp.unit}: chưa tính được (thiếu ${cp.missing.join(', ')})`,
              `Current-price target ${num(cp.target, lang)} ${cp.unit}: not computable (missing ${cp.missing.join(', ')})`,
            )
          : t(
              lang,
              `Mục tiêu giá hiện hành ${num(cp.target, lang)} ${cp.unit}: ước ${num(cp.implied, lang)}, chênh ${num(cp.gap, lang)}`,
              `Current-price target ${num(cp.target, lang)} ${cp.unit}: implied ${num(cp.implied, lang)}, gap ${num(cp.gap, lang)}`,
            ),
      );
    return 0;
  },
};

/**
 * What the engine says a current-price computation lacks (plan/evaluate.ts `currentPriceMissing`, in English),
 * in Vietnamese for `--lang vi`.
 */
function missingText(item: string, lang: Lang): string {
  if (lang === 'en') return item;
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^baseLevel: GRDP of (\d+) at current prices/, (m) => `quy mô GRDP năm ${m[1]} theo giá hiện hành (baseLevel)`],
    [/^baseLevel at current prices of (\d+)/, (m) => `quy mô năm ${m[1]} theo giá hiện hành (baseLevel)`],
    [
      /^baseLevel in (.+), the unit of the target/,
      (m) => `quy mô gốc tính bằng ${term(m[1]!, 'vi')}, đơn vị của mục tiêu`,
    ],
    [/^deflator \(GRDP price growth %\) for (.+)$/, (m) => `chỉ số giảm phát (tăng giá GRDP %) cho ${m[1]}`],
  ];
  for (const [re, text] of rules) {
    const m = re.exec(item);
    if (m) return text(m);
  }
  return item;
}
