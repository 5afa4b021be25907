import type { UnitRow } from "../../domain/api/reports.js";
import { NotFoundError } from "../../domain/errors.js";
import type { EndpointRecord } from "../records/models/Endpoint.js";
import type { Records } from "../records/Records.js";

export type { UnitRow };

/**
 * The rows of a report over one endpoint's subtree: the endpoint itself (what its own office
 * received) and each unit directly under it (a province's communes, the central office's provinces).
 * Every endpoint below is counted in the row of its ancestor among them; a unit merged into another
 * is first replaced by its successor, so a period that crosses the 2025 reform counts the old unit's
 * cases under the new one.
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
		const children = all
			.filter((e) => e.parentId === root.entityId && !successorOf(e))
			.sort((a, b) => a.code.localeCompare(b.code));
		const map = new UnitMap(row(root), [row(root), ...children.map(row)]);
		const rowIds = new Set(map.rows.map((r) => r.unitId));
		for (const e of all) {
			const current = followSuccessors(e, byId);
			const chain = [...current.ancestors, current.entityId];
			const at = chain.indexOf(root.entityId);
			if (at < 0) continue;
			const rowId = chain[at + 1] ?? root.entityId;
			map.#rowOf.set(e.entityId, rowIds.has(rowId) ? rowId : root.entityId);
		}
		return map;
	}
}

function row(e: EndpointRecord): UnitRow {
	return { unitId: e.entityId, code: e.code, name: e.name, level: e.level };
}

/**
 * The unit that took over a merged or renamed endpoint. The register's topology work (issue 12)
 * records the link; until an endpoint carries one, every unit is its own successor.
 */
function successorOf(e: EndpointRecord): string | null {
	const link = (e as unknown as { successorId?: unknown }).successorId;
	return typeof link === "string" && link.length > 0 ? link : null;
}

function followSuccessors(e: EndpointRecord, byId: Map<string, EndpointRecord>): EndpointRecord {
	let current = e;
	for (let hops = 0; hops < 10; hops++) {
		const next = successorOf(current);
		const found = next ? byId.get(next) : undefined;
		if (!found) return current;
		current = found;
	}
	return current;
}
