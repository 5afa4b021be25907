import { useRef } from "preact/hooks";
import { isErrorCode } from "../../../domain/errors.js";

/** The Idempotency-Key of one filled form, as `api.post` takes it. */
export interface WriteKey {
	readonly current: string;
	/**
	 * After the server's answer: a success, or a refusal (nothing was written), makes the next submit
	 * a new request. A lost answer (network) keeps the key, so the resent form lands once.
	 */
	settle(err?: unknown): void;
}

/** One Idempotency-Key per filled form: a retry after a lost answer lands once, a corrected form anew. */
export function useWriteKey(): WriteKey {
	const key = useRef(crypto.randomUUID());
	return {
		get current() {
			return key.current;
		},
		settle(err?: unknown) {
			if (err === undefined || isErrorCode((err as { code?: string } | null)?.code)) key.current = crypto.randomUUID();
		},
	};
}
