import type { types } from "mediasoup";
import { MediaError } from "./errors.js";

/**
 * Producers piped from the router they were produced on into the session's routers on other
 * workers (mediasoup's `pipeToRouter`), each at most once per target. The piped producer keeps the
 * producer's id, every simulcast encoding and its paused state, so consumers on the target router
 * choose layers as on the original; it closes with the producer or with the target router.
 */
export class ProducerPipes {
	readonly #pipes = new Map<string, Promise<void>>();

	/** Resolves once `producer` (produced on `from`) can be consumed on `to`; concurrent callers share one pipe. */
	ensure(from: types.Router, producer: types.Producer, to: types.Router): Promise<void> {
		const key = `${producer.id} ${to.id}`;
		let pipe = this.#pipes.get(key);
		if (!pipe) {
			pipe = from.pipeToRouter({ producerId: producer.id, router: to, enableSctp: false }).then(
				({ pipeProducer }) => {
					pipeProducer?.observer.once("close", () => this.#pipes.delete(key));
				},
				(err: unknown) => {
					this.#pipes.delete(key);
					// Judged by state, not by mediasoup's wording: the producer or a router closing
					// meanwhile (the common cause) means there is nothing left to consume.
					if (producer.closed || from.closed || to.closed) {
						throw new MediaError("NOT_FOUND", `producer ${producer.id} is gone`, { cause: err });
					}
					throw new MediaError("MEDIA_ERROR", `could not pipe producer ${producer.id}`, { cause: err });
				},
			);
			this.#pipes.set(key, pipe);
		}
		return pipe;
	}
}
