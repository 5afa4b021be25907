import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
	to: string[];
	raw: string;
}

/** A real SMTP server on loopback (the `smtp-server` package) that keeps every message it accepts. */
export class MailCatcher {
	readonly mails: CaughtMail[] = [];
	readonly #server: SMTPServer;

	private constructor(server: SMTPServer) {
		this.#server = server;
	}

	static async start(): Promise<MailCatcher> {
		let catcher: MailCatcher | null = null;
		const server = new SMTPServer({
			authOptional: true,
			disabledCommands: ["STARTTLS"],
			logger: false,
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on("data", (c: Buffer) => chunks.push(c));
				stream.on("end", () => {
					catcher?.mails.push({
						to: session.envelope.rcptTo.map((r) => r.address),
						raw: Buffer.concat(chunks).toString("utf8"),
					});
					callback();
				});
			},
		});
		catcher = new MailCatcher(server);
		server.listen(0, "127.0.0.1");
		await once(server.server, "listening");
		return catcher;
	}

	get url(): string {
		return `smtp://127.0.0.1:${(this.#server.server.address() as AddressInfo).port}`;
	}

	/** Messages to one address. */
	to(address: string): CaughtMail[] {
		return this.mails.filter((m) => m.to.includes(address));
	}

	/** A message's subject as its reader sees it (RFC 2047 encoded words decoded, folded lines joined). */
	static subject(mail: CaughtMail): string {
		const head = mail.raw.split(/\r?\n\r?\n/)[0] ?? "";
		const line = /^Subject:(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1] ?? "";
		return line
			.replace(/\?=\s+=\?/g, "?==?")
			.replace(/=\?([^?]+)\?([BQbq])\?([^?]*)\?=/g, (_m, _charset: string, how: string, text: string) =>
				how.toUpperCase() === "B"
					? Buffer.from(text, "base64").toString("utf8")
					: Buffer.from(
							text
								.replace(/_/g, " ")
								.replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
							"latin1",
						).toString("utf8"),
			)
			.replace(/\r?\n[ \t]/g, "")
			.trim();
	}

	close(): Promise<void> {
		return new Promise((resolve) => this.#server.close(() => resolve()));
	}
}
