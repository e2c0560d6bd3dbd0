// Sign-in with an API key (admin or read). `GET /me` tells the key's role; other roles are
// refused here (the console is for administrators and readers).
import { useState, type FormEvent } from 'react';
import type { CallerView } from '../../../src/contracts/index.js';
import { ApiError, request } from '../api/client.js';
import { setSession } from '../api/session.js';
import { Field } from '../components/ui.js';

export function SignInPage() {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const caller = await request<CallerView>('GET', '/me', undefined, key.trim());
      if (caller.role !== 'admin' && caller.role !== 'read') {
        setError(`this is an ${caller.role} key: sign in with an admin or read key`);
        return;
      }
      setSession({ key: key.trim(), caller });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'the server could not be reached');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <form onSubmit={submit} aria-label="Sign in">
        <h1>{document.title}</h1>
        <p className="muted">Sign in with an admin or read API key. It is kept in this tab only and forgotten when you sign out or close it.</p>
        <Field label="API key" error={error}>
          {(id, describedBy) => (
            <input
              id={id}
              name="api-key"
              type="password"
              autoComplete="off"
              spellCheck={false}
              required
              value={key}
              onChange={(e) => setKey(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
              autoFocus
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
