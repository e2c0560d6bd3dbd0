// The agent's executor: applies a prepared plan to this machine through the real pacman (README
// "Agent (`pacsync`)"). It only executes: the plan was read, checked and resolved before
// (sync/sync-pipeline.ts, plan-preparation.ts), and the state reached is read after by whoever
// called it.
//
//   const prepared = await preparePlanOn(resolved, ctx);                  // plan-preparation.ts
//   const result = await applyPlan(prepared, ctx, (e) => bar.update(e.percent));
//   // on PacmanFailure: report err.message, then the state reached (machine-state.ts)
//
// How many pacman transactions. Arch does not support partial upgrades, so every package the plan
// installs, upgrades or downgrades goes into ONE `pacman -U` with all the files (repository
// versions fetched beforehand with `pacman -Sw`, old ones from the cache or the archive): pacman
// checks dependencies over the whole set and commits it as one transaction, and a refusal leaves
// the system untouched. Mixing `-S` and `-U` would need two transactions, with a window where
// half the set is new. Then, in this order:
//   `pacman -D --asdeps/--asexplicit`  install reasons: one -U cannot give different reasons to
//        different files (new files are explicit; upgrades keep theirs). Only database metadata.
//   `pacman -R <names>`  the plan's removals, after the transaction because they are judged on the
//        state after it (an old version may need what the new one does not). The plan lists the
//        extras AND the dependencies only they needed (what -Rs would take), computed so that no
//        target package and no excluded one is taken; `-R` with that list removes exactly it,
//        where `-Rs` would also take a dependency the target keeps. A planned removal that an
//        incoming package conflicts with is removed inside the -U transaction instead.
// Every pacman call ends its options with `--`: what follows is a target even if it looked like an
// option (plans are checked before, see core/plan-check.ts; this is the second wall).
// Each step is one consistent pacman transaction; a failing step stops the rest and is reported
// with pacman's message (PacmanFailure) — the caller re-reads the state reached. A step, once
// started, is never interrupted (pacman-runner.ts); stopping the agent (ctx.signal aborted) lets
// the running step finish and starts no other (StepsStopped).
import { copyFile, constants, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ExecutorContext } from './executor-context.js';
import { PacmanFailure, StepsStopped, type ExecutorStep, type SnapperSnapshot } from './executor-errors.js';
import { PacmanRunner } from './pacman-runner.js';
import { releasePrepared } from './plan-preparation.js';
import type { ExcludedPackage, ItemAction, PreparedPlan, ProgressCallback } from './plan-types.js';
import { parseOperationLine, SnapshotCollector } from './transaction-output.js';

export interface AppliedChange {
  name: string;
  action: ItemAction;
  from_version: string | null;
  to_version: string;
}

export interface ApplyResult {
  changed: AppliedChange[];
  /** Pulled in by pacman to satisfy dependencies (installed as dependencies). */
  pulled_in: { name: string; version: string }[];
  removed: string[];
  reasons_changed: { name: string; reason: 'dependency' | 'explicit' }[];
  excluded: ExcludedPackage[];
  held: string[];
  /** Steps run, in order. */
  steps: ExecutorStep[];
  /** snap-pac's snapshots, or null when snapper with snap-pac is not installed. */
  snapshots: SnapperSnapshot[] | null;
}

interface Step {
  step: ExecutorStep;
  args: string[];
  /** Package operations this step reports (for progress). */
  count: number;
}

