import type { Command } from '../main.ts';
import { auditCommand } from './audit.ts';
import { calibrateCommand } from './calibrate.ts';
import { evaluateCommand } from './evaluate.ts';
import { requiredCommand } from './required.ts';
import { trackCommand } from './track.ts';
import { whatifCommand } from './whatif.ts';

export const COMMANDS: Command[] = [
  evaluateCommand,
  calibrateCommand,
  auditCommand,
  trackCommand,
  requiredCommand,
  whatifCommand,
];
