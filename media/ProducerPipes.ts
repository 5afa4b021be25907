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

	/** Resolves once the producer can be consumed on `to`; concurrent callers share one pipe. */
	ensure(from: types.Router, producerId: string, to: types.Router): Promise<void> {
		const key = `${producerId} ${to.id}`;
		let pipe = this.#pipes.get(key);
		if (!pipe) {
			pipe = from.pipeToRouter({ producerId, router: to, enableSctp: false }).then(
				({ pipeProducer }) => {
					pipeProducer?.observer.once("close", () => this.#pipes.delete(key));
				},
				(err: unknown) => {
					this.#pipes.delete(key);
					// The producer closing meanwhile is the common cause; anything else is mediasoup's word.
					if (from.closed || to.closed || /Producer not found|original Producer closed/.test(String(err))) {
						throw new MediaError("NOT_FOUND", `producer ${producerId} is gone`);
					}
					throw new MediaError("MEDIA_ERROR", `could not pipe producer ${producerId}: ${String(err)}`);
				},
			);
			this.#pipes.set(key, pipe);
		}
		return pipe;
	}
}
