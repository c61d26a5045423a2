/**
 * Block Kit limits (`../shared/docs/PLATFORMS.md`) with a safety margin: Slack has rejected messages far under
 * the documented limits as `msg_blocks_too_long` at about 13k characters, so a message's blocks stay under 10k.
 * Overflow menus take 2 to 5 options, each with a label of at most 75 characters and a value of at most 150.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 45,
  sectionText: 2800,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  contextText: 2000,
  messageBlocksJson: 10_000,
  fallbackText: 3000,
} as const;
