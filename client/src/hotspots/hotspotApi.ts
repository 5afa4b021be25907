import type { BoardAnswer, WatchView, WorkingGroupView } from "../../../domain/api/hotspots.js";

/** A watch entry as `GET /api/hotspots/watches/:id` answers: with its case's groups and dialogues. */
export interface WatchDetail extends WatchView {
	groups: WorkingGroupView[];
	dialogues: { id: string; title: string; plannedStart: string; status: string }[];
}

/** Query string of the board's filters (empty ones left out). */
export function boardQuery(filters: Record<string, string>): string {
	const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""));
	return params.size > 0 ? `?${params.toString()}` : "";
}

export type { BoardAnswer };
