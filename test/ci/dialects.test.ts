// `DIALECTS=sqlite npm test` narrows the database tests to one engine locally; CI never does.
import { describe, expect, it } from 'vitest';
import { selectDialects } from '../support/database.js';

describe('DIALECTS', () => {
  it('runs both engines when unset', () => {
    expect(selectDialects(undefined, false)).toEqual(['sqlite', 'pg']);
    expect(selectDialects('', true)).toEqual(['sqlite', 'pg']);
  });

  it('narrows to the engines named, in the usual order', () => {
    expect(selectDialects('sqlite', false)).toEqual(['sqlite']);
    expect(selectDialects('postgres', false)).toEqual(['pg']);
    expect(selectDialects('PG, sqlite', false)).toEqual(['sqlite', 'pg']);
  });

  it('refuses an unknown engine, an empty list, and a narrower list under CI', () => {
    expect(() => selectDialects('mysql', false)).toThrow("DIALECTS: 'mysql' is not an engine (sqlite, pg)");
    expect(() => selectDialects(' , ', false)).toThrow('names no engine');
    expect(() => selectDialects('sqlite', true)).toThrow('CI runs every database test on both engines');
    expect(selectDialects('sqlite,pg', true)).toEqual(['sqlite', 'pg']);
  });
});
