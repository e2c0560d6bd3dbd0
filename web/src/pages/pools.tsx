// The pools: each with members, sync status counts and target; "New pool" for admins.
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useLiveChannels } from '../api/live.js';
import { usePools } from '../api/queries.js';
import { PoolSettingsForm } from '../components/pool-settings-form.js';
import { Dialog, Empty, ErrorNote, formatTime, Loading, Write } from '../components/ui.js';

export function PoolsPage() {
  const pools = usePools();
  const [creating, setCreating] = useState(false);
  const [, navigate] = useLocation();
  useLiveChannels((pools.data?.items ?? []).map((p) => `pool.${p.id}`));
  return (
    <>
      <div className="title-row">
        <h1>Pools</h1>
        <Write>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New pool
          </button>
        </Write>
      </div>
      {pools.isPending && <Loading />}
      <ErrorNote error={pools.error} />
      {pools.data && pools.data.items.length === 0 && <Empty>No pools yet.</Empty>}
      {pools.data && pools.data.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>name</th>
              <th>members</th>
              <th>conflict policy</th>
              <th>target</th>
              <th>updated</th>
            </tr>
          </thead>
          <tbody>
            {pools.data.items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={`/pools/${p.id}`}>{p.name}</Link>
                  {p.description && <div className="muted">{p.description}</div>}
                </td>
                <td>{p.endpoint_count}</td>
                <td>{p.settings.conflict_resolution}</td>
                <td>{p.target_state_id ? 'set' : <span className="muted">none yet</span>}</td>
                <td>{formatTime(p.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <Dialog title="New pool" onClose={() => setCreating(false)}>
          <PoolSettingsForm onDone={(p) => navigate(`/pools/${p.id}`)} />
        </Dialog>
      )}
    </>
  );
}
