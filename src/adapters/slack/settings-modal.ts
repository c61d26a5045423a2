import type { types } from '@slack/bolt';
import type { ChannelSettings } from '../../core/channel.js';
import { sourceGroupsWith } from '../../core/commands/form-options.js';
import { settingsFormOf } from '../../core/commands/form-values.js';
import type { SettingsForm } from '../../core/commands/settings-form.js';
import { encodeModalMetadata, type ModalMetadata } from './modal-metadata.js';
import { VIEW_CALLBACKS } from './view-ids.js';
import { input, modal, option, plain } from './view-parts.js';
import { choiceIn, choicesIn, type StateValues, textIn } from './view-state.js';

const MAX_TOP = 20;
const MAX_SOURCES = 20;
/** Longer than any tag a model writes (`zh-Hant-TW`, `sr-Latn-RS`), short enough to refuse pasted text. */
const MAX_LANGUAGE_TAG = 35;

/** Two choices as radio buttons; `on` is the value the core's parser reads for true. */
const radio = (current: string, choices: readonly [value: string, label: string][]): types.RadioButtons => {
  const options = choices.map(([value, label]) => option(value, label));
  const initial = options.find((entry) => entry.value === current);
  return {
    type: 'radio_buttons',
    action_id: 'choice',
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
};
const onOff = (on: boolean, labels: [on: string, off: string] = ['On', 'Off']) =>
  radio(on ? 'on' : 'off', [
    ['on', labels[0]],
    ['off', labels[1]],
  ]);

/**
 * The settings modal of a channel: one input per `/papers config` key, each block named after its key, each
 * showing the channel's value when the modal opened. Saving sends only the inputs the person changed
 * (`changedInputs`), so a setting someone else changed meanwhile is kept.
 */
export function settingsModal(settings: ChannelSettings, metadata: ModalMetadata): types.ModalView {
  const form = settingsFormOf(settings);
  const tops = Array.from({ length: MAX_TOP }, (_, index) => option(String(index + 1)));
  const groups = sourceGroupsWith(settings.sources).map((group) => ({
    label: plain(group.label),
    options: group.sources.map((source) =>
      option(source.id, source.id === source.name ? source.id : `${source.name} (${source.id})`),
    ),
  }));
  const picked = groups
    .flatMap((group) => group.options)
    .filter((entry) => settings.sources.includes(entry.value ?? ''));
  const initialTop = tops.find((entry) => entry.value === form.top);
  return modal({
    callbackId: VIEW_CALLBACKS.settings,
    title: 'paperboy settings',
    submit: 'Save',
    metadata: encodeModalMetadata(metadata),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `Settings for <#${metadata.channelId}>` } },
      input('top', 'Papers per digest', {
        type: 'static_select',
        action_id: 'choice',
        options: tops,
        ...(initialTop ? { initial_option: initialTop } : {}),
      }),
      input(
        'min-upvotes',
        'Minimum upvotes',
        {
          type: 'plain_text_input',
          action_id: 'text',
          initial_value: String(form['min-upvotes']),
          max_length: 6,
        },
        { hint: 'Papers from the Daily Papers with fewer upvotes are left out. 0 keeps them all.' },
      ),
      input(
        'sources',
        'Sources',
        {
          type: 'multi_static_select',
          action_id: 'choices',
          option_groups: groups,
          max_selected_items: MAX_SOURCES,
          ...(picked.length > 0 ? { initial_options: picked } : {}),
        },
        {
          hint: 'Hugging Face Daily Papers and arXiv categories. Any other category: /papers config sources:…',
        },
      ),
      input('threads', 'Paper details', onOff(settings.threads, ['In a thread', 'In the digest'])),
      input(
        'alerts',
        'Papers matching subscriptions',
        radio(settings.alerts, [
          ['digest', 'In the daily digest'],
          ['instant', 'Right away, as alerts'],
        ]),
      ),
      input('empty', '"No new papers" message', onOff(settings.postWhenEmpty, ['Post it', 'Stay silent'])),
      input('learn', 'Learn from votes', onOff(settings.learn)),
      input(
        'shared',
        'Papers a teammate shared here',
        radio(settings.shared, [
          ['show', 'One line "shared by …"'],
          ['hide', 'Left out'],
        ]),
      ),
      input(
        'language',
        'Language of TL;DRs and answers',
        {
          type: 'plain_text_input',
          action_id: 'text',
          initial_value: settings.language,
          max_length: MAX_LANGUAGE_TAG,
        },
        { hint: 'A language tag such as en, de, fr, ja or pt-BR. Titles stay as they are.' },
      ),
    ],
  });
}

/** What the settings modal submitted, field by field, for `submitSettingsForm`; absent blocks change nothing. */
export function settingsFormOfState(values: StateValues): SettingsForm {
  const form: SettingsForm = {};
  const set = (key: keyof SettingsForm, value: string | readonly string[] | undefined) => {
    if (value !== undefined) form[key] = value;
  };
  set('top', choiceIn(values, 'top'));
  set('min-upvotes', textIn(values, 'min-upvotes'));
  set('sources', choicesIn(values, 'sources'));
  set('language', textIn(values, 'language'));
  for (const key of ['threads', 'alerts', 'empty', 'learn', 'shared'] as const)
    set(key, choiceIn(values, key));
  return form;
}
