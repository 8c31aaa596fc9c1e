import type { Command } from '../command.ts';
import { adjustCommand } from './adjust.ts';
import { appendixCommand } from './appendix.ts';
import { auditCommand } from './audit.ts';
import { backtestCommand } from './backtest.ts';
import { backupCommand } from './backup.ts';
import { calibrateCommand } from './calibrate.ts';
import { draftCommand } from './draft.ts';
import { evaluateCommand } from './evaluate.ts';
import { importCommand } from './import.ts';
import { importIndicatorsCommand } from './import-indicators.ts';
import { indicatorsCommand } from './indicators.ts';
import { mergeCommand } from './merge.ts';
import { planCommand } from './plan.ts';
import { requiredCommand } from './required.ts';
import { restoreCommand } from './restore.ts';
import { rollforwardCommand } from './rollforward.ts';
import { simulateCommand } from './simulate.ts';
import { tokenCommand } from './token.ts';
import { trackCommand } from './track.ts';
import { versionsCommand } from './versions.ts';
import { whatifCommand } from './whatif.ts';

export const COMMANDS: Command[] = [
  evaluateCommand,
  calibrateCommand,
  auditCommand,
  trackCommand,
  requiredCommand,
  whatifCommand,
  simulateCommand,
  backtestCommand,
  planCommand,
  indicatorsCommand,
  rollforwardCommand,
  draftCommand,
  adjustCommand,
  appendixCommand,
  versionsCommand,
  mergeCommand,
  backupCommand,
  restoreCommand,
  importCommand,
  importIndicatorsCommand,
  tokenCommand,
];
