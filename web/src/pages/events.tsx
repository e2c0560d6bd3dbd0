// The audit log: every administrative change and system event, with filters, newest first.
import { useState } from 'react';
import { usePools, useEvents, type EventFilter } from '../api/queries.js';
import { Badge, Empty, ErrorNote, formatTime, Loading } from '../components/ui.js';

const PAGE = 50;

export function EventsPage() {
  const pools = usePools();
  const [f, setF] = useState<EventFilter>({});
  const [type, setType] = useState('');
  const [offset, setOffset] = useState(0);
  const filter = { ...f, event_type: type.trim() || undefined, limit: PAGE, offset };
  const events = useEvents(filter);
  const set = (patch: EventFilter) => {
    setF({ ...f, ...patch });
    setOffset(0);
  };
  return (
    <>
      <h1>Events</h1>
      <div className="filters">
        <input
          aria-label="Event type"
          placeholder="event type, e.g. pool_created"
          value={type}
          onChange={(e) => (setType(e.target.value), setOffset(0))}
        />
        <label>
          severity{' '}
          <select value={f.severity ?? ''} onChange={(e) => set({ severity: e.target.value || undefined })}>
            <option value="">any</option>
            {['info', 'warning', 'error', 'critical'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          pool{' '}
          <select value={f.pool_id ?? ''} onChange={(e) => set({ pool_id: e.target.value || undefined })}>
            <option value="">any</option>
            {pools.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          since{' '}
          <input
            type="date"
            value={f.since?.slice(0, 10) ?? ''}
            onChange={(e) => set({ since: e.target.value ? new Date(`${e.target.value}T00:00:00`).toISOString() : undefined })}
          />
        </label>
      </div>
      {events.isPending && <Loading />}
      <ErrorNote error={events.error} />
      {events.data &&
        (events.data.items.length === 0 ? (
          <Empty>No events match.</Empty>
        ) : (
          <table data-testid="events">
            <thead>
              <tr>
                <th>when</th>
                <th>severity</th>
                <th>type</th>
                <th>message</th>
                <th>who</th>
              </tr>
            </thead>
            <tbody>
              {events.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{formatTime(e.created_at)}</td>
                  <td>
                    <Badge value={e.severity} />
                  </td>
                  <td>{e.event_type}</td>
                  <td>{e.message}</td>
                  <td className="muted">{e.user_id ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {events.data && (
        <div className="pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Newer
          </button>
          <span className="muted">
            {events.data.total === 0 ? 0 : offset + 1}–{offset + events.data.items.length} of {events.data.total}
          </span>
          <button type="button" disabled={!events.data.has_more} onClick={() => setOffset(offset + PAGE)}>
            Older
          </button>
        </div>
      )}
    </>
  );
}
