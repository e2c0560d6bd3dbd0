// The web UI: sign-in, then the console (routes below). Data comes from /api/v1 through TanStack
// Query; the WebSocket (api/live.ts) invalidates what changed, so pages update without reload.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, useEffect, useSyncExternalStore, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { Link, Route, Switch, useLocation } from 'wouter';
import { createLive, startLive, stopLive, useLiveState } from './api/live.js';
import { getSession, setSession, subscribeSession } from './api/session.js';
import { SignInPage } from './pages/sign-in.js';
import './styles.css';

// Each page is its own chunk: a deep link (say /endpoints) loads only what it shows. The pages'
// props differ (route parameters), as React's own `lazy` typing allows with `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const page = <K extends string>(load: () => Promise<Record<K, ComponentType<any>>>, name: K) => lazy(async () => ({ default: (await load())[name] }));
const DashboardPage = page(() => import('./pages/dashboard.js'), 'DashboardPage');
const EndpointPage = page(() => import('./pages/endpoint-page.js'), 'EndpointPage');
const EndpointsPage = page(() => import('./pages/endpoints.js'), 'EndpointsPage');
const EventsPage = page(() => import('./pages/events.js'), 'EventsPage');
const KeysPage = page(() => import('./pages/keys.js'), 'KeysPage');
const OperationsPage = page(() => import('./pages/operations.js'), 'OperationsPage');
const PoolPage = page(() => import('./pages/pool-page.js'), 'PoolPage');
const PoolsPage = page(() => import('./pages/pools.js'), 'PoolsPage');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      retry: (n, err) => n < 2 && !(err instanceof Error && 'status' in err && Number((err as { status: number }).status) < 500),
      refetchOnWindowFocus: false,
    },
  },
});
createLive(queryClient);

const NAV = [
  ['/', 'Dashboard'],
  ['/pools', 'Pools'],
  ['/endpoints', 'Endpoints'],
  ['/operations', 'Operations'],
  ['/events', 'Events'],
  ['/keys', 'Keys'],
] as const;

function Shell() {
  const session = useSyncExternalStore(subscribeSession, getSession);
  const [location] = useLocation();
  const live = useLiveState();
  useEffect(() => {
    if (session) startLive();
    else {
      stopLive();
      queryClient.clear();
    }
  }, [session]);
  if (!session) return <SignInPage />;
  const admin = session.caller.role === 'admin';
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">{document.title}</span>
        <nav aria-label="Main">
          {NAV.filter(([href]) => admin || href !== '/keys').map(([href, label]) => (
            <Link key={href} href={href} className={(href === '/' ? location === '/' : location.startsWith(href)) ? 'active' : undefined}>
              {label}
            </Link>
          ))}
        </nav>
        <span className={`live live-${live}`} title={`live updates: ${live}`}>
          {live === 'live' ? '● live' : live === 'connecting' ? '○ connecting' : '○ offline'}
        </span>
        <span className="who">
          {session.caller.name ?? 'key'} ({session.caller.role})
        </span>
        <button type="button" onClick={() => setSession(null)}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Switch>
            <Route path="/" component={DashboardPage} />
            <Route path="/pools" component={PoolsPage} />
            <Route path="/pools/:id">{(p) => <PoolPage id={p.id} />}</Route>
            <Route path="/endpoints" component={EndpointsPage} />
            <Route path="/endpoints/:id">{(p) => <EndpointPage id={p.id} />}</Route>
            <Route path="/operations" component={OperationsPage} />
            <Route path="/events" component={EventsPage} />
            <Route path="/keys">{admin ? <KeysPage /> : <p className="muted">Keys are managed with an admin key.</p>}</Route>
            <Route>
              <h1>Not found</h1>
              <p>
                No page here. <Link href="/">Dashboard</Link>
              </p>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  </StrictMode>,
);
