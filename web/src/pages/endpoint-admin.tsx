// An endpoint's administrative actions (admin keys only; the page hides them from read keys):
// moving it to another pool (`PUT /endpoints/{id} {pool_id}`, null: no pool) and rotating its key
// (`POST /endpoints/{id}/rotate-key`: the new key shown once, the previous one revoked).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { EndpointDetail, EndpointView, RotatedKey } from '../../../src/contracts/index.js';
import { api, ApiError } from '../api/client.js';
import { usePools } from '../api/queries.js';
import { CopyButton, Dialog, ErrorNote, Field, fieldError, formError } from '../components/ui.js';

export function MoveEndpointDialog({ endpoint, onClose }: { endpoint: EndpointDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const pools = usePools();
  const others = pools.data?.items.filter((p) => p.id !== endpoint.pool_id) ?? [];
  const [to, setTo] = useState<string>('');
  const move = useMutation({
    mutationFn: () => api.put<EndpointView>(`/endpoints/${endpoint.id}`, { pool_id: to === 'none' ? null : to }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['endpoint', endpoint.id] });
      void qc.invalidateQueries({ queryKey: ['endpoints'] });
      void qc.invalidateQueries({ queryKey: ['pools'] });
      onClose();
    },
  });
  const err = move.error;
  // The pool picked is gone (deleted meanwhile): the server's 404 names it, beside the field.
  const poolError = fieldError(err, 'body.pool_id') ?? (err instanceof ApiError && err.code === 'RESOURCE_NOT_FOUND' ? err.message : null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate();
  };
  return (
    <Dialog title={`Move ${endpoint.name}`} onClose={onClose}>
      <form className="form" onSubmit={submit} aria-label="Move endpoint">
        <p>
          Now in {endpoint.pool ? <strong>{endpoint.pool.name}</strong> : 'no pool'}. In its new pool its drift is computed against that pool's target
          at once; in no pool it has no target.
        </p>
        <Field label="New pool" error={poolError}>
          {(id, d) => (
            <select id={id} value={to} onChange={(e) => setTo(e.target.value)} aria-describedby={d} required>
              <option value="" disabled>
                choose…
              </option>
              {others.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
              {endpoint.pool_id && <option value="none">no pool (leave {endpoint.pool?.name})</option>}
            </select>
          )}
        </Field>
        <ErrorNote error={poolError ? null : formError(err, ['body.pool_id'])} />
        <div className="actions">
          <button type="submit" className="primary" disabled={!to || move.isPending}>
            Move
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function RotateKeyDialog({ endpoint, onClose }: { endpoint: EndpointDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const rotate = useMutation({
    mutationFn: () => api.post<RotatedKey>(`/endpoints/${endpoint.id}/rotate-key`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['keys'] }),
  });
  const done = rotate.data;
  return (
    <Dialog title={done ? `New key for ${endpoint.name}` : `Rotate the key of ${endpoint.name}?`} onClose={onClose} wide>
      {done ? (
        <>
          <p>
            Store it now: it is not shown again. The previous key{done.revoked_key_ids.length === 1 ? ' is' : 's are'} revoked: until the machine has
            this one, it cannot report.
          </p>
          <p className="secret">
            <code data-testid="new-key">{done.api_key}</code> <CopyButton text={done.api_key} />
          </p>
          <p>
            On the machine, put it in <code>/etc/pacman-sync/client.conf</code> as <code>[server] api_key</code>.
          </p>
          <button type="button" className="primary" onClick={onClose}>
            Done
          </button>
        </>
      ) : (
        <>
          <p>
            A new key is issued and shown once; the machine's current key stops working at once, so it cannot report until the new key is in its
            configuration.
          </p>
          <ErrorNote error={rotate.error} />
          <div className="actions">
            <button type="button" className="danger" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
              Rotate key
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
