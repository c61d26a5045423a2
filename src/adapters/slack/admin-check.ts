import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

/** True when the user is an admin or owner of the workspace (`users.info`, scope `users:read`). */
export async function isWorkspaceAdmin(client: webApi.WebClient, userId: string): Promise<boolean> {
  const { user } = await client.users.info({ user: userId });
  return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
}

/** `isWorkspaceAdmin`, with a failed `users.info` logged and counted as "not an admin" (never letting anyone in). */
export async function isAdmin(client: webApi.WebClient, userId: string, logger: Logger): Promise<boolean> {
  return isWorkspaceAdmin(client, userId).catch((error: unknown) => {
    logger.warn('users.info failed; treating the user as not an admin', { error });
    return false;
  });
}
