import { can } from "../../../domain/permissions.js";
import { useApp, useLiveLoad, useLoad } from "../AppContext.js";
import type { CaseView, List, OutcomeView, SessionView } from "../api/records.js";

/**
 * The case the room is hearing now: the first on the agenda without an outcome yet (it moves on as
 * the secretariat records outcomes), as far as the user's role may read cases; else the agenda's
 * first item in words.
 */
export function useCaseBeingHeard(session: SessionView): string | null {
	const { api, identity } = useApp();
	const mayCases = can(identity, "read", { type: "cases" });
	const mayOutcomes = can(identity, "read", { type: "outcomes" });
	const cases = useLoad(
		() =>
			mayCases
				? Promise.all(session.caseIds.map((id) => api.get<CaseView>(`/api/cases/${id}`)))
				: Promise.resolve([] as CaseView[]),
		`room-cases-${session.id}`,
	);
	const outcomes = useLiveLoad(
		() =>
			mayOutcomes
				? api.get<List<OutcomeView>>(`/api/outcomes?sessionId=${session.id}`)
				: Promise.resolve({ items: [], total: 0, offset: 0, limit: 0 }),
		`room-outcomes-${session.id}`,
		(c) => c.sessionId === session.id && c.aspect === "outcomes",
	);
	const decided = new Set((outcomes.data?.items ?? []).map((o) => o.caseId));
	const list = cases.data ?? [];
	const current = list.find((c) => !decided.has(c.id)) ?? list.at(-1);
	return current?.summary ?? session.agenda[0] ?? null;
}
