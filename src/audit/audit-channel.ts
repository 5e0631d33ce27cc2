import type { KeyValueStore } from '../util/key-value-store';
import { z } from 'zod';

/** Where the audit trail is posted: a Teams channel and its region's Bot Connector endpoint. */
export interface AuditChannel {
  channelId: string;
  serviceUrl: string;
  tenantId?: string;
}

/** Captured when Verdict was installed in a team (no AUDIT_CHANNEL_ID configured). */
export interface InstalledAuditChannel extends AuditChannel {
  teamName?: string;
  capturedAt: string;
  capturedBy: { aadObjectId: string; name: string };
}

const KEY = 'audit-channel/installed';

const storedSchema = z.object({
  channelId: z.string().regex(/^19:[^;]{1,500}@thread\.(?:tacv2|skype)$/),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  tenantId: z.string().max(128).optional(),
  teamName: z.string().max(256).optional(),
  capturedAt: z.string().max(64),
  capturedBy: z.object({ aadObjectId: z.string().max(128), name: z.string().max(256) }),
});

export const isChannelId = (id: string): boolean => storedSchema.shape.channelId.safeParse(id).success;
export const isServiceUrl = (url: string): boolean => storedSchema.shape.serviceUrl.safeParse(url).success;

/** The captured channel, in the bot's state store (file or Azure Blob). Unreadable data is ignored. */
export function installedAuditChannelStore(storage: KeyValueStore): {
  load(): Promise<InstalledAuditChannel | undefined>;
  save(channel: InstalledAuditChannel): Promise<void>;
  clear(): Promise<void>;
} {
  return {
    async load() {
      const parsed = storedSchema.safeParse((await storage.read([KEY]))[KEY]);
      return parsed.success ? parsed.data : undefined;
    },
    async save(channel) {
      await storage.write({ [KEY]: { ...channel, eTag: '*' } });
    },
    async clear() {
      await storage.delete([KEY]);
    },
  };
}
