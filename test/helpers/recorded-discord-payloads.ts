import { readShared } from './shared-data.js';

/**
 * The real Discord interaction bodies in `../shared/payloads/discord/` (see its README and PROVENANCE.md), by
 * what they are. Read them at run time inside a `describeRecorded` suite; never copy them here.
 */
export const DISCORD_PAYLOAD = {
  ping: 'ping.json',
  /** Type 2 with no guild, member, channel or options: the floor of a command body. */
  commandMinimal: 'application_command.minimal.json',
  /** A guild slash command with one string option, `member.permissions` and `app_permissions` as strings. */
  commandGuildString: 'application_command.guild.string_option.docs.json',
  /** A context-menu user command in a guild (`data.type` 2, `data.resolved`), which paperboy does not register. */
  userCommand: 'application_command.guild.user_command.docs.json',
  /** Type 3 with only `data.custom_id` and `component_type`. */
  buttonMinimal: 'message_component.minimal.json',
  /** A button click in a guild, with the whole message the button is on. */
  buttonGuild: 'message_component.button.guild.docs.json',
  /** Type 4 with one focused string option, no guild. */
  autocompleteMinimal: 'autocomplete.minimal.json',
  /** Type 4 with only `type` and `data` (a string `data.version`, a partial focused value). */
  autocompleteDataOnly: 'autocomplete.data_only.docs.json',
} as const;

/** An interaction body as the tests re-target it; every other field stays as recorded. */
export interface RecordedInteraction {
  id?: string;
  type: number;
  token?: string;
  guild_id?: string;
  channel_id?: string;
  member?: { permissions?: string; user?: Record<string, unknown> };
  user?: Record<string, unknown>;
  data?: {
    id?: string | number;
    name?: string;
    custom_id?: string;
    component_type?: number;
    values?: string[];
    options?: { type: number; name: string; value?: unknown; focused?: boolean }[];
  };
  [field: string]: unknown;
}

/** A recorded Discord body, byte for byte. */
export const readDiscordPayload = (name: string): string => readShared(`payloads/discord/${name}`);

/** A recorded Discord body, parsed, to re-target and send with `JSON.stringify`. */
export const readDiscordJson = (name: string): RecordedInteraction =>
  JSON.parse(readDiscordPayload(name)) as RecordedInteraction;

/**
 * The recorded command (or autocomplete) aimed at one of paperboy's commands: its name and the value of its
 * single option (name, type and `focused` as recorded, the option renamed to ours).
 */
export function retargetCommand(
  body: RecordedInteraction,
  command: { name: string; option?: string; value?: unknown },
): RecordedInteraction {
  const [option, ...others] = body.data?.options ?? [];
  if (others.length > 0) throw new Error('a recorded command to re-target has at most one option');
  const options =
    option && command.option
      ? [
          {
            ...option,
            name: command.option,
            ...(command.value === undefined ? {} : { value: command.value }),
          },
        ]
      : [];
  return { ...body, data: { ...body.data, name: command.name, options } };
}

/** The recorded click aimed at one of paperboy's buttons. */
export const retargetButton = (body: RecordedInteraction, customId: string): RecordedInteraction => {
  if (body.data?.custom_id === undefined) throw new Error('not a recorded button click');
  return { ...body, data: { ...body.data, custom_id: customId } };
};

/**
 * The recorded click turned into a choice in one of paperboy's string select menus: `component_type` 3 and the
 * `values` chosen, as Discord sends a select (the recordings hold only a button click).
 */
export const retargetSelect = (
  body: RecordedInteraction,
  customId: string,
  values: string[],
): RecordedInteraction => {
  const click = retargetButton(body, customId);
  return { ...click, data: { ...click.data, component_type: 3, values } };
};

/**
 * The recorded guild interaction as it arrives from a DM: the user at the top level, no `member`, no
 * `guild_id` (Discord's documented DM shape; the recordings have none).
 */
export function asDirectMessage(body: RecordedInteraction): RecordedInteraction {
  const { member, guild_id: _guild, app_permissions: _permissions, guild_locale: _locale, ...rest } = body;
  if (!member?.user) throw new Error('a recorded guild interaction has a member');
  return { ...rest, user: member.user };
}
