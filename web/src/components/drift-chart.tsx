// A pool's drift over time (in sync / behind / ahead members) from `drift-history`, drawn with
// uPlot as step lines (a sample is stored only when the counts change, so the value holds until
// the next one). The last sample is carried to "now" so a quiet pool still shows a line.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DriftHistoryView } from '../../../src/contracts/index.js';

const SERIES = [
  { key: 'in_sync', label: 'in sync', stroke: '#2f9e44' },
  { key: 'behind', label: 'behind', stroke: '#e8590c' },
  { key: 'ahead', label: 'ahead', stroke: '#1c7ed6' },
] as const;

export function DriftChart({ history, height = 160 }: { history: DriftHistoryView; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || history.samples.length === 0) return;
    const samples = history.samples;
    const xs = samples.map((s) => new Date(s.timestamp).getTime() / 1000);
    const last = samples[samples.length - 1]!;
    const now = Date.now() / 1000;
    if (now > xs[xs.length - 1]!) xs.push(now);
    const column = (k: (typeof SERIES)[number]['key']) => {
      const ys = samples.map((s) => s[k]);
      if (xs.length > ys.length) ys.push(last[k]);
      return ys;
    };
    const data: uPlot.AlignedData = [xs, ...SERIES.map((s) => column(s.key))];
    const plot = new uPlot(
      {
        width: Math.max(el.clientWidth, 200),
        height,
        series: [{}, ...SERIES.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, paths: uPlot.paths.stepped!({ align: 1 }) }))],
        axes: [
          { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,.2)' } },
          { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,.2)' }, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] },
        ],
        scales: { y: { range: (_u, _min, max) => [0, Math.max(max, 1)] } },
        legend: { show: true },
      },
      data,
      el,
    );
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 200), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [history, height]);
  if (history.samples.length === 0) return <p className="muted">No drift history yet.</p>;
  return <div className="chart" ref={box} role="img" aria-label="members in sync, behind and ahead over time" />;
}
