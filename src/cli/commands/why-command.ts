import { renderCard } from '../../adapters/console/render-card.js';
import { previewDigest } from '../../core/bot/preview-digest.js';
import { whyPaper } from '../../core/bot/why-paper.js';
import { noticeText } from '../../core/cards/card-fallback.js';
import { parsePaperId } from '../../core/commands/parse-paper-id.js';
import { readChannelFlag } from '../channel-flag.js';
import type { CliCommand } from '../cli-context.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage.js';

/**
 * `paperboy why --channel slack:T0123:C0456 <paper id or link>`: whether the paper was or will be delivered to
 * the channel, and why (not), as `/papers why` answers it there. Nothing is changed.
 */
export const whyCommand: CliCommand = async (context) => {
  const { values, positionals } = parseFlags(
    context.args,
    { channel: { type: 'string', default: 'console:local' } },
    true,
  );
  const ref = readChannelFlag(values.channel);
  const [idText, ...extra] = positionals;
  if (idText === undefined || extra.length > 0)
    throw new UsageError(
      'why takes one paper id or link, e.g. paperboy why --channel console:local 2606.93392',
    );
  const paperId = parsePaperId(idText);
  if (paperId === undefined) throw new UsageError(`"${idText}" is not an arXiv id or link, e.g. 2606.93392`);

  const services = await context.openServices();
  try {
    const channel = (await services.channels.get(ref)) ?? (await services.channels.ensure(ref));
    const reply = await whyPaper(services.bot, channel, paperId, context.now());
    context.out([reply.card.header, ...reply.card.notices.map(noticeText)].join('\n'));
    return 0;
  } finally {
    await services.close();
  }
};

/**
 * `paperboy preview --channel slack:T0123:C0456`: the digest the channel would get at its next slot, each paper
 * with why it is there, as `/papers preview` shows it. Nothing is posted or recorded.
 */
export const previewCommand: CliCommand = async (context) => {
  const { values } = parseFlags(context.args, { channel: { type: 'string', default: 'console:local' } });
  const ref = readChannelFlag(values.channel);
  const services = await context.openServices();
  try {
    const channel = (await services.channels.get(ref)) ?? (await services.channels.ensure(ref));
    const reply = await previewDigest(services.bot, channel, context.now());
    context.out(renderCard(reply.card, { color: context.interactive }));
    return 0;
  } finally {
    await services.close();
  }
};
