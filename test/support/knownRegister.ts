import { FORM_COLUMN_IDS } from "../../domain/reportForm.js";
import type { RecordsFixture } from "./records.js";

/**
 * A small register whose quarterly form was counted by hand (docs/reports.md, "The known register"):
 * Quý I/2026 with the cut-off of Nghị định 09/2019 is 15/12/2025 – 14/03/2026. Matters are told apart
 * by the citizens' ID numbers (A … I). Quý III/2025 (15/06/2025 – 14/09/2025) crosses the 2025
 * reform: Ninh Thuận's reception office (`NT`, made here) received N1 and N2 in June, was then
 * merged into Khánh Hòa (`successorId` KH), and N1's citizen came back to Nha Trang in August (K1).
 */
interface Entry {
	key: string;
	by: "vanphong.kh" | "vanphong.ld" | "trunguong";
	at: string;
	receivedAt: string;
	id: string;
	people: number;
	contentType: "complaint" | "denunciation" | "petition" | "mixed";
	field: string;
	leaders?: boolean;
	stage?: "first-instance" | "second-instance" | "final-decision" | "court-judgment";
}

const ID = (n: number) => `0561900${String(n).padStart(5, "0")}`;

/** Made by `seedKnownRegister` under TW, then merged into KH. */
export const MERGED = { code: "NT", name: "Ban Tiếp công dân tỉnh Ninh Thuận", successor: "KH" } as const;

/** Entered before the merger, at the merged unit: they count under its successor. */
export const MERGED_ENTRIES: Entry[] = [
	{
		key: "N1",
		by: "trunguong",
		at: "NT",
		receivedAt: "2025-06-20T02:00:00Z",
		id: "058190000011",
		people: 3,
		contentType: "complaint",
		field: "admin.land",
	},
	{
		key: "N2",
		by: "trunguong",
		at: "NT",
		receivedAt: "2025-06-28T02:00:00Z",
		id: "058190000012",
		people: 6,
		contentType: "denunciation",
		field: "admin.other",
	},
];

export const KNOWN_ENTRIES: Entry[] = [
	// N1's citizen again, after the merger, at Nha Trang: a visit, not a new matter in Q3/2025.
	{
		key: "K1",
		by: "vanphong.kh",
		at: "KH-NHATRANG",
		receivedAt: "2025-08-05T02:00:00Z",
		id: "058190000011",
		people: 1,
		contentType: "complaint",
		field: "admin.land",
	},
	// A: first came before the period, twice in it.
	{
		key: "A1",
		by: "vanphong.kh",
		at: "KH-NHATRANG",
		receivedAt: "2025-11-20T02:00:00Z",
		id: ID(1),
		people: 1,
		contentType: "complaint",
		field: "admin.land",
		stage: "first-instance",
	},
	{
		key: "F",
		by: "vanphong.kh",
		at: "KH-PHANRANG",
		receivedAt: "2025-12-15T01:00:00Z",
		id: ID(6),
		people: 1,
		contentType: "complaint",
		field: "judicial",
		stage: "final-decision",
	},
	{
		key: "B",
		by: "vanphong.kh",
		at: "KH-PHANRANG",
		receivedAt: "2026-01-05T02:00:00Z",
		id: ID(2),
		people: 8,
		contentType: "denunciation",
		field: "corruption",
	},
	{
		key: "A2",
		by: "vanphong.kh",
		at: "KH-NHATRANG",
		receivedAt: "2026-01-10T02:00:00Z",
		id: ID(1),
		people: 1,
		contentType: "complaint",
		field: "admin.land",
		stage: "first-instance",
	},
	{
		key: "H1",
		by: "vanphong.ld",
		at: "LD-BAOLAM",
		receivedAt: "2026-01-15T02:00:00Z",
		id: "068190000008",
		people: 12,
		contentType: "denunciation",
		field: "admin.land",
		stage: "first-instance",
	},
	{
		key: "G",
		by: "vanphong.kh",
		at: "KH-NHATRANG",
		receivedAt: "2026-01-20T02:00:00Z",
		id: ID(7),
		people: 1,
		contentType: "petition",
		field: "other",
	},
	{
		key: "A3",
		by: "vanphong.kh",
		at: "KH-NHATRANG",
		receivedAt: "2026-02-10T02:00:00Z",
		id: ID(1),
		people: 1,
		contentType: "complaint",
		field: "admin.land",
		stage: "first-instance",
	},
	{
		key: "H2",
		by: "vanphong.ld",
		at: "LD-BAOLAM",
		receivedAt: "2026-02-15T02:00:00Z",
		id: "068190000008",
		people: 10,
		contentType: "denunciation",
		field: "admin.land",
		stage: "first-instance",
	},
	{
		key: "C",
		by: "vanphong.kh",
		at: "KH",
		receivedAt: "2026-02-20T02:00:00Z",
		id: ID(3),
		people: 2,
		contentType: "petition",
		field: "admin.other",
		leaders: true,
	},
	{
		key: "I",
		by: "vanphong.ld",
		at: "LD",
		receivedAt: "2026-03-01T02:00:00Z",
		id: "068190000009",
		people: 1,
		contentType: "mixed",
		field: "other",
		stage: "court-judgment",
	},
	// 14/03 23:00 in Vietnam is still in the period; 15/03 00:30 is not.
	{
		key: "D",
		by: "vanphong.kh",
		at: "KH-NHATRANG",
		receivedAt: "2026-03-14T16:00:00Z",
		id: ID(4),
		people: 1,
		contentType: "complaint",
		field: "admin.housing",
		leaders: true,
		stage: "second-instance",
	},
	{
		key: "E",
		by: "vanphong.kh",
		at: "KH-NHATRANG",
		receivedAt: "2026-03-14T17:30:00Z",
		id: ID(5),
		people: 1,
		contentType: "complaint",
		field: "admin.land",
	},
];

