import {
  type APIActionRowComponent,
  type APIModalInteractionResponseCallbackData,
  type APITextInputComponent,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import { panelModalId } from './panel-ids.js';

/** Longer than any tag a model writes (`zh-Hant-TW`, `sr-Latn-RS`), short enough to refuse pasted text. */
const MAX_LANGUAGE_TAG = 35;

/** What the modals' text inputs are called in the submission. */
export const MODAL_FIELDS = {
  time: 'time',
  minUpvotes: 'min-upvotes',
  language: 'language',
  add: 'add',
  remove: 'remove',
} as const;

const input = (field: Omit<APITextInputComponent, 'type'>): APIActionRowComponent<APITextInputComponent> => ({
  type: ComponentType.ActionRow,
  components: [{ type: ComponentType.TextInput, ...field }],
});

/** The time of day, as `HH:MM`, starting at the stored one. */
export const timeModal = (time: string): APIModalInteractionResponseCallbackData => ({
  custom_id: panelModalId('time'),
  title: 'Digest time',
  components: [
    input({
      custom_id: MODAL_FIELDS.time,
      label: 'Time of day (HH:MM, 24-hour clock)',
      style: TextInputStyle.Short,
      value: time.slice(0, 5),
      placeholder: '09:30',
      min_length: 4,
      max_length: 5,
      required: true,
    }),
  ],
});

/** The minimum upvotes of a trending paper, starting at the stored number. */
export const minUpvotesModal = (value: string): APIModalInteractionResponseCallbackData => ({
  custom_id: panelModalId('minUpvotes'),
  title: 'Minimum upvotes',
  components: [
    input({
      custom_id: MODAL_FIELDS.minUpvotes,
      label: 'Minimum upvotes of a trending paper',
      style: TextInputStyle.Short,
      value: value.slice(0, 6),
      placeholder: '0 to 100000',
      max_length: 6,
      required: true,
    }),
  ],
});

/** The language of TL;DRs and answers, starting at the stored tag. */
export const languageModal = (language: string): APIModalInteractionResponseCallbackData => ({
  custom_id: panelModalId('language'),
  title: 'Language',
  components: [
    input({
      custom_id: MODAL_FIELDS.language,
      label: 'Language of TL;DRs and answers',
      style: TextInputStyle.Short,
      value: language.slice(0, MAX_LANGUAGE_TAG),
      placeholder: 'en, de, fr, ja or pt-BR',
      max_length: MAX_LANGUAGE_TAG,
      required: true,
    }),
  ],
});

/** Terms to add (as `/subscribe` takes them) and to remove (as `/unsubscribe` takes them); both may stay empty. */
export const subscriptionsModal = (): APIModalInteractionResponseCallbackData => ({
  custom_id: panelModalId('subscriptions'),
  title: 'Subscriptions',
  components: [
    input({
      custom_id: MODAL_FIELDS.add,
      label: 'Add terms',
      style: TextInputStyle.Paragraph,
      placeholder: 'lora "vision language" -survey author:"Ilse Marrow" category:cs.CL',
      max_length: 1000,
      required: false,
    }),
    input({
      custom_id: MODAL_FIELDS.remove,
      label: 'Remove terms (as listed in the settings)',
      style: TextInputStyle.Paragraph,
      placeholder: 'lora "vision language"',
      max_length: 4000,
      required: false,
    }),
  ],
});
