// Repository analysis of a pool: compatible / incompatible / conflicting packages, the versions
// members would get, and the automatic exclusion candidates with one click to exclude them.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AnalysisView, PoolDetail } from '../../../src/contracts/index.js';
import { api } from '../api/client.js';
import { useAnalysis } from '../api/queries.js';
import { ErrorNote, formatTime, Loading, Write } from '../components/ui.js';

export function AnalysisPanel({ pool }: { pool: PoolDetail }) {
  // Asked for only once someone looks (it may not exist yet: then the run button is the way).
  const [asked, setAsked] = useState(false);
  const analysis = useAnalysis(pool.id, asked);
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => api.post<AnalysisView>(`/pools/${pool.id}/analyze`),
    onSuccess: (a) => qc.setQueryData(['pool', pool.id, 'analysis'], a),
  });
  const exclude = useMutation({
    mutationFn: (names: string[]) =>
      api.put(`/pools/${pool.id}`, { settings: { excluded_packages: [...new Set([...pool.settings.excluded_packages, ...names])] } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['pool', pool.id] }),
  });
  const a = run.data ?? analysis.data;
  return (
    <>
      <div className="actions">
        {!a && !asked && (
          <button type="button" onClick={() => setAsked(true)}>
            Show the latest analysis
          </button>
        )}
        <Write>
          <button type="button" className="primary" disabled={run.isPending || !pool.target_state_id} onClick={() => run.mutate()}>
            {run.isPending ? 'Analysing…' : 'Analyse repositories now'}
          </button>
        </Write>
      </div>
      {asked && analysis.isPending && <Loading what="the analysis" />}
      {!a && <ErrorNote error={run.error ?? analysis.error} />}
      {a && (
        <div data-testid="analysis">
          <p>
            Analysed {formatTime(a.analysed_at)} {a.stale && <span className="badge badge-behind">target changed since: re-run</span>} ·{' '}
            <AnalysisCounts counts={a.counts} />
          </p>
          {a.exclusions.automatic.length > 0 && (
            <p>
              Exclusion candidates: {a.exclusions.automatic.join(', ')}{' '}
              <Write>
                <button type="button" disabled={exclude.isPending} onClick={() => exclude.mutate(a.exclusions.automatic)}>
                  Add to the pool's exclusions
                </button>
              </Write>
            </p>
          )}
          <ErrorNote error={exclude.error} />
          {a.incompatible.length > 0 && (
            <>
              <h3>Incompatible</h3>
              <table>
                <thead>
                  <tr>
                    <th>package</th>
                    <th>target</th>
                    <th>missing on</th>
                    <th>versions</th>
                  </tr>
                </thead>
                <tbody>
                  {a.incompatible.map((p) => (
                    <tr key={p.name}>
                      <td>{p.name}</td>
                      <td>{p.target_version}</td>
                      <td>{p.missing_on.map((e) => e.endpoint_name).join(', ')}</td>
                      <td>{p.versions.map((v) => `${v.version} ×${v.count}`).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {a.conflicts.length > 0 && (
            <>
              <h3>Conflicting versions</h3>
              <table>
                <thead>
                  <tr>
                    <th>package</th>
                    <th>target</th>
                    <th>versions per endpoint</th>
                    <th>resolved</th>
                  </tr>
                </thead>
                <tbody>
                  {a.conflicts.map((p) => (
                    <tr key={p.name}>
                      <td>{p.name}</td>
                      <td>{p.target_version}</td>
                      <td>
                        {p.versions
                          .map((v) => `${v.version} ×${v.count}${v.endpoints ? ` (${v.endpoints.map((e) => e.endpoint_name).join(', ')})` : ''}`)
                          .join('; ')}
                      </td>
                      <td>
                        {p.resolved_version ?? '—'} ({p.resolution})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {a.compatible.length > 0 && (
            <details>
              <summary>{a.compatible.length} compatible packages</summary>
              <p>{a.compatible.join(', ')}</p>
            </details>
          )}
          {a.endpoints_without_repositories.length > 0 && (
            <p className="muted">No repository report yet from: {a.endpoints_without_repositories.map((e) => e.endpoint_name).join(', ')}</p>
          )}
        </div>
      )}
    </>
  );
}

/** "n of m members · compatible · incompatible · conflicting · excluded", the analysis in one line. */
function AnalysisCounts({ counts: c }: { counts: AnalysisView['counts'] }) {
  return (
    <>
      {c.endpoints_analysed} of {c.endpoints} members · {c.compatible} compatible · {c.incompatible} incompatible · {c.conflicts} conflicting ·{' '}
      {c.excluded} excluded
    </>
  );
}
