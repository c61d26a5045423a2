import { type ChannelRef, parseChannelKey } from '../core/channel.js';
import { UsageError } from './usage.js';

/** `--channel console:local` (the default) or `slack:T0123:C0456` / `discord:<guild>:<channel>`, read or refused. */
export function readChannelFlag(value: string | undefined): ChannelRef {
  const ref = parseChannelKey(value ?? 'console:local');
  if (!ref) {
    throw new UsageError(`--channel must look like console:local or slack:T0123:C0456, got "${value}"`);
  }
  return ref;
}
