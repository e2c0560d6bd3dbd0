// `pacsync-admin analysis show|run POOL`: the repository analysis of a pool's members
// (/pools/{id}/analysis, /pools/{id}/analyze).
import type { Command } from 'commander';
import { action } from './support.js';

export function registerAnalysisCommand(program: Command): Command {
  const analysis = program
    .command('analysis')
    .summary("a pool's repository analysis: show, run")
    .description('Repository analysis: which target packages each member can get, and at which versions.');
  const run = async () => import('./analysis.action.js');
  analysis
    .command('show')
    .summary("the pool's latest analysis")
    .argument('<pool>', 'pool name or id')
    .action(action(async (ref: string, _o, cmd: Command) => (await run()).showAnalysis(ref, false, cmd)));
  analysis
    .command('run')
    .summary("analyse the members' repositories now (stored as the latest)")
    .argument('<pool>', 'pool name or id')
    .action(action(async (ref: string, _o, cmd: Command) => (await run()).showAnalysis(ref, true, cmd)));
  return analysis;
}
