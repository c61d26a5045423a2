import { PermissionFlagsBits } from 'discord.js';

/**
 * True when a member's permissions (the decimal bitfield string Discord sends, which passes 2^53) include
 * Manage Channels or Administrator. Missing or unreadable permissions grant nothing.
 *
 * @example
 * canManageChannels('16'); // true
 * canManageChannels(String(1n << 60n)); // false
 */
export function canManageChannels(permissions: string | undefined): boolean {
  if (permissions === undefined || !/^\d{1,32}$/.test(permissions)) return false;
  const granted = BigInt(permissions);
  return (granted & (PermissionFlagsBits.ManageChannels | PermissionFlagsBits.Administrator)) !== 0n;
}
