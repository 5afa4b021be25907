import type { UnitRow } from "../../domain/api/reports.js";
import { NotFoundError } from "../../domain/errors.js";
import type { EndpointRecord } from "../records/models/Endpoint.js";
import type { Records } from "../records/Records.js";
import { successorPaths } from "../records/successorPaths.js";

export type { UnitRow };

/**
 * The rows of a report over one endpoint's subtree: the endpoint itself (what its own office
 * received) and each unit directly under it (a province's communes, the central office's provinces).
 * Every endpoint below is counted in the row of its ancestor among them. A unit deactivated in the
 * 2025 reform with a successor (`successorId`, set by `PATCH /api/endpoints/:id`, docs/register.md)
 * stands where its successor stands, and what lay under it comes along, as `EndpointTree.subtree`
 * takes them: a period that crosses the reform counts the old unit's cases under the new one.
 */
export class UnitMap {
	readonly root: UnitRow;
	readonly rows: UnitRow[];
	readonly #rowOf = new Map<string, string>();

	private constructor(root: UnitRow, rows: UnitRow[]) {
		this.root = root;
		this.rows = rows;
	}

	/** Endpoints whose cases the report counts. */
	get endpointIds(): string[] {
		return [...this.#rowOf.keys()];
	}

	rowOf(endpointId: string): string | undefined {
		return this.#rowOf.get(endpointId);
	}

	/** `rootId` null: the central office (the national total). */
	static async build(records: Records, rootId: string | null): Promise<UnitMap> {
		const all = await records.endpoints.find({}, { code: 1 });
		const byId = new Map(all.map((e) => [e.entityId, e]));
		const root = rootId ? byId.get(rootId) : all.find((e) => e.level === "central" && !e.parentId);
		if (!root) throw new NotFoundError(`endpoint ${rootId ?? "central"}`);
		const pathOf = successorPaths(byId, root.entityId);
		// A row is a unit standing on its own (no successor) whose path runs root → it.
		const children = all
			.filter((e) => {
				const path = pathOf(e);
				return path.at(-1) === e.entityId && path.at(-2) === root.entityId;
			})
			.sort((a, b) => a.code.localeCompare(b.code));
		const map = new UnitMap(row(root), [row(root), ...children.map(row)]);
		for (const e of all) {
			const path = pathOf(e);
			const at = path.indexOf(root.entityId);
			if (at >= 0) map.#rowOf.set(e.entityId, path[at + 1] ?? root.entityId);
		}
		return map;
	}
}

function row(e: EndpointRecord): UnitRow {
	return { unitId: e.entityId, code: e.code, name: e.name, level: e.level };
}
