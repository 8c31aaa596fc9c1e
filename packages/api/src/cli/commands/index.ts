import type { Command } from '../main.ts';
import { auditCommand } from './audit.ts';
import { calibrateCommand } from './calibrate.ts';
import { evaluateCommand } from './evaluate.ts';

export const COMMANDS: Command[] = [evaluateCommand, calibrateCommand, auditCommand];
