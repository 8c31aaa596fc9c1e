import type { Command } from '../command.ts';
import { auditCommand } from './audit.ts';
import { backupCommand } from './backup.ts';
import { calibrateCommand } from './calibrate.ts';
import { evaluateCommand } from './evaluate.ts';
import { importCommand } from './import.ts';
import { indicatorsCommand } from './indicators.ts';
import { planCommand } from './plan.ts';
import { requiredCommand } from './required.ts';
import { restoreCommand } from './restore.ts';
import { rollforwardCommand } from './rollforward.ts';
import { simulateCommand } from './simulate.ts';
import { trackCommand } from './track.ts';
import { whatifCommand } from './whatif.ts';

export const COMMANDS: Command[] = [
  evaluateCommand,
  calibrateCommand,
  auditCommand,
  trackCommand,
  requiredCommand,
  whatifCommand,
  simulateCommand,
  planCommand,
  indicatorsCommand,
  rollforwardCommand,
  backupCommand,
  restoreCommand,
  importCommand,
];
