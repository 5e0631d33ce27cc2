import { randomBytes } from 'node:crypto';

/** An opaque request id: 128 random bits, base64url (22 characters). Unguessable, so a button's id grants nothing. */
export const randomRequestId = (): string => randomBytes(16).toString('base64url');
