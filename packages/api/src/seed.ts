/** On first start (no scenario stored yet), loads every `scenarios/*.yaml` of the repository through the engine loader. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GrdpError, loadScenario } from '@grdp/engine';
import type { Repositories } from './repositories/index.ts';

export interface SeedLog {
  info(msg: string): void;
  warn(msg: string): void;
}

/** Returns the ids seeded; files that do not load are reported and skipped. Does nothing if any scenario exists. */
export async function seedScenarios(repos: Repositories, dir: string, log: SeedLog): Promise<string[]> {
  if ((await repos.scenarios.count()) > 0) return [];
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /\.ya?ml$/i.test(f)).sort();
  } catch {
    log.warn(`no scenarios directory at ${dir}; nothing seeded`);
    return [];
  }
  const seeded: string[] = [];
  for (const f of files) {
    const text = await readFile(join(dir, f), 'utf8');
    try {
      const { scenario } = loadScenario(text, { file: f });
      await repos.scenarios.put(scenario, text, 'seed');
      seeded.push(scenario.id);
      log.info(`seeded scenario ${scenario.id} from ${f}`);
    } catch (e) {
      if (!(e instanceof GrdpError)) throw e;
      log.warn(`skipped ${f}: ${e.message}`);
    }
  }
  return seeded;
}
