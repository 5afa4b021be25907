import type { Ack } from "../../../signaling/protocol.js";
import { RequestError } from "./RequestError.js";

/** The part of a Socket.IO client socket a request needs, whatever its typed event map. */
interface AckSocket {
	timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

/**
 * Sends one request and waits for its acknowledgement: the result, or a RequestError with the
 * server's code (TIMEOUT when no answer came in time).
 */
export async function ackRequest<T>(socket: object, name: string, payload: unknown, timeoutMs: number): Promise<T> {
	let result: Ack<T>;
	try {
		// Socket.IO's typed emit cannot take a request name chosen at run time; the protocols type both ends.
		result = (await (socket as AckSocket).timeout(timeoutMs).emitWithAck(name, payload)) as Ack<T>;
	} catch {
		throw new RequestError({ code: "TIMEOUT", message: `${name}: no answer within ${timeoutMs} ms` });
	}
	if ("error" in result) throw new RequestError(result.error);
	return result.data;
}
