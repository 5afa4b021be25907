import { sessionCreateSchema } from "../../domain/api/sessions.js";
import { requireCan } from "../../domain/permissions.js";
import type { RequestContext } from "../http/RequestContext.js";
import { requireReferencesInScope } from "../http/references.js";
import { validate } from "../http/validate.js";
import type { WriteOutcome } from "../records/RecordWriter.js";
import { sessionReferences } from "./sessionReferences.js";
import { prepareSession } from "./sessionRules.js";

/**
 * Creates one session, checked exactly as the scheduling screens' are: for other modules (a hot
 * spot's "ask for a dialogue" calls it with `origin: { type: "on-demand", reason }`). `input` is a
 * `SessionCreateRequest` (domain/api/sessions.ts); `revisionId` makes a retried call land once.
 */
export async function createSession(ctx: RequestContext, input: unknown, revisionId?: string): Promise<WriteOutcome> {
	requireCan(ctx.identity, "write", { type: "sessions" });
	const request = validate(sessionCreateSchema, input, "body");
	await requireReferencesInScope(sessionReferences(request), ctx);
	ctx.scope.require([request.hostEndpointId], "this session");
	const record = await prepareSession(request, ctx);
	return ctx.records.sessions.create(record, ctx.actor, revisionId);
}
