import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { slackInstallations } from '../../db/schema.js';
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
  const fetch = async (query: InstallationQuery<boolean>): Promise<Installation | null> => {
    const keys = [installKey(query)];
    // A workspace of an org that installed paperboy org-wide is served by the org's installation.
    if (!query.isEnterpriseInstall && query.enterpriseId) keys.push(`enterprise:${query.enterpriseId}`);
    for (const key of keys) {
      const [row] = await db.select().from(slackInstallations).where(eq(slackInstallations.installKey, key));
      if (row) return JSON.parse(box.open(row.installationEncrypted, key)) as Installation;
    }
    return null;
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

    /** The bot token for posting to a workspace, or null when paperboy is not (any more) installed there. */
    async botToken(teamId: string): Promise<string | null> {
      const installation = await fetch({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
      return installation?.bot?.token ?? null;
    },
  } satisfies InstallationStore & Record<string, unknown>;
  return store;
}

export type SlackInstallationStore = ReturnType<typeof createSlackInstallationStore>;
