import nodemailer, { type Transporter } from "nodemailer";

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
}

/** E-mail over SMTP (nodemailer); `SMTP_URL` unset means no e-mail is sent. */
export class Mailer {
	readonly #transport: Transporter | null;
	readonly #from: string;

	constructor(options: { url: string | undefined; from: string }) {
		this.#transport = options.url ? nodemailer.createTransport(options.url) : null;
		this.#from = options.from;
	}

	get configured(): boolean {
		return this.#transport !== null;
	}

	async send(message: MailMessage): Promise<string> {
		if (!this.#transport) throw new Error("SMTP_URL is not set");
		const info = await this.#transport.sendMail({ from: this.#from, ...message });
		return String(info.messageId);
	}

	close(): void {
		this.#transport?.close();
	}
}
