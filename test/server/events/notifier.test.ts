// The event bus's one promise: subscribers hear about committed work only. Messages queued inside
// afterCommit go out once it succeeds, are dropped when it throws, and a failed transaction's
// messages never reach anyone — checked with a real transaction that rolls back.
import { describe, expect, it } from 'vitest';
import { type Notification, Notifier } from '../../../src/server/events/notifier.js';
import { createTestDatabase, DIALECTS } from '../../support/database.js';
import { fakeClock } from '../../support/clock.js';

const msg = (n: number): Notification => ({ type: 'pool_update', channels: ['pool.x'], data: { n } });

function recording() {
  const notifier = new Notifier(fakeClock('2024-01-15T10:00:00.000Z'));
  const heard: unknown[] = [];
  notifier.subscribe((n) => heard.push(n.data.n));
  return { notifier, heard };
}

describe('Notifier', () => {
  it('publishes what was queued once the work has succeeded, in order, with the clock’s timestamp', async () => {
    const { notifier, heard } = recording();
    let during: unknown[] = [];
    await notifier.afterCommit(async () => {
      notifier.queue(msg(1));
      await Promise.resolve();
      notifier.queue(msg(2));
      during = [...heard];
    });
    expect(during).toEqual([]);
    expect(heard).toEqual([1, 2]);
  });

  it('drops what was queued when the work fails; outside any scope a message goes out at once', async () => {
    const { notifier, heard } = recording();
    await expect(
      notifier.afterCommit(async () => {
        notifier.queue(msg(1));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(heard).toEqual([]);
    notifier.queue(msg(3));
    expect(heard).toEqual([3]);
  });

  it('a listener that throws does not stop the others', async () => {
    const { notifier, heard } = recording();
    notifier.subscribe(() => {
      throw new Error('broken subscriber');
    });
    const after: unknown[] = [];
    notifier.subscribe((n) => after.push(n.timestamp));
    notifier.publish(msg(1));
    expect(heard).toEqual([1]);
    expect(after).toEqual(['2024-01-15T10:00:00.000Z']);
  });

  describe.each(DIALECTS)('with a real transaction (%s)', (dialect) => {
    it('a transaction that rolls back publishes nothing; one that commits publishes after COMMIT', async () => {
      const t = await createTestDatabase(dialect);
      try {
        const { notifier, heard } = recording();
        await expect(
          notifier.afterCommit(() =>
            t.db.transaction().execute(async (trx) => {
              await trx.insertInto('pools').values({ id: '11111111-1111-4111-8111-111111111111', name: 'lab' }).execute();
              notifier.queue(msg(1));
              await trx.insertInto('pools').values({ id: '22222222-2222-4222-8222-222222222222', name: 'lab' }).execute(); // unique name: fails
            }),
          ),
        ).rejects.toThrow();
        expect(heard).toEqual([]);
        let visibleWhenHeard = -1;
        notifier.subscribe(() => {
          void t.db
            .selectFrom('pools')
            .select('id')
            .execute()
            .then((rows) => (visibleWhenHeard = rows.length));
        });
        await notifier.afterCommit(() =>
          t.db.transaction().execute(async (trx) => {
            await trx.insertInto('pools').values({ id: '33333333-3333-4333-8333-333333333333', name: 'lab' }).execute();
            notifier.queue(msg(2));
          }),
        );
        expect(heard).toEqual([2]);
        await new Promise((r) => setTimeout(r, 50));
        expect(visibleWhenHeard).toBe(1);
      } finally {
        await t.destroy();
      }
    });
  });
});
