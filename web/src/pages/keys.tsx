// API keys (admin): create — the secret is shown once, with a copy button, and for an enroll key
// the exact `pacsync register …` command for a new machine —, list, revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { CreatedKey, CreateKeyBody, EndpointView, KeyRole, KeyView, PageOf } from '../../../src/contracts/index.js';
import { api } from '../api/client.js';
import { useKeys, usePools } from '../api/queries.js';
import { CopyButton, Dialog, ErrorNote, Field, fieldError, formatTime, formError, Loading } from '../components/ui.js';

const ROLES: KeyRole[] = ['read', 'enroll', 'endpoint', 'admin'];

/** The command to paste on a new machine (shell-quoted; the pool by name when the key has one). */
export function registerCommand(key: string, poolName: string | null): string {
  const quote = (s: string) => (/^[A-Za-z0-9_./:@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return `sudo pacsync register --server ${quote(location.origin)} --enroll-key ${quote(key)}${poolName ? ` --pool ${quote(poolName)}` : ''}`;
}

function CreateKey({ onCreated }: { onCreated: (k: CreatedKey) => void }) {
  const qc = useQueryClient();
  const pools = usePools();
  const [role, setRole] = useState<KeyRole>('read');
  const [name, setName] = useState('');
  const [pool, setPool] = useState('');
  const [expires, setExpires] = useState('');
  const [maxUses, setMaxUses] = useState('');
  const [autoApprove, setAutoApprove] = useState(false);
  // An endpoint key acts as one machine: picked by name from the server's search (10,000 machines
  // do not fit a select).
  const [endpointName, setEndpointName] = useState('');
  const [endpointMissing, setEndpointMissing] = useState<string | null>(null);
  const matches = useQuery({
    queryKey: ['endpoints', 'key-picker', endpointName],
    queryFn: () => api.get<PageOf<EndpointView>>('/endpoints', { search: endpointName, limit: 20 }),
    enabled: role === 'endpoint',
  });
  const create = useMutation({
    mutationFn: () => {
      const body: CreateKeyBody = { role, name };
      if (role === 'endpoint' && endpointName.trim()) {
        const ep = matches.data?.items.find((e) => e.name === endpointName.trim());
        if (ep) body.endpoint_id = ep.id;
      }
      if (expires) body.expires_at = new Date(`${expires}T23:59:59`).toISOString();
      if (role === 'enroll') {
        if (pool) body.pool_id = pool;
        if (maxUses.trim()) body.max_uses = Number.isInteger(Number(maxUses)) ? Number(maxUses) : (maxUses as unknown as number);
        if (autoApprove) body.auto_approve = true;
      }
      return api.post<CreatedKey>('/keys', body);
    },
    onSuccess: (k) => {
      void qc.invalidateQueries({ queryKey: ['keys'] });
      setName('');
      setEndpointName('');
      onCreated(k);
    },
  });
  const err = create.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const wanted = endpointName.trim();
    if (role === 'endpoint' && wanted && !matches.data?.items.some((x) => x.name === wanted)) {
      setEndpointMissing(`no endpoint is named '${wanted}'`);
      return;
    }
    setEndpointMissing(null);
    create.mutate();
  };
  return (
    <form className="form inline-form" onSubmit={submit} aria-label="New key">
      <Field label="Role" error={fieldError(err, 'body.role')}>
        {(id) => (
          <select id={id} value={role} onChange={(e) => setRole(e.target.value as KeyRole)}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Name" error={fieldError(err, 'body.name')}>
        {(id, d) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={d} placeholder="lab provisioning" />}
      </Field>
      <Field label="Expires (optional)" error={fieldError(err, 'body.expires_at')}>
        {(id, d) => <input id={id} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} aria-describedby={d} />}
      </Field>
      {role === 'endpoint' && (
        <Field label="Endpoint" error={endpointMissing ?? fieldError(err, 'body.endpoint_id', 'endpoint_id')} hint="its previous key is revoked">
          {(id, d) => (
            <>
              <input
                id={id}
                list={`${id}-list`}
                value={endpointName}
                autoComplete="off"
                onChange={(e) => setEndpointName(e.target.value)}
                aria-describedby={d}
                placeholder="machine name"
              />
              <datalist id={`${id}-list`}>
                {matches.data?.items.map((x) => (
                  <option key={x.id} value={x.name} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      )}
      {role === 'enroll' && (
        <>
          <Field label="Pool" error={fieldError(err, 'body.pool_id', 'body.pool')}>
            {(id) => (
              <select id={id} value={pool} onChange={(e) => setPool(e.target.value)}>
                <option value="">any pool</option>
                {pools.data?.items.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Max uses" error={fieldError(err, 'body.max_uses')}>
            {(id, d) => (
              <input
                id={id}
                inputMode="numeric"
                value={maxUses}
                onChange={(e) => setMaxUses(e.target.value)}
                aria-describedby={d}
                placeholder="no limit"
              />
            )}
          </Field>
          <label className="check">
            <input type="checkbox" checked={autoApprove} onChange={(e) => setAutoApprove(e.target.checked)} /> approve machines at once
          </label>
        </>
      )}
      <ErrorNote
        error={formError(err, [
          'body.role',
          'body.name',
          'body.expires_at',
          'body.pool_id',
          'body.pool',
          'body.max_uses',
          'body.endpoint_id',
          'endpoint_id',
        ])}
      />
      <button type="submit" className="primary" disabled={create.isPending}>
        Create key
      </button>
    </form>
  );
}

export function KeysPage() {
  const [all, setAll] = useState(false);
  const keys = useKeys(all);
  const pools = usePools();
  const qc = useQueryClient();
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [revoking, setRevoking] = useState<KeyView | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.del<KeyView>(`/keys/${id}`),
    onSuccess: () => {
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: ['keys'] });
    },
  });
  const poolName = (id: string | null) => (id ? (pools.data?.items.find((p) => p.id === id)?.name ?? id) : null);
  return (
    <>
      <h1>API keys</h1>
      <CreateKey onCreated={setCreated} />
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> show revoked keys
      </label>
      {keys.isPending && <Loading />}
      <ErrorNote error={keys.error} />
      {keys.data && (
        <table data-testid="keys">
          <thead>
            <tr>
              <th>name</th>
              <th>role</th>
              <th>scope</th>
              <th>uses</th>
              <th>last used</th>
              <th>expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.data.map((k) => (
              <tr key={k.id} data-key={k.name ?? k.id} className={k.is_active ? undefined : 'revoked'}>
                <td>{k.name ?? <span className="muted">{k.id}</span>}</td>
                <td>{k.role}</td>
                <td>
                  {k.role === 'enroll' ? (
                    `${poolName(k.pool_id) ?? 'any pool'}${k.auto_approve ? ', auto-approve' : ''}`
                  ) : k.endpoint_id ? (
                    <Link href={`/endpoints/${k.endpoint_id}`}>its endpoint</Link>
                  ) : (
                    ''
                  )}
                </td>
                <td>{k.role === 'enroll' ? `${k.uses}${k.max_uses ? ` / ${k.max_uses}` : ''}` : ''}</td>
                <td>{formatTime(k.last_used)}</td>
                <td>{formatTime(k.expires_at)}</td>
                <td>
                  {k.is_active ? (
                    <button type="button" className="danger" onClick={() => setRevoking(k)}>
                      Revoke
                    </button>
                  ) : (
                    <span className="muted">revoked</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {created && (
        <Dialog title={`Key “${created.name}” created`} onClose={() => setCreated(null)} wide>
          <p>Store it now: it is not shown again.</p>
          <p className="secret">
            <code data-testid="new-key">{created.api_key}</code> <CopyButton text={created.api_key} />
          </p>
          {created.role === 'endpoint' && (
            <p>
              The machine's previous key is revoked. Put this one in its <code>/etc/pacman-sync/client.conf</code> as <code>[server] api_key</code>.
            </p>
          )}
          {created.role === 'enroll' && (
            <>
              <p>On a new machine, run:</p>
              <p className="secret">
                <code data-testid="register-command">{registerCommand(created.api_key, poolName(created.pool_id))}</code>{' '}
                <CopyButton text={registerCommand(created.api_key, poolName(created.pool_id))} label="Copy command" />
              </p>
            </>
          )}
          <button type="button" className="primary" onClick={() => setCreated(null)}>
            Done
          </button>
        </Dialog>
      )}
      {revoking && (
        <Dialog title={`Revoke “${revoking.name ?? revoking.id}”?`} onClose={() => setRevoking(null)}>
          <p>Everything using this key stops working at once{revoking.role === 'endpoint' ? ' (that machine can no longer report)' : ''}.</p>
          <ErrorNote error={revoke.error} />
          <div className="actions">
            <button type="button" className="danger" disabled={revoke.isPending} onClick={() => revoke.mutate(revoking.id)}>
              Revoke
            </button>
            <button type="button" onClick={() => setRevoking(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
