import { z } from "zod";
import { RECEIPT_STATUSES } from "../../domain/nationalDb.js";
import { type Delivery, DeliveryFailure, type ExchangeBatch, type NationalDbAdapter } from "./NationalDbAdapter.js";

export interface HttpPushOptions {
	/** The receiver's base URL; batches go to `POST {url}/batches`. */
	url: string;
	/** Basic credentials, or a bearer token; one of them. */
	username?: string;
	password?: string;
	token?: string;
	timeoutMs: number;
}

/** The receiver's answer to a batch (docs/nationaldb.md, "Answer"). */
const answerSchema = z.object({
	batchId: z.string(),
	results: z.array(
		z.object({
			key: z.string(),
			status: z.enum(RECEIPT_STATUSES),
			reason: z.string().optional(),
		}),
	),
});

/** Pushes each batch to the national database's HTTP interface and reads its verdict per record. */
export class HttpPushAdapter implements NationalDbAdapter {
	readonly name = "http";
	readonly #options: HttpPushOptions;

	constructor(options: HttpPushOptions) {
		this.#options = options;
	}

	async deliver(batch: ExchangeBatch): Promise<Delivery> {
		const { url, timeoutMs } = this.#options;
		let res: Response;
		try {
			res = await fetch(`${url.replace(/\/+$/, "")}/batches`, {
				method: "POST",
				headers: {
					"content-type": "application/json",
					"idempotency-key": batch.batchId,
					authorization: this.#authorization(),
				},
				body: JSON.stringify(batch),
				signal: AbortSignal.timeout(timeoutMs),
			});
		} catch (err) {
			const timedOut = (err as Error).name === "TimeoutError";
			throw new DeliveryFailure(timedOut ? `no answer within ${timeoutMs} ms` : `unreachable: ${causeOf(err)}`);
		}
		const text = await res.text().catch(() => "");
		if (res.status !== 200) {
			throw new DeliveryFailure(`refused with HTTP ${res.status}: ${text.slice(0, 300)}`, retryAfterMs(res));
		}
		let answer: z.infer<typeof answerSchema>;
		try {
			answer = answerSchema.parse(JSON.parse(text));
		} catch {
			throw new DeliveryFailure(`unreadable answer: ${text.slice(0, 300)}`);
		}
		if (answer.batchId !== batch.batchId) throw new DeliveryFailure(`answer names batch ${answer.batchId}`);
		return { kind: "settled", receipts: answer.results };
	}

	#authorization(): string {
		const { username, password, token } = this.#options;
		if (token) return `Bearer ${token}`;
		return `Basic ${Buffer.from(`${username ?? ""}:${password ?? ""}`).toString("base64")}`;
	}
}

function causeOf(err: unknown): string {
	const cause = (err as { cause?: { code?: string; message?: string } }).cause;
	return cause?.code ?? cause?.message ?? (err as Error).message;
}

function retryAfterMs(res: Response): number | undefined {
	const value = res.headers.get("retry-after");
	if (!value) return undefined;
	const seconds = Number(value);
	return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}
