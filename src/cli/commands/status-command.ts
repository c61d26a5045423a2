import { asc, eq, max } from 'drizzle-orm';
import { channelKey } from '../../core/channel.js';
import { describeRecap } from '../../core/schedule/describe-recap.js';
import { describeSchedule } from '../../core/schedule/describe-schedule.js';
import { channels, deliveries } from '../../db/schema.js';
import { toChannel } from '../../store/channel-store.js';
import { createDeliveryQueue } from '../../store/delivery-queue.js';
import type { CliCommand } from '../cli-context.js';
import { parseFlags, parseInteger } from '../parse-flags.js';
import { UsageError } from '../usage.js';

/** `paperboy status`: every channel with its schedule (and weekly recap, when on) and last delivery, then deliveries that failed or died. */
export const statusCommand: CliCommand = async (context) => {
  parseFlags(context.args, {});
  const services = await context.openServices();
  try {
    const { db } = services.database;
    const now = context.now();
    const rows = await db.select().from(channels).orderBy(asc(channels.id));
    const lastSent = new Map(
      (
        await db
          .select({ channelId: deliveries.channelId, at: max(deliveries.sentAt) })
          .from(deliveries)
          .where(eq(deliveries.status, 'sent'))
          .groupBy(deliveries.channelId)
      ).map((row) => [row.channelId, row.at]),
    );
    context.out(`Channels (${rows.length}):`);
    for (const row of rows) {
      const channel = toChannel(row);
      const state = channel.active ? 'active' : `INACTIVE (${channel.inactiveReason ?? 'no reason'})`;
      const sent = lastSent.get(row.id);
      context.out(`  ${channelKey(channel)}  ${state}`);
      context.out(`    digest: ${describeSchedule(channel.settings.schedule, now)}`);
      if (channel.settings.recap.enabled) {
        context.out(`    weekly recap: ${describeRecap(channel.settings.recap, now)}`);
      }
      context.out(`    last delivery: ${sent ? new Date(sent).toISOString() : 'never'}`);
    }
    const problems = await createDeliveryQueue(db).problems();
    context.out(
      problems.length === 0
        ? 'No failed or dead deliveries.'
        : `Failed or dead deliveries (${problems.length}):`,
    );
    for (const problem of problems) {
      const next = problem.status === 'failed' ? `, next attempt ${problem.nextAttemptAt.toISOString()}` : '';
      context.out(
        `  #${problem.id} ${problem.status.toUpperCase()} ${problem.kind} to ${channelKey(toChannel(problem.channel))} after ${problem.attempts} attempt(s)${next}: ${problem.lastError ?? 'no error recorded'}`,
      );
    }
    if (problems.some((problem) => problem.status === 'dead')) {
      context.out('Re-queue a dead delivery with: paperboy retry <id>');
    }
    return 0;
  } finally {
    await services.close();
  }
};

/** `paperboy retry <delivery-id>`: puts a dead delivery back in the queue. */
export const retryCommand: CliCommand = async (context) => {
  const { positionals } = parseFlags(context.args, {}, true);
  if (positionals.length !== 1) throw new UsageError('retry takes one delivery id, e.g. paperboy retry 42');
  const id = parseInteger('id', positionals[0], 1, Number.MAX_SAFE_INTEGER) ?? 0;
  const services = await context.openServices();
  try {
    const requeued = await createDeliveryQueue(services.database.db).requeue(id, context.now());
    context.out(
      requeued
        ? `Delivery #${id} is queued again; a running paperboy will post it shortly.`
        : `Delivery #${id} is not dead or failed (or does not exist); see paperboy status.`,
    );
    return requeued ? 0 : 1;
  } finally {
    await services.close();
  }
};
