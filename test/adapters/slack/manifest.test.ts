import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SLACK_ASK_SHORTCUT,
  SLACK_BOT_EVENTS,
  SLACK_BOT_SCOPES,
  SLACK_ROUTES,
  SLACK_SHORTCUT,
  SLACK_UNFURL_DOMAINS,
} from '../../../src/adapters/slack/slack-adapter.js';
import { paperIdOfUrl } from '../../../src/core/paper-links.js';
import { FAKE_UNFURL_DOMAINS } from '../../helpers/fake-slack-unfurls.js';

const manifest = readFileSync(new URL('../../../slack/manifest.yml', import.meta.url), 'utf8');

/** The items of the YAML list under `key:` (the manifest is simple enough to read without a YAML parser). */
const listUnder = (key: string): string[] => {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim().startsWith('#')) continue;
    const item = /^\s*- (\S+)$/.exec(line);
    if (!item) break;
    items.push(item[1] ?? '');
  }
  return items;
};

describe('slack/manifest.yml', () => {
  it('asks for exactly the bot scopes paperboy requests when installed', () => {
    expect(listUnder('bot')).toEqual(SLACK_BOT_SCOPES);
    expect(SLACK_BOT_SCOPES).toEqual([
      'commands',
      'chat:write',
      'users:read',
      'channels:read',
      'groups:read',
      'reactions:read',
      'files:write',
      'im:write',
      'links:read',
      'links:write',
      'app_mentions:read',
    ]);
  });

  it('says why it asks for each scope, in a comment above it', () => {
    const lines = manifest.split('\n');
    for (const scope of SLACK_BOT_SCOPES) {
      const at = lines.findIndex((line) => line.trim() === `- ${scope}`);
      const above = lines.slice(0, at).reverse();
      const comment = above.find((line) => !/^\s*- /.test(line));
      expect(comment?.trim(), scope).toMatch(/^# \S/);
    }
  });

  it('registers the paper sites as unfurl domains (at most five), under features', () => {
    expect(listUnder('unfurl_domains')).toEqual(SLACK_UNFURL_DOMAINS);
    expect(SLACK_UNFURL_DOMAINS).toEqual(['arxiv.org', 'huggingface.co', 'hf.co', 'alphaxiv.org', 'doi.org']);
    expect(SLACK_UNFURL_DOMAINS.length).toBeLessThanOrEqual(5);
    const lines = manifest.split('\n');
    const at = lines.findIndex((line) => line.trim() === 'unfurl_domains:');
    const parent = lines
      .slice(0, at)
      .reverse()
      .find((line) => /^\S/.test(line));
    expect(parent).toBe('features:');
    // The fake Slack takes unfurls for the same domains.
    expect(FAKE_UNFURL_DOMAINS).toEqual(SLACK_UNFURL_DOMAINS);
  });

  it('has an unfurl domain for every host of a paper link paperboy reads', () => {
    const links = [
      'https://arxiv.org/abs/2606.00467',
      'https://export.arxiv.org/abs/2606.00467',
      'https://www.arxiv.org/pdf/2606.00467v2',
      'https://huggingface.co/papers/2606.00467',
      'https://hf.co/papers/2606.00467',
      'https://www.alphaxiv.org/abs/2606.00467',
      'https://doi.org/10.48550/arXiv.2606.00467',
      'https://dx.doi.org/10.48550/arXiv.2606.00467',
    ];
    for (const link of links) {
      expect(paperIdOfUrl(link), link).toBe('2606.00467');
      const host = new URL(link).hostname;
      expect(
        SLACK_UNFURL_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`)),
        host,
      ).toBe(true);
    }
  });

  it('sends mentions escaped, so /papers saved by:@someone carries the user id', () => {
    expect(manifest).toMatch(/\n\s+should_escape: true\n/);
  });

  it('subscribes to the events the adapter handles, and sends everything to /slack/events', () => {
    expect(listUnder('bot_events')).toEqual(SLACK_BOT_EVENTS);
    expect(SLACK_BOT_EVENTS).toEqual([
      'member_joined_channel',
      'app_uninstalled',
      'tokens_revoked',
      'reaction_added',
      'reaction_removed',
      'link_shared',
      'app_mention',
      'app_home_opened',
    ]);
    expect(manifest).toContain('command: /papers');
    expect(manifest.match(/\b(url|request_url|message_menu_options_url): (\S+)/g)).toEqual([
      `url: https://paperboy.example.com${SLACK_ROUTES.events}`,
      `request_url: https://paperboy.example.com${SLACK_ROUTES.events}`,
      `request_url: https://paperboy.example.com${SLACK_ROUTES.events}`,
      `message_menu_options_url: https://paperboy.example.com${SLACK_ROUTES.events}`,
    ]);
    expect(manifest).toContain(`https://paperboy.example.com${SLACK_ROUTES.redirect}`);
  });

  it('enables the Home tab, keeps the Messages tab (for /papers there and exports), and offers the settings shortcut', () => {
    expect(manifest).toMatch(
      /\n {2}app_home:\n(\s+#.*\n)*\s+home_tab_enabled: true\n\s+messages_tab_enabled: true\n\s+messages_tab_read_only_enabled: false\n/,
    );
    const lines = manifest.split('\n');
    const at = lines.findIndex((line) => line.trim() === 'shortcuts:');
    expect(
      lines
        .slice(0, at)
        .reverse()
        .find((line) => /^\S/.test(line)),
    ).toBe('features:');
    expect(lines.slice(at + 1, at + 5).map((line) => line.trim())).toEqual([
      `- name: ${SLACK_SHORTCUT.name}`,
      'type: global',
      `callback_id: ${SLACK_SHORTCUT.callbackId}`,
      expect.stringMatching(/^description: .{1,150}$/),
    ]);
    expect(SLACK_SHORTCUT.name.length).toBeLessThanOrEqual(24);
  });

  it('offers the Ask paperboy message shortcut the listener answers', () => {
    const lines = manifest.split('\n').map((line) => line.trim());
    const at = lines.indexOf(`- name: ${SLACK_ASK_SHORTCUT.name}`);
    expect(at).toBeGreaterThan(lines.indexOf('shortcuts:'));
    expect(at).toBeLessThan(lines.indexOf('slash_commands:'));
    expect(lines.slice(at + 1, at + 4)).toEqual([
      'type: message',
      `callback_id: ${SLACK_ASK_SHORTCUT.callbackId}`,
      expect.stringMatching(/^description: .{1,150}$/),
    ]);
    expect(SLACK_ASK_SHORTCUT.name.length).toBeLessThanOrEqual(24);
  });
});
