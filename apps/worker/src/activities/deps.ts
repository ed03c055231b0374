import type { Db } from '@lifecycle/db';
import type { MailMessage } from '@lifecycle/messaging';
import type { WorkerConfig } from '../config';

/** The one thing the activities need from a mail transport (a nodemailer Transporter fits). */
export interface MailTransport {
  sendMail(message: MailMessage): Promise<unknown>;
}

/** What the activities are built over; `clock` defaults to the system time. */
export interface ActivityDeps {
  db: Db;
  transport: MailTransport;
  config: Pick<WorkerConfig, 'mailFrom' | 'publicUrl' | 'trackingSecret'>;
  clock?: () => Date;
}

export type ResolvedDeps = Required<ActivityDeps>;
