import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { DEMO_PASSWORD } from "../../server/records/demoTopology.js";
import type { FormResult } from "../../server/reports/FormStatistics.js";
import { call, type RecordsFixture, sampleCase } from "../support/records.js";
import { startTwoNodes, type TwoNodes } from "../support/twoNodes.js";

let nodes: TwoNodes;
let fx: RecordsFixture;
let nodeB: Platform;

beforeAll(async () => {
	nodes = await startTwoNodes();
	({ fx, nodeB } = nodes);
});
afterAll(async () => {
	await nodes?.stop();
});

/** The secretariat of Khánh Hòa signed in on a node; a request to that node's API. */
async function secretariatOn(node: Platform) {
	const base = `http://127.0.0.1:${node.port}/api`;
	const login = await call<{ accessToken: string }>(base, "POST", "/auth/login", {
		username: "vanphong.kh",
		password: DEMO_PASSWORD,
	});
	expect(login.status).toBe(200);
	const auth = { authorization: `Bearer ${login.body.accessToken}` };
	return <T>(method: string, path: string, body?: unknown) => call<T>(base, method, path, body, auth);
}

const Q1 = "/reports/form?kind=quarter&year=2026&index=1";

it("keeps the month rows equal to a full rebuild while both nodes write and report at once", async () => {
	const onA = await secretariatOn(fx.platform);
	const onB = await secretariatOn(nodeB);
	const where = [fx.seed.endpoints.KH, fx.seed.endpoints["KH-NHATRANG"], fx.seed.endpoints["KH-PHANRANG"]];
	const PER_NODE = 12;
	let writing = true;
	const entered: string[] = [];
	const write = async (node: typeof onA, first: number) => {
		for (let i = first; i < first + PER_NODE; i++) {
			const res = await node(
				"POST",
				"/cases",
				sampleCase(String(where[i % where.length]), {
					// Spread over the quarter's months, so batches of both nodes touch the same month rows.
					receivedAt: `2026-0${1 + (i % 3)}-0${1 + (i % 9)}T02:00:00Z`,
					citizens: [
						{ fullName: `Công dân ${i}`, address: "Khánh Hòa", idNumber: `0561880${String(i).padStart(5, "0")}` },
					],
				}),
			);
			expect(res.status).toBe(201);
			entered.push(String((res.body as { id?: string }).id));
		}
	};
	// Reports on both nodes while the writes go on: each report catches up first.
	const report = async (node: typeof onA) => {
		let answered = 0;
		while (writing || answered === 0) {
			const res = await node<FormResult>("GET", Q1);
			expect(res.status).toBe(200);
			answered++;
		}
		return answered;
	};
	const reports = Promise.all([report(onA), report(onB), report(onA), report(onB)]);
	await Promise.all([write(onA, 0), write(onB, PER_NODE)]);
	writing = false;
	await reports;
	expect(new Set(entered).size).toBe(2 * PER_NODE);

	// Both nodes answer the same figures, counting every case entered on either.
	const [a, b] = await Promise.all([onA<FormResult>("GET", Q1), onB<FormResult>("GET", Q1)]);
	expect(a.body.total).toEqual(b.body.total);
	expect(a.body.trend.visits.reduce((n, v) => n + v, 0)).toBe(2 * PER_NODE);
	// The rows the sweeps kept, change by change on two nodes, are those a rebuild from scratch gives.
	const { facts } = fx.platform.reports;
	const kept = await facts.months.snapshot();
	await facts.rebuildMonths();
	expect(await facts.months.snapshot()).toEqual(kept);
});

it("lets one node's catch-up wait for the other's, then read only what came after it", async () => {
	const onA = await secretariatOn(fx.platform);
	const entered = await onA(
		"POST",
		"/cases",
		sampleCase(String(fx.seed.endpoints.KH), { receivedAt: "2026-02-20T02:00:00Z" }),
	);
	expect(entered.status).toBe(201);
	const [onNodeA, onNodeB] = await Promise.all([fx.platform.reports.facts.catchUp(), nodeB.reports.facts.catchUp()]);
	// Exactly one of them read the new case's audit entry; the other, waiting, found nothing new.
	expect([onNodeA, onNodeB].sort()).toEqual([0, 1]);
});
