import { expect, it } from "vitest";
import { ForbiddenError, isErrorCode, ReceptionError, ValidationError } from "../../domain/errors.js";
import { MediaError, mediaCall } from "../../media/errors.js";
import { ChairMutedError, toProtocolError } from "../../signaling/errors.js";
import { HANDSHAKE_ERROR_CODES, REQUEST_ERROR_CODES, requestSchemas } from "../../signaling/protocol.js";

it("tells the client a platform error's own code, and hides anything else behind a generic one", () => {
	expect(toProtocolError(new ChairMutedError())).toMatchObject({ code: "CHAIR_MUTED" });
	expect(toProtocolError(new ForbiddenError("no"))).toEqual({ code: "FORBIDDEN", message: "no" });
	expect(toProtocolError(new MediaError("CANNOT_CONSUME", "codec"))).toMatchObject({ code: "CANNOT_CONSUME" });
	expect(toProtocolError(new ValidationError("bad", [{ path: "a", message: "b" }]))).toEqual({
		code: "VALIDATION_ERROR",
		message: "bad",
		issues: [{ path: "a", message: "b" }],
	});
	expect(toProtocolError(new MediaError("MEDIA_ERROR", "produce refused: bad codec"))).toEqual({
		code: "MEDIA_ERROR",
		message: "produce refused: bad codec",
	});
	// Never classified by name: a programming error or a code the protocol does not carry is INTERNAL_ERROR.
	const internal = { code: "INTERNAL_ERROR", message: "internal error" };
	expect(toProtocolError(new TypeError("cannot read properties of undefined"))).toEqual(internal);
	expect(toProtocolError(new RangeError("secret detail"))).toEqual(internal);
	expect(toProtocolError(new Error("secret detail"))).toEqual(internal);
	expect(toProtocolError(new ReceptionError("CONFIG_INVALID", "secret detail"))).toEqual(internal);
	expect(toProtocolError("thrown string")).toEqual(internal);
});

it("wraps what mediasoup refuses at the media boundary as MEDIA_ERROR, and keeps platform errors as they are", async () => {
	const refused = await mediaCall("produce", () => Promise.reject(new TypeError("invalid RTP parameters"))).catch(
		(err: unknown) => err,
	);
	expect(refused).toBeInstanceOf(MediaError);
	expect(refused).toMatchObject({ code: "MEDIA_ERROR", message: "produce refused: invalid RTP parameters" });
	const notFound = new MediaError("NOT_FOUND", "no transport t");
	await expect(mediaCall("connectTransport", () => Promise.reject(notFound))).rejects.toBe(notFound);
	await expect(mediaCall("restartIce", async () => "ok")).resolves.toBe("ok");
});

it("declares only catalogued codes on the wire", () => {
	for (const code of [...REQUEST_ERROR_CODES, ...HANDSHAKE_ERROR_CODES]) expect(isErrorCode(code), code).toBe(true);
});

it("accepts a screen share as video and refuses it as audio", () => {
	const rtpParameters = { codecs: [{ mimeType: "video/VP8", payloadType: 96, clockRate: 90000 }] };
	const base = { transportId: "t", rtpParameters, source: "screen" };
	expect(requestSchemas.produce.safeParse({ ...base, kind: "video" }).success).toBe(true);
	expect(requestSchemas.produce.safeParse({ ...base, kind: "audio" }).success).toBe(false);
	expect(requestSchemas.setPreferredLayers.safeParse({ consumerId: "c", spatialLayer: 3 }).success).toBe(false);
});
