// The dashboard's job health and active alerts, in the server's own shapes (GET /jobs: JobView,
// GET /alerts: AlertView). Both refresh every half minute: the jobs run on the server's timer, not
// on anything the WebSocket announces.
import { useQuery } from '@tanstack/react-query';
import type { AlertList, AlertView, JobList } from '../../../src/contracts/index.js';
import { api } from '../api/client.js';
import { ago, Badge, ErrorNote, formatBytes, formatTime, Loading } from './ui.js';

const REFRESH_MS = 30_000;

/** An alert reading in its unit (`details.unit`): bytes as KiB/MiB…, percent, milliseconds. */
export function formatReading(a: Pick<AlertView, 'details'>, n: number): string {
  switch (a.details.unit) {
    case 'bytes':
      return formatBytes(n);
    case 'percent':
      return `${Math.round(n * 10) / 10} %`;
    case 'milliseconds':
      return `${Math.round(n)} ms`;
    default:
      return String(n);
  }
}

const words = (s: string) => s.replace(/_/g, ' ');

export function ActiveAlerts() {
  const q = useQuery({ queryKey: ['dashboard', 'alerts'], queryFn: () => api.get<AlertList>('/alerts'), refetchInterval: REFRESH_MS });
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Loading />;
  if (q.data.items.length === 0) return <p className="muted">No alert is active.</p>;
  return (
    <table data-testid="alerts">
      <thead>
        <tr>
          <th>alert</th>
          <th>severity</th>
          <th>value</th>
          <th>threshold</th>
          <th>since</th>
          <th>message</th>
        </tr>
      </thead>
      <tbody>
        {q.data.items.map((a) => (
          <tr key={a.name} data-alert={a.name}>
            <td>{words(a.name)}</td>
            <td>
              <Badge value={a.severity} />
            </td>
            <td>{formatReading(a, a.value)}</td>
            <td>{formatReading(a, a.threshold)}</td>
            <td title={formatTime(a.raised_at)}>{ago(a.raised_at)}</td>
            <td>{a.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([k, v]) => `${words(k)} ${v}`)
    .join(', ') || 'nothing to do';

export function JobHealth() {
  const q = useQuery({ queryKey: ['dashboard', 'jobs'], queryFn: () => api.get<JobList>('/jobs'), refetchInterval: REFRESH_MS });
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Loading />;
  return (
    <table data-testid="jobs">
      <thead>
        <tr>
          <th>job</th>
          <th>schedule (UTC)</th>
          <th>last run</th>
          <th>result</th>
          <th>next run</th>
        </tr>
      </thead>
      <tbody>
        {q.data.map((j) => (
          <tr key={j.name} data-job={j.name}>
            <td title={j.description}>{j.name}</td>
            <td>
              <code>{j.schedule}</code>
            </td>
            <td>
              {j.last_run ? (
                <>
                  <Badge value={j.last_run.status} /> <span title={formatTime(j.last_run.started_at)}>{ago(j.last_run.started_at)}</span>
                </>
              ) : (
                <span className="muted">never</span>
              )}
            </td>
            <td>{j.last_run ? (j.last_run.error_message ?? counts(j.last_run.counts)) : '—'}</td>
            <td>{j.enabled ? formatTime(j.next_run) : <span className="muted">disabled</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
