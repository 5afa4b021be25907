import type { Router } from "express";
import {
	type OutcomeQuery,
	outcomeChangeInput,
	outcomeCreateInput,
	outcomeQuery,
} from "../../../domain/api/outcomes.js";
import { ConflictError } from "../../../domain/errors.js";
import { caseEndpoints, followUpState } from "../../../domain/register.js";
import { isDeciding } from "../../../domain/sessionLifecycle.js";
import { requirePlausibleDeadlines } from "../../records/deadlines.js";
import type { OutcomeRecord } from "../../records/models/Outcome.js";
import { tasksFromOutcome } from "../../register/taskRoutes.js";
import { NoticeFrozenError } from "../../sessions/errors.js";
import type { ApiServices } from "../RequestContext.js";
import { ref, visible } from "../references.js";
import { defined, scopedFilter } from "./filters.js";
import { revisionRoutes } from "./revisionRoutes.js";

/** What the conclusion notice states of an outcome; `followUpStatus` is tracking, not the decision. */
const DECISION_FIELDS = ["direction", "agencyViews", "conclusion", "assignments"] as const;

/** The stored statuses that show as the one asked for (`followUpState`: overdue is computed). */
function followUpFilter(status: OutcomeQuery["followUpStatus"], now: Date): Record<string, unknown> {
	if (!status) return {};
	if (status === "done") return { followUpStatus: "done" };
	const late = { "assignments.deadline": { $lt: now } };
	if (status === "overdue") return { followUpStatus: { $ne: "done" }, ...late };
	return { followUpStatus: status, $nor: [late] };
}

/** Outcomes are decided in a session that has started, about a case on its agenda. */
export function outcomeRoutes(services: ApiServices): Router {
	return revisionRoutes<OutcomeRecord, OutcomeQuery>(services, {
		resource: "outcomes",
		store: (s) => s.records.outcomes,
		createSchema: outcomeCreateInput,
		changeSchema: outcomeChangeInput,
		querySchema: outcomeQuery,
		sort: { recordedAt: 1 },
		filter: (q, ctx) =>
			scopedFilter(ctx, "scopeEndpointIds", q.endpoint, {
				...defined({ sessionId: q.sessionId, caseId: q.caseId }),
				...followUpFilter(q.followUpStatus, services.register.now()),
			}),
		view: (r) => ({ ...r, followUpStatus: followUpState(r as unknown as OutcomeRecord, services.register.now()) }),
		readableBy: (o) => o.scopeEndpointIds,
		// The case, and each assignment's agency (an agency of another province is answered as absent).
		references: (input) => [
			ref("cases", "caseId", input.caseId),
			ref(
				"agencies",
				"assignments",
				((input.assignments ?? []) as { agencyId?: string }[]).flatMap((a) => (a.agencyId ? [a.agencyId] : [])),
			),
		],
		// The session's host, and the case's own endpoints: a province follows its citizens' case heard elsewhere.
		ownedBy: async (record, ctx) => {
			const heard = await ctx.records.cases.current(String(record.caseId));
			// A session the caller cannot see is named only through one of their cases on its agenda.
			const session = await visible(
				ctx.records.sessions.current(String(record.sessionId)),
				(s) => (s.caseIds.includes(heard.entityId) ? null : s.scopeEndpointIds),
				ctx,
				`sessionId: ${String(record.sessionId)} in your endpoint scope`,
			);
			return [session.hostEndpointId, ...caseEndpoints(heard)];
		},
		prepare: async (input, ctx) => {
			const session = await ctx.records.sessions.current(String(input.sessionId));
			if (!session.caseIds.includes(String(input.caseId))) {
				throw new ConflictError(`case ${String(input.caseId)} is not on session ${session.entityId}'s agenda`);
			}
			if (session.status === "concluded") {
				// Tracking progress goes on; the decision itself is frozen with the issued notice.
				const head = input.entityId ? await ctx.records.outcomes.current(String(input.entityId)) : null;
				const decided = (r: Record<string, unknown>) => JSON.stringify(DECISION_FIELDS.map((f) => r[f]));
				if (!head || decided(head as unknown as Record<string, unknown>) !== decided(input)) {
					throw new NoticeFrozenError(session.entityId, "its outcomes change");
				}
			} else if (!isDeciding(session.status)) {
				throw new ConflictError(`session ${session.entityId} is ${session.status}: no outcome yet`);
			}
			// One outcome per case and session: a changed decision is a revision (or a correction) of it.
			await ctx.records.outcomes.requireUnique(
				{ sessionId: session.entityId, caseId: input.caseId },
				input.entityId,
				`an outcome for case ${String(input.caseId)} in this session`,
			);
			requirePlausibleDeadlines(input.assignments, session.plannedStart);
			const heard = await ctx.records.cases.current(String(input.caseId));
			const assignments = await Promise.all(
				((input.assignments ?? []) as { agencyId?: string; agency?: string }[]).map(async (a) =>
					a.agencyId ? { ...a, agency: a.agency ?? (await ctx.records.agencies.current(a.agencyId)).name } : a,
				),
			);
			return {
				...input,
				assignments,
				scopeEndpointIds: [...new Set([...session.scopeEndpointIds, ...heard.scopeEndpointIds])],
			};
		},
		// Assignments naming an agency become tasks followed per agency (once each).
		afterCreate: (record, ctx) => tasksFromOutcome(ctx.records, record, ctx.actor),
		written: (_before, after, ctx) => tasksFromOutcome(ctx.records, after, ctx.actor),
	});
}
