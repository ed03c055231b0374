import type { Db } from '@lifecycle/db';
import type { TemplateRenderer } from '@lifecycle/messaging';
import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import type { WorkerConfig } from '../config';

/**
 * The SMTP server the activities send through: a nodemailer SMTP transporter. Made with `pool: true`, its pool's
 * connections are reused (sendThroughPool); otherwise only its connection options are used and each email gets a
 * connection of its own (sendOverSmtp).
 */
export interface MailTransport {
  options: SMTPTransportOptions;
  /** nodemailer's transport inside the transporter; its SMTP pool when made with `pool: true`. */
  transporter?: unknown;
}

/** What the activities are built over; `clock` defaults to the system time, `renderer` to the process's render pool. */
export interface ActivityDeps {
  db: Db;
  transport: MailTransport;
  config: Pick<WorkerConfig, 'mailFrom' | 'publicUrl' | 'trackingSecret'>;
  clock?: () => Date;
  /** Renders templates on worker threads, so a slow template never blocks the worker's event loop. */
  renderer?: TemplateRenderer;
}

export type ResolvedDeps = Required<ActivityDeps>;
