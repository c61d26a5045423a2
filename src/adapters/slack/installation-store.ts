import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { slackInstallations, slackOrgWorkspaces } from '../../db/schema.js';
import type { SecretBox } from './secret-box.js';

/** The row key of an installation: the org for org-wide installs, else the workspace. */
export function installKey(query: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean;
}): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `enterprise:${query.enterpriseId}`;
  if (query.teamId) return `team:${query.teamId}`;
  throw new Error('a Slack installation needs a team id (or an enterprise id for org-wide installs)');
}

/**
 * Bolt's `InstallationStore` in Postgres (the `slack_installations` table). Installations are encrypted with the
 * secret box, the install key as associated data, so a database dump holds no usable token.
 *
 * @example
 * const store = createSlackInstallationStore(db, createSecretBox(key));
 * const token = (await store.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token;
 */
export function createSlackInstallationStore(db: Database, box: SecretBox) {
  const open = async (key: string): Promise<Installation | null> => {
    const [row] = await db.select().from(slackInstallations).where(eq(slackInstallations.installKey, key));
    return row ? (JSON.parse(box.open(row.installationEncrypted, key)) as Installation) : null;
  };

  const fetch = async (query: InstallationQuery<boolean>): Promise<Installation | null> => {
    const own = await open(installKey(query));
    if (own || query.isEnterpriseInstall || !query.enterpriseId) return own;
    // A workspace of an org that installed paperboy org-wide is served by the org's installation; remember
    // which org it belongs to, for the scheduled posts that come without a request.
    const org = await open(`enterprise:${query.enterpriseId}`);
    if (org && query.teamId) {
      const link = { teamId: query.teamId, enterpriseId: query.enterpriseId };
      await db
        .insert(slackOrgWorkspaces)
        .values(link)
        .onConflictDoUpdate({ target: slackOrgWorkspaces.teamId, set: { ...link, seenAt: new Date() } });
    }
    return org;
  };

  const store = {
    async storeInstallation(installation: Installation): Promise<void> {
      const key = installKey({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
      });
      const row = {
        teamId: installation.team?.id ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
        botUserId: installation.bot?.userId ?? null,
        installationEncrypted: box.seal(JSON.stringify(installation), key),
        updatedAt: new Date(),
      };
      await db
        .insert(slackInstallations)
        .values({ installKey: key, ...row })
        .onConflictDoUpdate({ target: slackInstallations.installKey, set: row });
    },

    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
      const installation = await fetch(query);
      if (!installation)
        throw new Error(`paperboy is not installed in Slack workspace ${query.teamId ?? query.enterpriseId}`);
      return installation;
    },

    async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
      await db.delete(slackInstallations).where(eq(slackInstallations.installKey, installKey(query)));
    },

    /**
     * Forgets the installation of a workspace, or of a whole org when only `enterpriseId` is known (an org-wide
     * uninstall), and returns the workspaces it served.
     */
    async forget(who: { teamId?: string | undefined; enterpriseId?: string | undefined }): Promise<string[]> {
      if (who.teamId) {
        await store.deleteInstallation({
          teamId: who.teamId,
          enterpriseId: undefined,
          isEnterpriseInstall: false,
        });
        return [who.teamId];
      }
      if (!who.enterpriseId) return [];
      const enterpriseId = who.enterpriseId;
      await store.deleteInstallation({ teamId: undefined, enterpriseId, isEnterpriseInstall: true });
      const served = await db
        .delete(slackOrgWorkspaces)
        .where(eq(slackOrgWorkspaces.enterpriseId, enterpriseId))
        .returning({ teamId: slackOrgWorkspaces.teamId });
      return served.map((row) => row.teamId);
    },

    /** The bot token for posting to a workspace, or null when paperboy is not (any more) installed there. */
    async botToken(teamId: string): Promise<string | null> {
      const own = await open(installKey({ teamId }));
      if (own) return own.bot?.token ?? null;
      const [link] = await db.select().from(slackOrgWorkspaces).where(eq(slackOrgWorkspaces.teamId, teamId));
      const org = link ? await open(`enterprise:${link.enterpriseId}`) : null;
      return org?.bot?.token ?? null;
    },
  } satisfies InstallationStore & Record<string, unknown>;
  return store;
}

export type SlackInstallationStore = ReturnType<typeof createSlackInstallationStore>;
