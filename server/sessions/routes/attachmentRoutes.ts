import type { Request } from "express";
import { Router } from "express";
import { attachmentRemovalSchema, attachmentUploadQuery } from "../../../domain/api/sessions.js";
import { type IssueCode, NotFoundError, ValidationError } from "../../../domain/errors.js";
import { ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS_PER_SESSION } from "../../../domain/sessions.js";
import { detectMediaType } from "../../documents/mediaType.js";
import type { ApiServices } from "../../http/RequestContext.js";
import { revisionView, sendWritten } from "../../http/routes/revisionRoutes.js";
import { sessionInScope } from "../../http/routes/sessionAccess.js";
import { validate } from "../../http/validate.js";
import { RevisionStore } from "../../records/RevisionStore.js";
import { FileTooLargeError } from "../errors.js";
import type { SessionAttachmentRecord } from "../models/SessionAttachment.js";

/** Reads the raw body, refusing it as soon as it passes `max` bytes (nothing is kept of it). */
async function readBounded(req: Request, max: number): Promise<Buffer> {
	const declared = Number(req.get("content-length") ?? 0);
	if (declared > max) throw new FileTooLargeError(max);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > max) {
			req.resume();
			throw new FileTooLargeError(max);
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

function invalid(path: string, message: string, code: IssueCode = "invalid", limit?: number): ValidationError {
	return new ValidationError(`${path}: ${message}`, [
		{ path, message, code, ...(limit !== undefined ? { limit } : {}) },
	]);
}

/**
 * `/sessions/:id/attachments`: documents for the cases to be heard. Uploaded as the raw body
 * (`?name=…&caseId=…`), accepted only as PDF, PNG or JPEG by their bytes and within the size limit,
 * stored by SHA-256; listed and served only to users who may read cases and have the session in scope.
 */
export function attachmentRoutes(services: ApiServices): Router {
	const router = Router({ mergeParams: true });
	const store = new RevisionStore<SessionAttachmentRecord>(
		services.records.models,
		"SessionAttachment",
		services.records.writer,
	);
	const current = async (sessionId: string) =>
		(await store.find({ sessionId }, { recordedAt: 1 })).filter((a) => !a.removed);

	router.post("/", async (req, res) => {
		const { ctx, session } = await sessionInScope(services, req, res, "sessions", "write");
		ctx.scope.require([session.hostEndpointId], `session ${session.entityId}`);
		const query = validate(attachmentUploadQuery, req.query, "query");
		if (query.caseId && !session.caseIds.includes(query.caseId)) {
			throw invalid("query.caseId", `case ${query.caseId} is not on this session's agenda`);
		}
		if ((await current(session.entityId)).length >= MAX_ATTACHMENTS_PER_SESSION) {
			throw invalid(
				"file",
				`a session holds at most ${MAX_ATTACHMENTS_PER_SESSION} documents`,
				"too_many",
				MAX_ATTACHMENTS_PER_SESSION,
			);
		}
		const data = await readBounded(req, ATTACHMENT_MAX_BYTES);
		if (data.length === 0) throw invalid("file", "the file is empty", "required");
		const mediaType = detectMediaType(data);
		if (!mediaType) throw invalid("file", "not a PDF, PNG or JPEG file by its content", "invalid_format");
		const sha256 = await services.records.blobs.put(data, mediaType);
		const written = await store.create(
			{
				sessionId: session.entityId,
				...(query.caseId ? { caseId: query.caseId } : {}),
				name: query.name,
				mediaType,
				size: data.length,
				sha256,
				removed: false,
				scopeEndpointIds: session.scopeEndpointIds,
			},
			ctx.actor,
		);
		sendWritten(res, written);
	});

	router.get("/", async (req, res) => {
		const { session } = await sessionInScope(services, req, res, "cases", "read");
		const items = await current(session.entityId);
		res.json({ items: items.map((a) => revisionView(a)) });
	});

	router.get("/:attachmentId", async (req, res) => {
		const { session } = await sessionInScope(services, req, res, "cases", "read");
		const attachment = (await current(session.entityId)).find((a) => a.entityId === req.params.attachmentId);
		if (!attachment) throw new NotFoundError(`attachment ${String(req.params.attachmentId)}`);
		const blob = await services.records.blobs.get(attachment.sha256);
		if (!blob) throw new NotFoundError(`the bytes of attachment ${attachment.entityId}`);
		res
			.type(attachment.mediaType)
			.set({
				"content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
				"x-content-sha256": attachment.sha256,
				"cache-control": "private, no-store",
			})
			.send(blob.data);
	});

	router.post("/:attachmentId/removal", async (req, res) => {
		const { ctx, session } = await sessionInScope(services, req, res, "sessions", "write");
		ctx.scope.require([session.hostEndpointId], `session ${session.entityId}`);
		const { reason } = validate(attachmentRemovalSchema, req.body, "body");
		const attachment = (await current(session.entityId)).find((a) => a.entityId === req.params.attachmentId);
		if (!attachment) throw new NotFoundError(`attachment ${String(req.params.attachmentId)}`);
		sendWritten(res, await store.revise(attachment.entityId, { removed: true }, { kind: "update", reason }, ctx.actor));
	});
	return router;
}
