import type { webApi } from '@slack/bolt';

/** True when the user is an admin or owner of the workspace (`users.info`, scope `users:read`). */
export async function isWorkspaceAdmin(client: webApi.WebClient, userId: string): Promise<boolean> {
  const { user } = await client.users.info({ user: userId });
  return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
}