/** Entered in error, then voided by a correction: counted nowhere. */
export const VOIDED = ["G"];

/**
 * Enters the known register through the API; answers each entry's case id by key, and the merged
 * unit's endpoint id under its code (`NT`).
 */
export async function seedKnownRegister(fx: RecordsFixture): Promise<Record<string, string>> {
	const central = await fx.as("trunguong");
	const made = await central.request("POST", "/endpoints", {
		code: MERGED.code,
		name: MERGED.name,
		level: "province",
		parentId: fx.seed.endpoints.TW,
		address: "Ninh Thuận",
	});
	if (made.status !== 201) throw new Error(`endpoint NT: ${JSON.stringify(made.body)}`);
	const ids: Record<string, string> = { [MERGED.code]: String(made.body.id) };
	const endpoints: Record<string, string | undefined> = { ...fx.seed.endpoints, ...ids };
	await enter(fx, MERGED_ENTRIES, endpoints, ids);
	const merged = await central.request("PATCH", `/endpoints/${ids.NT}`, {
		changes: { active: false, successorId: fx.seed.endpoints[MERGED.successor], successorKind: "merged" },
	});
	if (merged.status !== 201) throw new Error(`merge NT: ${JSON.stringify(merged.body)}`);
	await enter(fx, KNOWN_ENTRIES, endpoints, ids);
	for (const key of VOIDED) {
		const client = await fx.as("vanphong.kh");
		const res = await client.request("PATCH", `/cases/${ids[key]}`, {
			changes: { voided: true },
			correction: { reason: "nhập nhầm" },
		});
		if (res.status !== 201) throw new Error(`void ${key}: ${JSON.stringify(res.body)}`);
	}
	return ids;
}

