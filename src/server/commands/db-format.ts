// Human output of the `db` commands (tables for a terminal; --json prints the objects instead).
import type { ConsistencyProblem } from '../../db/consistency.repository.js';
import type { DatabaseStats } from '../../db/maintenance.repository.js';
import type { RetentionCounts } from '../services/retention.service.js';

/** 1536 → "1.5 KiB"; null → "-". */
export function humanBytes(bytes: number | null): string {
  if (bytes === null) return '-';
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u += 1;
  }
  return u === 0 ? `${n} bytes` : `${n.toFixed(1)} ${units[u]}`;
}

/** Left-aligned columns separated by two spaces. */
export function columns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

export function formatCleanup(counts: RetentionCounts, dryRun: boolean): string {
  const entries = Object.entries(counts) as [string, number][];
  const total = entries.reduce((a, [, n]) => a + n, 0);
  const lines = columns([['TABLE', dryRun ? 'WOULD DELETE' : 'DELETED'], ...entries.map(([t, n]) => [t, String(n)])]);
  return `${lines}\n${dryRun ? `dry run: ${total} row(s) would be deleted, nothing was` : `${total} row(s) deleted`}`;
}

export function formatStats(s: DatabaseStats): string {
  const out = [
    `engine: ${s.engine}`,
    `database size: ${humanBytes(s.database_bytes)} (${s.database_bytes} bytes; table sizes from ${s.size_method})`,
  ];
  if (s.connections) {
    const states = Object.entries(s.connections.by_state)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    out.push(`connections: ${s.connections.total} of max_connections ${s.connections.max} (${states || 'none'})`);
  }
  if (s.engine === 'postgresql')
    out.push(`cache hit ratio: ${s.cache_hit_ratio === null ? '- (no reads yet)' : `${(s.cache_hit_ratio * 100).toFixed(2)}%`}`);
  if (s.sqlite)
    out.push(`pages: ${s.sqlite.page_count} × ${s.sqlite.page_size} bytes, ${s.sqlite.freelist_count} free; WAL ${humanBytes(s.sqlite.wal_bytes)}`);
  out.push(
    '',
    columns([
      ['TABLE', 'ROWS', 'TABLE SIZE', 'INDEXES', 'TOTAL'],
      ...s.tables.map((t) => [t.name, String(t.rows), humanBytes(t.table_bytes), humanBytes(t.index_bytes), humanBytes(t.total_bytes)]),
    ]),
  );
  if (s.engine === 'postgresql') {
    if (s.slow_queries === null) out.push('slow queries: - (pg_stat_statements is not installed in this database)');
    else
      out.push(
        'slow queries (pg_stat_statements, most total time):',
        ...s.slow_queries.map(
          (q) =>
            `  ${q.total_ms.toFixed(0)} ms total, ${q.calls} calls, ${q.mean_ms.toFixed(1)} ms mean: ${q.query.replace(/\s+/g, ' ').slice(0, 120)}`,
        ),
      );
  }
  out.push(
    '',
    columns([
      ['INDEX', 'TABLE', 'SIZE', 'SCANS'],
      ...s.indexes.map((i) => [i.name, i.table, humanBytes(i.bytes), i.scans === null ? '-' : String(i.scans)]),
    ]),
  );
  return out.join('\n');
}

export function formatCheck(problems: readonly ConsistencyProblem[]): string {
  if (problems.length === 0) return 'no problems found';
  const lines = [`${problems.length} problem${problems.length === 1 ? '' : 's'} found:`];
  for (const p of problems) {
    const more = p.count > p.samples.length ? `, … (${p.count - p.samples.length} more)` : '';
    lines.push(`- ${p.check}: ${p.count} ${p.description}: ${p.samples.join(', ')}${more}`);
  }
  return lines.join('\n');
}

export interface VacuumReport {
  engine: 'postgresql' | 'sqlite';
  before_bytes: number;
  after_bytes: number;
  tables: { name: string; before_bytes: number | null; after_bytes: number | null }[];
}

export function formatVacuum(r: VacuumReport): string {
  const freed = r.before_bytes - r.after_bytes;
  return [
    columns([['TABLE', 'BEFORE', 'AFTER'], ...r.tables.map((t) => [t.name, humanBytes(t.before_bytes), humanBytes(t.after_bytes)])]),
    `database: ${humanBytes(r.before_bytes)} before, ${humanBytes(r.after_bytes)} after ` +
      `(${freed >= 0 ? `${humanBytes(freed)} freed` : `${humanBytes(-freed)} grown`})`,
  ].join('\n');
}
