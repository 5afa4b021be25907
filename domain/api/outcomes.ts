/** REST shapes of `/api/outcomes`: what was decided about a case in a session (hướng xử lý, kết luận). */
import { z } from "zod";
import { FOLLOW_UP_STATUSES, HANDLING_DIRECTIONS } from "../vocabulary.js";
import type { ApiRoute } from "./ApiRoute.js";
import { type AnswerOf, deadlineInput, recordView } from "./common.js";
import { revisionApi } from "./revisionApi.js";

/** Bounds of what one outcome may hold: a conclusion is a few pages at most, not a dossier. */
const text = (max: number) => z.string().trim().min(1).max(max);

/** What the secretariat may record; "overdue" is computed from the deadlines (`followUpState`). */
export const SETTABLE_FOLLOW_UP_STATUSES = FOLLOW_UP_STATUSES.filter(
	(s): s is Exclude<(typeof FOLLOW_UP_STATUSES)[number], "overdue"> => s !== "overdue",
);
const followUpStatus = z.enum(SETTABLE_FOLLOW_UP_STATUSES, {
	error: (issue) =>
		issue.input === "overdue" ? "overdue is computed from the assignments' deadlines, never set by hand" : undefined,
});

const editable = z.object({
	direction: z.enum(HANDLING_DIRECTIONS),
	agencyViews: z
		.array(z.object({ agency: text(300), view: text(5000) }))
		.max(50)
		.default([]),
	conclusion: text(10_000),
	assignments: z
		.array(
			z
				.object({
					/** An agency of the register (`/api/agencies`): the assignment becomes a followed task. */
					agencyId: z.string().min(1).max(64).optional(),
					agency: text(300).optional(),
					task: text(2000),
					deadline: deadlineInput,
					reportTo: text(300),
				})
				.refine((a) => a.agency || a.agencyId, { message: "agency or agencyId", path: ["agency"] }),
		)
		.max(50)
		.default([]),
	followUpStatus: followUpStatus.default("pending"),
});

export const outcomeCreateInput = editable.extend({ sessionId: text(64), caseId: text(64) });
export const outcomeChangeInput = editable.partial().strict();

export const outcomeQuery = z.object({
	sessionId: z.string().max(64).optional(),
	caseId: z.string().max(64).optional(),
	followUpStatus: z.enum(FOLLOW_UP_STATUSES).optional(),
	endpoint: z.string().min(1).max(64).optional(),
});
export type OutcomeQuery = z.infer<typeof outcomeQuery>;

/** An outcome as the API shows it: what was decided, and whose users may read it. */
export const outcomeView = recordView(outcomeCreateInput, {
	scopeEndpointIds: z.array(z.string()),
	/** As shown: "overdue" once an assignment's deadline passed and the follow-up is not done. */
	followUpStatus: z.enum(FOLLOW_UP_STATUSES),
});
export type OutcomeView = AnswerOf<typeof outcomeView>;

/** Outcomes are decided in a session that has started, about a case on its agenda. */
export const outcomesApi: ApiRoute[] = [
	...revisionApi("outcomes", "outcome", outcomeView, outcomeCreateInput, outcomeChangeInput, outcomeQuery),
];
