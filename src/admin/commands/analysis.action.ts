// The work behind `pacsync-admin analysis …` (see analysis.command.ts).
import type { Command } from 'commander';
import { fields, printJson, say, table } from '../output.js';
import { poolId } from '../resolve.js';
import { runOf } from './support.js';

export async function showAnalysis(ref: string, runNow: boolean, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const id = await poolId(api, ref);
  const a = runNow ? await api.analyze(id) : await api.analysis(id);
  if (mode === 'json') return printJson(a);
  fields(mode, [
    ['pool', a.pool_id],
    ['analysed', a.analysed_at],
    ['target state', a.target_state_id],
    ['stale', a.stale ? 'yes: the target changed since (analysis run)' : 'no'],
    ['conflict_resolution', a.conflict_resolution],
    ['members analysed', `${a.counts.endpoints_analysed} of ${a.counts.endpoints}`],
    ['target packages', a.counts.target_packages],
    ['compatible', a.counts.compatible],
    ['incompatible', a.counts.incompatible],
    ['conflicts', a.counts.conflicts],
    ['excluded', a.counts.excluded],
  ]);
  const rows = [
    ...a.incompatible.map((p) => ['incompatible', p.name, p.target_version, `missing on ${p.missing_on.map((e) => e.endpoint_name).join(', ')}`]),
    ...a.conflicts.map((p) => [
      'conflict',
      p.name,
      p.target_version,
      `versions ${p.versions.map((v) => `${v.version} (${v.count})`).join(', ')}; ${p.resolution} → ${p.resolved_version ?? '-'}`,
    ]),
  ];
  if (rows.length > 0) {
    say(mode, '');
    table(mode, ['PROBLEM', 'PACKAGE', 'TARGET', 'DETAIL'], rows);
  }
  if (a.endpoints_without_repositories.length > 0) {
    say(mode, `members without a repository report: ${a.endpoints_without_repositories.map((e) => e.endpoint_name).join(', ')}`);
  }
}
