// Tabs as the WAI-ARIA tabs pattern has them: a tablist of tabs, one tabpanel labelled by the
// selected tab, and a roving tabindex — Tab reaches the selected tab only, then the panel; Left
// and Right move to the previous / next tab (wrapping), Home and End to the first / last, and the
// tab moved to is selected at once (automatic activation: panels are cheap to show).
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export function Tabs<T extends string>(props: {
  label: string;
  tabs: readonly T[];
  value: T;
  onChange: (t: T) => void;
  children: ReactNode;
  name?: (t: T) => string;
}) {
  const base = useId();
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const tabId = (t: T) => `${base}-tab-${t}`;
  const panelId = `${base}-panel`;
  const move = (e: KeyboardEvent, i: number) => {
    const n = props.tabs.length;
    const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    const t = props.tabs[next] as T;
    props.onChange(t);
    refs.current.get(t)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={props.label} className="tabs">
        {props.tabs.map((t, i) => {
          const selected = t === props.value;
          return (
            <button
              key={t}
              ref={(el) => {
                if (el) refs.current.set(t, el);
                else refs.current.delete(t);
              }}
              id={tabId(t)}
              role="tab"
              type="button"
              aria-selected={selected}
              aria-controls={panelId}
              tabIndex={selected ? 0 : -1}
              className={selected ? 'active' : undefined}
              onClick={() => props.onChange(t)}
              onKeyDown={(e) => move(e, i)}
            >
              {props.name ? props.name(t) : t}
            </button>
          );
        })}
      </div>
      <section role="tabpanel" id={panelId} aria-labelledby={tabId(props.value)} tabIndex={0}>
        {props.children}
      </section>
    </>
  );
}
