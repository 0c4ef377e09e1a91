/** How a reminder left: by SMTP, or kept in the outbox for an administrator to read. */
export const OUTBOX_TRANSPORTS = ['smtp', 'outbox'] as const;
export type OutboxTransport = (typeof OUTBOX_TRANSPORTS)[number];
