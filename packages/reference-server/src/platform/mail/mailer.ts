import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { OutboxMail } from './outbox.model.js';

export interface Mail {
  communeId: string | null;
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** True when mails land in the dev outbox instead of an SMTP server. */
  readonly usesOutbox: boolean;
  close(): void;
}

/** SMTP when configured; otherwise the dev outbox, which the demo shows at /dev/outbox. */
export function createMailer(config: Config, db: Database): Mailer {
  if (!config.smtp) {
    return {
      usesOutbox: true,
      async send(mail) {
        await db.write((transaction) =>
          OutboxMail.create(
            {
              id: randomUUID(),
              commune_id: mail.communeId,
              to_address: mail.to,
              subject: mail.subject,
              text_body: mail.text,
              created_at: new Date(),
            },
            { transaction },
          ),
        );
      },
      close() {},
    };
  }
  const { host, port, secure, user, password } = config.smtp;
  const transport: Transporter = nodemailer.createTransport({
    host,
    port,
    secure,
    ...(user ? { auth: { user, pass: password ?? '' } } : {}),
    // A local relay in tests or an internal relay may use a self-signed certificate.
    tls: { rejectUnauthorized: secure },
  });
  return {
    usesOutbox: false,
    async send(mail) {
      await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transport.close();
    },
  };
}
