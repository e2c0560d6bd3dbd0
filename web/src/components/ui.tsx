// Small building blocks shared by the pages: fields that show the server's message beside them,
// status badges, a confirmation dialog (the native <dialog>: focus-trapped, Escape closes), and
// formatting helpers.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { canWrite } from '../api/session.js';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function ago(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return `${Math.max(s, 0)} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

const words = (s: string) => s.replace(/_/g, ' ');

export function Badge({ value }: { value: string }) {
  return <span className={`badge badge-${value}`}>{words(value)}</span>;
}

/** Shown only to keys that may write (admin): a read key sees no action at all. */
export function Write({ children }: { children: ReactNode }) {
  return canWrite() ? <>{children}</> : null;
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

/** The server's message for `field` (e.g. `body.name`), when the last error named it. */
export function fieldError(error: unknown, ...fields: string[]): string | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  return fields.some((f) => error.field === f || error.field!.startsWith(`${f}.`) || error.field!.startsWith(`${f}/`)) ? error.detail : null;
}

/** A form's error that no field shows. */
export function formError(error: unknown, fields: string[]): unknown {
  if (!error) return null;
  if (error instanceof ApiError && error.field && fields.some((f) => fieldError(error, f))) return null;
  return error;
}

export function Field(props: {
  label: string;
  error?: string | null;
  hint?: ReactNode;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const errId = `${id}-err`;
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, props.error ? errId : undefined)}
      {props.hint && <div className="hint">{props.hint}</div>}
      {props.error && (
        <div className="field-error" id={errId} role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}

export function Progress({ value, label }: { value: number; label?: string }) {
  return (
    <div className="progress" role="progressbar" aria-valuenow={value} aria-valuemin={0} aria-valuemax={100} aria-label={label ?? 'progress'}>
      <div style={{ width: `${value}%` }} />
      <span>{value}%</span>
    </div>
  );
}

export function Loading({ what }: { what?: string }) {
  return <p className="muted">Loading{what ? ` ${what}` : ''}…</p>;
}

/** A modal dialog; `onClose` runs on Escape, the close button or a click outside. */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={props.wide ? 'wide' : undefined}
      aria-label={props.title}
      onClose={props.onClose}
      onClick={(e) => e.target === ref.current && props.onClose()}
    >
      <header>
        <h2>{props.title}</h2>
        <button type="button" className="ghost" aria-label="Close" onClick={props.onClose}>
          ✕
        </button>
      </header>
      <div className="dialog-body">{props.children}</div>
    </dialog>
  );
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => setDone(true),
          () => setDone(false),
        );
      }}
    >
      {done ? 'Copied' : label}
    </button>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="muted empty">{children}</p>;
}