async function enter(
	fx: RecordsFixture,
	entries: Entry[],
	endpoints: Record<string, string | undefined>,
	ids: Record<string, string>,
): Promise<void> {
	for (const e of entries) {
		const client = await fx.as(e.by);
		const citizens = [
			{ fullName: `Công dân ${e.key}`, address: "Địa chỉ", idNumber: e.id, isRepresentative: e.people >= 5 },
		];
		const res = await client.request("POST", "/cases", {
			endpointId: endpoints[e.at],
			receivedAt: e.receivedAt,
			citizens,
			peopleCount: e.people,
			summary: `Vụ việc ${e.key}`,
			contentType: e.contentType,
			field: e.field,
			request: "Đề nghị giải quyết",
			...(e.leaders ? { sessionId: fx.seed.sessionId } : {}),
			...(e.stage
				? { resolution: { stage: e.stage, documentNumber: `${e.key}/QĐ`, date: "2025-10-01", issuer: "UBND" } }
				: {}),
		});
		if (res.status !== 201) throw new Error(`case ${e.key}: ${JSON.stringify(res.body)}`);
		ids[e.key] = String(res.body.id);
	}
}

/** A row of the form from its non-zero cells; every other cell is 0. */
export function row(cells: Record<string, number>): number[] {
	for (const id of Object.keys(cells)) if (!FORM_COLUMN_IDS.includes(id)) throw new Error(`no column ${id}`);
	return FORM_COLUMN_IDS.map((id) => cells[id] ?? 0);
}

/** Hand-counted (see the comments of each entry above). */
export const EXPECTED = {
	/** KH's own office: C (petition, a leader's periodic session, 2 people, new). */
	KH: row({
		"leaders.visits": 1,
		"leaders.people": 2,
		"leaders.matters-new": 1,
		petition: 1,
		"result.not-handled": 1,
	}),
	/** A2 (repeat: A1 came before), A3 (same matter again: no new matter), D (a leader's session, 14/03 late). */
	"KH-NHATRANG": row({
		"regular.visits": 2,
		"regular.people": 2,
		"regular.matters-repeat": 1,
		"leaders.visits": 1,
		"leaders.people": 1,
		"leaders.matters-new": 1,
		"complaint.land": 1,
		"complaint.housing": 1,
		"result.first-instance": 1,
		"result.second-instance": 1,
	}),
	/** F (15/12/2025, first day), B (a delegation of 8 on corruption). */
	"KH-PHANRANG": row({
		"regular.visits": 2,
		"regular.people": 9,
		"regular.matters-new": 2,
		"regular.delegations": 1,
		"regular.delegation-people": 8,
		"regular.delegation-matters-new": 1,
		"complaint.judicial": 1,
		"denunciation.corruption": 1,
		"result.not-handled": 1,
		"result.final-decision": 1,
	}),
	/** H1, H2 (the same delegation twice: one matter), I (mixed content at the province office). */
	LD: row({
		"regular.visits": 3,
		"regular.people": 23,
		"regular.matters-new": 2,
		"regular.delegations": 2,
		"regular.delegation-people": 22,
		"regular.delegation-matters-new": 1,
		"denunciation.admin": 1,
		mixed: 1,
		"result.first-instance": 1,
		"result.court-judgment": 1,
	}),
};

/**
 * Quý III/2025 (15/06/2025 – 14/09/2025), across the reform: N1 and N2 of the merged Ninh Thuận
 * office count in Khánh Hòa's own row (the row its successor stands in), K1 at Nha Trang.
 */
export const EXPECTED_Q3_2025 = {
	/** N1 (complaint about land, 3 people, new), N2 (a delegation of 6, denunciation, administrative, new). */
	KH: row({
		"regular.visits": 2,
		"regular.people": 9,
		"regular.matters-new": 2,
		"regular.delegations": 1,
		"regular.delegation-people": 6,
		"regular.delegation-matters-new": 1,
		"complaint.land": 1,
		"denunciation.admin": 1,
		"result.not-handled": 2,
	}),
	/** K1: a visit of one person on N1's matter, already counted in the period: no matter of its own. */
	"KH-NHATRANG": row({ "regular.visits": 1, "regular.people": 1 }),
	"KH-PHANRANG": row({}),
};

export function sum(...rows: number[][]): number[] {
	return FORM_COLUMN_IDS.map((_, i) => rows.reduce((n, r) => n + (r[i] ?? 0), 0));
}
