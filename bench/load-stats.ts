import type { BotProcess } from './bot-process.js';
import { cpuSnapshot, cpuUse } from './cpu-use.js';
import type { BenchRow } from './measure.js';

/**
 * Adds to `run`'s row who used the CPU meanwhile: the bot process (its own `/metrics`, with its event-loop
 * lag), Postgres, this process and the whole machine, so a row shows where the load saturates. A row without
 * a measurement (a skipped rate) is returned as it is.
 */
export async function withLoadStats(bot: BotProcess, run: () => Promise<BenchRow>): Promise<BenchRow> {
  const before = await bot.stats();
  const cpuBefore = cpuSnapshot();
  const row = await run();
  const cpuAfter = cpuSnapshot();
  const after = await bot.stats();
  if (row.details?.skipped) return row;
  const seconds = (cpuAfter.at - cpuBefore.at) / 1000;
  const cpuSeconds = after.cpuSeconds - before.cpuSeconds;
  const botPercent = Math.round((cpuSeconds / seconds) * 100);
  const cpu = cpuUse(cpuBefore, cpuAfter);
  return {
    ...row,
    figure:
      `${row.figure}; CPU bot ${botPercent}%, Postgres ${cpu.postgresPercent}%, bench ${cpu.benchPercent}%, ` +
      `machine ${cpu.machinePercent}% of ${cpu.cores * 100}; bot loop lag p99 ${Math.round(after.loopLagP99Ms)} ms`,
    details: {
      ...row.details,
      bot: {
        cpuSeconds,
        cpuPercent: botPercent,
        loopLagP99Ms: after.loopLagP99Ms,
        loopLagMaxMs: after.loopLagMaxMs,
      },
      cpu: { ...cpu, seconds },
    },
  };
}
