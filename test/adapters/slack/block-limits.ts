import type { SlackMessage } from '../../../src/adapters/slack/blocks.js';
import { slackBlockErrors } from '../../helpers/fake-slack-blocks.js';

interface LooseText {
  type: string;
  text: string;
}
interface LooseElement {
  type: string;
  text: string | LooseText;
  action_id?: string;
  value?: string;
}
interface LooseOverflow {
  type: string;
  action_id: string;
  options: { text: LooseText; value: string }[];
}
/** Blocks read loosely: the renderer's output is checked, not trusted to be typed right. */
interface LooseBlock {
  type: string;
  text: LooseText;
  elements: LooseElement[];
  accessory?: LooseOverflow;
}
const blocksOf = (message: SlackMessage) => message.blocks as unknown as LooseBlock[];
const textOf = (element: LooseElement) =>
  typeof element.text === 'string' ? element.text : element.text.text;

/**
 * Every Block Kit limit of `../shared/docs/PLATFORMS.md` a message breaks, as readable strings (empty when it
 * keeps to all of them), with the overall size held to the renderer's 10k budget (Slack rejected ~13k), and
 * every rule the fake Slack enforces (`slackBlockErrors`).
 */
export function blockKitViolations(message: SlackMessage): string[] {
  const problems: string[] = [...slackBlockErrors(message.blocks)];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(message.blocks.length <= 50, `${message.blocks.length} blocks`);
  check(message.blocks.length > 0, 'no blocks');
  check(
    JSON.stringify(message.blocks).length <= 10_000,
    `blocks of ${JSON.stringify(message.blocks).length} chars`,
  );
  check(
    message.text.trim().length > 0 && message.text.length <= 40_000,
    `text of ${message.text.length} chars`,
  );
  for (const block of blocksOf(message)) {
    switch (block.type) {
      case 'header':
        check(
          block.text.type === 'plain_text' && block.text.text.length <= 150,
          `header of ${block.text.text.length}`,
        );
        check(block.text.text.length > 0, 'empty header');
        break;
      case 'section':
        check(block.text.text.length <= 3000, `section of ${block.text.text.length}`);
        check(block.text.text.length > 0, 'empty section');
        if (block.accessory) {
          const { options } = block.accessory;
          check(block.accessory.type === 'overflow', `accessory ${block.accessory.type}`);
          check(options.length >= 2 && options.length <= 5, `${options.length} overflow options`);
          for (const option of options) {
            check(option.text.text.length > 0 && option.text.text.length <= 75, 'option text');
            check(
              option.value.length > 0 && option.value.length <= 150,
              `option value ${option.value.length}`,
            );
          }
          check(block.accessory.action_id.length <= 255, 'accessory action_id');
        }
        break;
      case 'context':
        check(block.elements.length <= 10, `${block.elements.length} context elements`);
        for (const element of block.elements)
          check(textOf(element).length <= 3000, `context of ${textOf(element).length}`);
        break;
      case 'actions':
        check(block.elements.length <= 25, `${block.elements.length} buttons`);
        for (const button of block.elements) {
          const label = textOf(button);
          check(label.length <= 75 && label.length > 0, `button text ${label.length}`);
          check((button.value ?? '').length <= 2000, `button value ${button.value?.length}`);
          check((button.action_id ?? '').length <= 255, 'action_id');
        }
        break;
      default:
        problems.push(`unexpected block ${block.type}`);
    }
  }
  return problems;
}

/** Every mrkdwn text of a message (sections and context elements) and its fallback text. */
export function mrkdwnTexts(message: SlackMessage): string[] {
  const texts = [message.text];
  for (const block of blocksOf(message)) {
    if (block.type === 'section') texts.push(block.text.text);
    if (block.type === 'context') texts.push(...block.elements.map(textOf));
  }
  return texts;
}

/** Slack's control sequences (`<!channel>`, `<@U1>`, `<http://x|y>`) other than the links the renderer made. */
export function controlSequences(text: string, allowedUrls: (url: string) => boolean): string[] {
  return [...text.matchAll(/<([^>]*)>/g)]
    .map((match) => match[1] ?? '')
    .filter((inner) => !allowedUrls(inner.split('|')[0] ?? ''));
}
