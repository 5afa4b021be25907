import { ForbiddenError, type IssueCode, NotFoundError, ValidationError } from "../../domain/errors.js";
import { can } from "../../domain/permissions.js";
import { mayChair, mayCoChair } from "../../domain/positions.js";
import type { RequestContext } from "../http/RequestContext.js";
import type { UserRecord } from "../records/models/User.js";
import { NoticeFrozenError } from "./errors.js";

/** The longest session the scheduler accepts: a working day. */
const MAX_DURATION_MS = 12 * 60 * 60_000;

/** A refusal naming the field, as the app shows it next to that field. */
function invalid(path: string, message: string, code: IssueCode = "invalid"): ValidationError {
	return new ValidationError(`${path}: ${message}`, [{ path: `body.${path}`, message, code }]);
}

async function userOrNull(ctx: RequestContext, id: string): Promise<UserRecord | null> {
	return ctx.records.users.current(id).catch((err: unknown) => {
		if (err instanceof NotFoundError) return null;
		throw err;
	});
}

/**
 * Checks a planned session against the record and the caller's scope, and derives what is stored
 * (status, scope); callers first check that every id it names is in the caller's scope
 * (`sessionReferences`). One place for every way a session is made: the scheduling screens, a recurring
 * plan, the central office's request, a hot spot's "ask for a dialogue".
 */
export async function prepareSession(
	input: Record<string, unknown>,
	ctx: RequestContext,
): Promise<Record<string, unknown>> {
	if (input.status === "concluded") throw new NoticeFrozenError(String(input.entityId), "the session changes");
	if (input.status === "cancelled") throw invalid("status", "a cancelled session is not planned any more");
	const origin = input.origin as { type: string; reason?: string };
	if (origin.type === "on-demand" && !can(ctx.identity, "request", { type: "sessions" })) {
		throw invalid("origin.type", "only the central office requests a session on demand");
	}
	if (origin.type === "on-demand" && !origin.reason)
		throw invalid("origin.reason", "a request on demand needs its reason");
	const start = input.plannedStart as Date;
	const end = input.plannedEnd as Date;
	if (end <= start) throw invalid("plannedEnd", "must be after plannedStart");
	if (end.getTime() - start.getTime() > MAX_DURATION_MS)
		throw invalid("plannedEnd", "a session lasts at most 12 hours");

	const host = await ctx.records.endpoints.current(String(input.hostEndpointId));
	const participants = [...new Set(input.participantEndpointIds as string[])];
	for (const [i, id] of participants.entries()) {
		const endpoint = await ctx.records.endpoints.current(id).catch(() => null);
		if (!endpoint) throw invalid(`participantEndpointIds.${i}`, `endpoint ${id} does not exist`);
	}

	const chairId = String(input.chairUserId);
	const chair = await userOrNull(ctx, chairId);
	if (!chair || chair.disabled || !mayChair(chair)) {
		throw invalid("chairUserId", `user ${chairId} is not a chair`, "not_eligible");
	}
	const coChairs = input.coChairUserIds as string[];
	for (const [i, id] of coChairs.entries()) {
		const user = await userOrNull(ctx, id);
		if (!user || user.disabled || !mayCoChair(user)) {
			throw invalid(
				`coChairUserIds.${i}`,
				`user ${id} is neither a chair nor a leader of the central office`,
				"not_eligible",
			);
		}
		if (id === chairId || coChairs.indexOf(id) !== i) throw invalid(`coChairUserIds.${i}`, `user ${id} is named twice`);
	}
	for (const [i, id] of (input.secretariatUserIds as string[]).entries()) {
		if (!(await userOrNull(ctx, id))) throw invalid(`secretariatUserIds.${i}`, `user ${id} does not exist`);
	}
	// Agencies from the register are named as the register names them.
	const agencies = (input.invitedAgencies as { name: string; agencyId?: string; inspectorate?: boolean }[]) ?? [];
	const invitedAgencies = [];
	for (const [i, invited] of agencies.entries()) {
		if (!invited.agencyId) {
			invitedAgencies.push(invited);
			continue;
		}
		const agency = await ctx.records.agencies.current(invited.agencyId).catch(() => null);
		if (!agency?.active) {
			throw invalid(`invitedAgencies.${i}.agencyId`, `agency ${invited.agencyId} is not in the register`);
		}
		// One outside the scope is answered as absent, as every other reference (server/http/references.ts).
		if (!ctx.scope.covers(agency.scopeEndpointIds)) {
			throw new NotFoundError(`invitedAgencies.${i}.agencyId: ${invited.agencyId} in your endpoint scope`);
		}
		invitedAgencies.push({ ...invited, name: agency.name });
	}
	for (const [i, id] of (input.caseIds as string[]).entries()) {
		const c = await ctx.records.cases.current(id).catch(() => null);
		if (!c) throw invalid(`caseIds.${i}`, `case ${id} does not exist`);
		if (!ctx.scope.covers(c.scopeEndpointIds))
			throw new ForbiddenError(`caseIds.${i}: case ${id} is outside your endpoint scope`);
	}
	return {
		...input,
		participantEndpointIds: participants,
		invitedAgencies,
		status: input.status ?? "scheduled",
		scopeEndpointIds: [...new Set([host.entityId, ...participants])],
	};
}
