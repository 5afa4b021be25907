import { expect, it } from "vitest";
import { ForbiddenError, ValidationError } from "../../domain/errors.js";
import { MediaError } from "../../media/errors.js";
import { ChairMutedError, toProtocolError } from "../../signaling/errors.js";
import { requestSchemas } from "../../signaling/protocol.js";

it("tells the client a platform error's own code, and hides anything else behind a generic one", () => {
	expect(toProtocolError(new ChairMutedError())).toMatchObject({ code: "CHAIR_MUTED" });
	expect(toProtocolError(new ForbiddenError("no"))).toEqual({ code: "FORBIDDEN", message: "no" });
	expect(toProtocolError(new MediaError("CANNOT_CONSUME", "codec"))).toMatchObject({ code: "CANNOT_CONSUME" });
	expect(toProtocolError(new ValidationError("bad", [{ path: "a", message: "b" }]))).toEqual({
		code: "VALIDATION_ERROR",
		message: "bad",
		issues: [{ path: "a", message: "b" }],
	});
	// mediasoup throws TypeError for RTP parameters it cannot use.
	expect(toProtocolError(new TypeError("invalid codec"))).toEqual({ code: "MEDIA_ERROR", message: "invalid codec" });
	expect(toProtocolError(new Error("secret detail"))).toEqual({ code: "INTERNAL_ERROR", message: "internal error" });
	expect(toProtocolError("thrown string")).toMatchObject({ code: "INTERNAL_ERROR" });
});

it("accepts a screen share as video and refuses it as audio", () => {
	const rtpParameters = { codecs: [{ mimeType: "video/VP8", payloadType: 96, clockRate: 90000 }] };
	const base = { transportId: "t", rtpParameters, source: "screen" };
	expect(requestSchemas.produce.safeParse({ ...base, kind: "video" }).success).toBe(true);
	expect(requestSchemas.produce.safeParse({ ...base, kind: "audio" }).success).toBe(false);
	expect(requestSchemas.setPreferredLayers.safeParse({ consumerId: "c", spatialLayer: 3 }).success).toBe(false);
});
