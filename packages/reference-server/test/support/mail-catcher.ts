import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
}

/** A real SMTP server in this process: the reference server sends to it like to any relay. */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  #server: SMTPServer;
  #waiters: (() => void)[] = [];
  port = 0;

  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
            this.mails.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '' });
            for (const wake of this.#waiters.splice(0)) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.#server.server.address() as AddressInfo).port;
    return this.port;
  }

  /** The first mail (received from now or before) to `to` matching `subject`, waiting for it. */
  async waitFor(to: string, subject: RegExp, timeoutMs = 10_000): Promise<CaughtMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails.find((m) => m.to.includes(to) && subject.test(m.subject));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`No mail to ${to} matching ${subject} (got: ${this.mails.map((m) => `${m.to}: ${m.subject}`).join('; ')})`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  mailsTo(to: string): CaughtMail[] {
    return this.mails.filter((m) => m.to.includes(to));
  }

  clear(): void {
    this.mails.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** The token carried by an emailed link (`…#pf-activate=TOKEN` or `…#pf-reset=TOKEN`). */
export function tokenFromMail(mail: CaughtMail, action: 'activate' | 'reset'): { token: string; url: string } {
  const match = new RegExp(`(https?://\\S+#pf-${action}=([A-Za-z0-9_-]+))`).exec(mail.text);
  if (!match?.[1] || !match[2]) throw new Error(`No ${action} link in mail: ${mail.text}`);
  return { url: match[1], token: match[2] };
}