/** Applies a prepared plan. Removes the staging directory when done, whatever happens. */
export async function applyPlan(prepared: PreparedPlan, ctx: ExecutorContext, onProgress?: ProgressCallback): Promise<ApplyResult> {
  const runner = new PacmanRunner(ctx.pacman, { env: ctx.env, interactive: ctx.interactive });
  const steps: Step[] = [];
  if (prepared.items.length > 0) {
    steps.push({
      step: 'transaction',
      // --ask 4 answers "remove the conflicting package?" with yes: preparation made sure every
      // such package is one the plan removes anyway.
      args: [
        '-U',
        ...(prepared.conflict_removals.length > 0 ? ['--ask', '4'] : []),
        ...(prepared.overwrite ?? []),
        '--',
        ...prepared.items.map((i) => i.file),
      ],
      count: prepared.items.length + prepared.pulled_in.length + prepared.conflict_removals.length,
    });
  }
  if (prepared.asdeps.length > 0) steps.push({ step: 'reasons', args: ['-D', '--asdeps', '--', ...prepared.asdeps], count: prepared.asdeps.length });
  if (prepared.asexplicit.length > 0) {
    steps.push({ step: 'reasons', args: ['-D', '--asexplicit', '--', ...prepared.asexplicit], count: prepared.asexplicit.length });
  }
  if (prepared.removals.length > 0) steps.push({ step: 'remove', args: ['-R', '--', ...prepared.removals], count: prepared.removals.length });

  const total = steps.reduce((n, s) => n + s.count, 0);
  let done = 0;
  const completed: ExecutorStep[] = [];
  const snapshots: SnapperSnapshot[] = [];
  try {
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i] as Step;
      if (ctx.signal?.aborted)
        throw new StepsStopped(
          completed,
          steps.slice(i).map((x) => x.step),
          snapshots,
        );
      const emit = (pkg: string | null, message: string): void =>
        onProgress?.({
          step: s.step,
          step_index: i + 1,
          step_count: steps.length,
          package: pkg,
          message,
          done,
          total,
          percent: total === 0 ? 100 : Math.min(100, Math.floor((100 * done) / total)),
        });
      const start = done;
      const collector = new SnapshotCollector(s.step);
      let current: string | null = null;
      emit(null, `pacman ${s.args[0]}`);
      try {
        await runner.run(s.args, {
          step: s.step,
          transaction: true,
          onLine: (line) => {
            if (prepared.snapper) collector.feed(line);
            const op = parseOperationLine(line);
            // pacman announces a package when it starts on it: the previous one is complete.
            if (op !== null) {
              if (current !== null) done = Math.min(start + s.count, done + 1);
              current = op.name;
              emit(op.name, `${op.op} ${op.name}`);
              return;
            }
            const reason = /^(\S+): install reason has been set to/.exec(line);
            if (reason) {
              done = Math.min(start + s.count, done + 1);
              emit(reason[1] as string, `${reason[1]}: install reason set`);
            }
          },
        });
      } finally {
        snapshots.push(...collector.snapshots);
      }
      done = start + s.count;
      completed.push(s.step);
      emit(null, `${s.step} done`);
    }
  } catch (err) {
    if (err instanceof PacmanFailure) throw err.withContext(completed, snapshots);
    throw err;
  } finally {
    await keepDownloads(prepared, ctx);
    await releasePrepared(prepared);
  }
  return {
    changed: prepared.items.map((i) => ({ name: i.name, action: i.action, from_version: i.from_version, to_version: i.version })),
    pulled_in: prepared.pulled_in,
    removed: [...prepared.conflict_removals, ...prepared.removals],
    reasons_changed: [
      ...prepared.asdeps.map((name) => ({ name, reason: 'dependency' as const })),
      ...prepared.asexplicit.map((name) => ({ name, reason: 'explicit' as const })),
    ],
    excluded: prepared.excluded,
    held: prepared.held,
    steps: completed,
    snapshots: prepared.snapper ? snapshots : null,
  };
}

/**
 * Verified archive downloads go into the package cache with their .sig, as pacman keeps what it
 * downloads: a later revert finds them there (and pacman checks the .sig beside a cached file).
 * A file whose signature was not verified — unsigned under `Optional`, or not checked under
 * `Never` — is not kept: the cache must hold nothing a later revert would take for pacman's own
 * download. Best effort — without write access (the agent is not root and pacman ran through
 * sudo) nothing is kept.
 */
async function keepDownloads(prepared: PreparedPlan, ctx: ExecutorContext): Promise<void> {
  if (prepared.staging_dir === null) return;
  for (const item of prepared.items) {
    if (!item.file.startsWith(prepared.staging_dir + path.sep) || item.signature?.status !== 'verified') continue;
    const dest = path.join(ctx.pacman.cacheDir, path.basename(item.file));
    const kept = await copyFile(item.file, dest, constants.COPYFILE_EXCL).then(
      () => true,
      () => false,
    );
    // Never a package without its .sig: pacman would take it under LocalFileSigLevel as unsigned.
    if (kept) await copyFile(item.signature.sigFile, `${dest}.sig`).catch(() => rm(dest, { force: true }).catch(() => undefined));
  }
}
