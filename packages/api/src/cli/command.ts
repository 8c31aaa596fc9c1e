/** A CLI command and what it is run with. Its own module, so the commands do not import main.ts (which imports them). */
import type { Lang } from '@grdp/engine';
import type { CliIo } from './io.ts';

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  json: boolean;
  lang: Lang;
  io: CliIo;
  /** The settings the server reads (DATA_DIR, DATABASE_URL), for commands that use its database. */
  env?: Record<string, string | undefined>;
}

export interface Command {
  name: string;
  /** One line for `grdp --help`, in each language. */
  summary: Record<Lang, string>;
  usage: string;
  options?: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
  run(ctx: CommandContext): Promise<number>;
}
