import type { Request, Response } from "express";
import type { Action, ResourceType } from "../../../domain/permissions.js";
import type { ReceptionSessionRecord } from "../../records/models/ReceptionSession.js";
import { type ApiServices, authorised, type RequestContext } from "../RequestContext.js";
import { visible } from "../references.js";

/** The session named by `:id`, once the role may do `action` and one of its endpoints is in scope. */
export async function sessionInScope(
	services: ApiServices,
	req: Request,
	res: Response,
	resource: ResourceType,
	action: Action,
): Promise<{ ctx: RequestContext; session: ReceptionSessionRecord }> {
	const ctx = await authorised(services, req, res, resource, action);
	const id = String((req.params as { id?: string }).id);
	const session = await visible(
		services.records.sessions.current(id),
		(s) => s.scopeEndpointIds,
		ctx,
		`sessions ${id}`,
	);
	return { ctx, session };
}
