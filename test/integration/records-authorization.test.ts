import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SHIFT_SETTINGS } from "../../domain/duty.js";
import type { SeedResult } from "../../server/records/demoTopology.js";
import { call, type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
/** A peak period of Khánh Hòa's, which Lâm Đồng must not touch. */
let khPeriod = "";
beforeAll(async () => {
	fx = await startRecordsFixture();
	const period = await fx.platform.duty.periods.create(
		{
			name: "Tết Nguyên đán",
			kind: "tet-nguyen-dan",
			from: "2026-02-14",
			to: "2026-02-22",
			endpointId: fx.seed.endpoints.KH,
			publishedEndpointIds: [],
			scopeEndpointIds: [fx.seed.endpoints.KH, fx.seed.endpoints.TW],
		},
		{ userId: "test", origin: "test" },
	);
	khPeriod = String(period.document.entityId);
});
afterAll(async () => {
	await fx?.platform.stop();
});

type Ids = SeedResult;
interface Refusal {
	who: string;
	method: string;
	path: (ids: Ids) => string;
	body?: (ids: Ids) => unknown;
	code: "FORBIDDEN" | "VALIDATION_ERROR" | "NOT_FOUND";
}

const session = (ids: Ids) => `/sessions/${ids.sessionId}`;
const endpoint = (code: string) => (ids: Ids) => ids.endpoints[code];
const newEndpoint = (parent: string) => (ids: Ids) => ({
	code: "X-1",
	name: "X",
	level: "commune",
	parentId: ids.endpoints[parent],
});
const newUser =
	(at: string, role = "operator") =>
	(ids: Ids) => ({
		username: `u.${at.toLowerCase()}.${role}`,
		name: "Người dùng thử",
		role,
		endpointIds: [ids.endpoints[at]],
		password: "mat-khau-dai",
	});
const newSession =
	(host: string, origin: Record<string, string> = { type: "scheduled" }) =>
	(ids: Ids) => ({
		kind: "regular",
		origin,
		title: "Phiên thử",
		plannedStart: "2026-12-01T01:00:00Z",
		plannedEnd: "2026-12-01T04:00:00Z",
		hostEndpointId: ids.endpoints[host],
		chairUserId: ids.users["chutich.kh"],
	});
const newSeries = (host: string) => (ids: Ids) => ({
	session: { ...newSession(host)(ids), kind: "periodic" },
	recurrence: { frequency: "monthly", count: 2 },
});
const newCase = (at: string) => (ids: Ids) => ({
	receivedAt: "2026-11-01T01:00:00Z",
	endpointId: ids.endpoints[at],
	citizens: [{ fullName: "A", address: "B", idNumber: "012345678" }],
	peopleCount: 1,
	summary: "S",
	contentType: "petition",
	field: "admin.land",
	request: "R",
});
const newOutcome = (ids: Ids) => ({
	sessionId: ids.sessionId,
	caseId: ids.caseId,
	direction: "guide",
	conclusion: "C",
});

const Q1 = "kind=quarter&year=2026&index=1";
/** A week of ordinary days, and a slot on one of its nights. */
const WEEK = "from=2026-12-07&to=2026-12-13";
const ordinarySlot = (at: string) => (ids: Ids) => ({
	endpointId: ids.endpoints[at],
	day: "2026-12-08",
	shift: "night",
	role: "it",
	person: { name: "Cán bộ trực", phone: "0905 000 000" },
});
const endpointPath = (prefix: string, code: string) => (ids: Ids) => `${prefix}${ids.endpoints[code]}`;

/** Each route, refused by role (403), by endpoint scope (403), or by a rule of the record (400). */
const refusals: Refusal[] = [
	{ who: "canbo.nhatrang", method: "POST", path: () => "/endpoints", body: newEndpoint("KH"), code: "FORBIDDEN" },
	{ who: "thanhtra.kh", method: "POST", path: () => "/endpoints", body: newEndpoint("KH"), code: "FORBIDDEN" },
	{ who: "vanphong.kh", method: "POST", path: () => "/endpoints", body: newEndpoint("LD"), code: "FORBIDDEN" },
	{
		who: "cntt.kh",
		method: "PATCH",
		path: (i) => `/endpoints/${endpoint("LD")(i)}`,
		body: () => ({ changes: { name: "X" } }),
		code: "FORBIDDEN",
	},
	// Topology after the 2025 reform: a province's IT moves and merges only within its province.
	{
		who: "cntt.kh",
		method: "PATCH",
		path: (i) => `/endpoints/${endpoint("KH-NHATRANG")(i)}`,
		body: (i) => ({ changes: { parentId: i.endpoints.LD } }),
		code: "FORBIDDEN",
	},
	{
		who: "cntt.kh",
		method: "PATCH",
		path: (i) => `/endpoints/${endpoint("KH-NHATRANG")(i)}`,
		body: (i) => ({ changes: { active: false, successorId: i.endpoints["LD-BAOLAM"], successorKind: "merged" } }),
		code: "FORBIDDEN",
	},
	{
		who: "canbo.nhatrang",
		method: "PATCH",
		path: (i) => `/endpoints/${endpoint("KH-NHATRANG")(i)}`,
		body: () => ({ changes: { active: false } }),
		code: "FORBIDDEN",
	},
	{ who: "canbo.nhatrang", method: "GET", path: () => "/users", code: "FORBIDDEN" },
	{ who: "quansat.kh", method: "GET", path: () => "/users", code: "FORBIDDEN" },
	{ who: "vanphong.kh", method: "GET", path: (i) => `/users/${i.users["chutich.ld"]}`, code: "NOT_FOUND" },
	{ who: "thanhtra.kh", method: "POST", path: () => "/users", body: newUser("KH"), code: "FORBIDDEN" },
	{ who: "vanphong.kh", method: "POST", path: () => "/users", body: newUser("LD"), code: "FORBIDDEN" },
	{ who: "trunguong", method: "POST", path: () => "/users", body: newUser("KH", "central"), code: "VALIDATION_ERROR" },
	{ who: "vanphong.kh", method: "POST", path: () => "/users", body: newUser("KH", "chair"), code: "FORBIDDEN" },
	{ who: "cntt.kh", method: "POST", path: () => "/users", body: newUser("KH", "it"), code: "FORBIDDEN" },
	{
		who: "cntt.kh",
		method: "PATCH",
		path: (i) => `/users/${i.users["chutich.ld"]}`,
		body: () => ({ changes: { disabled: true } }),
		code: "NOT_FOUND",
	},
	{ who: "canbo.xuanhuong", method: "GET", path: session, code: "NOT_FOUND" },
	{ who: "chutich.ld", method: "GET", path: session, code: "NOT_FOUND" },
	{ who: "canbo.nhatrang", method: "POST", path: () => "/sessions", body: newSession("KH"), code: "FORBIDDEN" },
	{ who: "thanhtra.kh", method: "POST", path: () => "/sessions", body: newSession("KH"), code: "FORBIDDEN" },
	{ who: "vanphong.ld", method: "POST", path: () => "/sessions", body: newSession("KH"), code: "NOT_FOUND" },
	{
		who: "vanphong.kh",
		method: "POST",
		path: () => "/sessions",
		body: newSession("KH", { type: "on-demand", reason: "gấp" }),
		code: "VALIDATION_ERROR",
	},
	{ who: "vanphong.ld", method: "PATCH", path: session, body: () => ({ changes: { title: "X" } }), code: "NOT_FOUND" },
	{ who: "thanhtra.kh", method: "PATCH", path: session, body: () => ({ changes: { title: "X" } }), code: "FORBIDDEN" },
	{
		who: "chutich.ld",
		method: "POST",
		path: (i) => `${session(i)}/transitions`,
		body: () => ({ to: "open" }),
		code: "NOT_FOUND",
	},
	{
		who: "canbo.nhatrang",
		method: "POST",
		path: (i) => `${session(i)}/transitions`,
		body: () => ({ to: "open" }),
		code: "FORBIDDEN",
	},
	{
		who: "quansat.kh",
		method: "POST",
		path: (i) => `${session(i)}/transitions`,
		body: () => ({ to: "open" }),
		code: "FORBIDDEN",
	},
	{ who: "canbo.xuanhuong", method: "POST", path: (i) => `${session(i)}/token`, code: "NOT_FOUND" },
	{ who: "quansat.kh", method: "GET", path: (i) => `${session(i)}/attendance`, code: "FORBIDDEN" },
	{ who: "canbo.baolam", method: "GET", path: (i) => `${session(i)}/attendance`, code: "NOT_FOUND" },
	{ who: "canbo.baolam", method: "GET", path: (i) => `${session(i)}/attendance/summary`, code: "NOT_FOUND" },
	{
		who: "canbo.nhatrang",
		method: "POST",
		path: (i) => `${session(i)}/attendance/corrections`,
		body: () => ({ corrects: "x", reason: "sai" }),
		code: "FORBIDDEN",
	},
	{
		who: "vanphong.ld",
		method: "POST",
		path: (i) => `${session(i)}/attendance/corrections`,
		body: () => ({ corrects: "x", reason: "sai" }),
		code: "NOT_FOUND",
	},
	{ who: "quansat.kh", method: "GET", path: (i) => `${session(i)}/notice.pdf`, code: "FORBIDDEN" },
	{ who: "chutich.ld", method: "GET", path: (i) => `${session(i)}/notice.html`, code: "NOT_FOUND" },
	{ who: "quansat.kh", method: "GET", path: () => "/cases", code: "FORBIDDEN" },
	{ who: "cntt.kh", method: "GET", path: () => "/cases", code: "FORBIDDEN" },
	{ who: "canbo.nhatrang", method: "GET", path: (i) => `/cases/${i.caseId}`, code: "NOT_FOUND" },
	{ who: "thanhtra.kh", method: "POST", path: () => "/cases", body: newCase("KH"), code: "FORBIDDEN" },
	{ who: "chutich.kh", method: "POST", path: () => "/cases", body: newCase("KH"), code: "FORBIDDEN" },
	{ who: "canbo.nhatrang", method: "POST", path: () => "/cases", body: newCase("KH-PHANRANG"), code: "FORBIDDEN" },
	{
		who: "thanhtra.kh",
		method: "PATCH",
		path: (i) => `/cases/${i.caseId}`,
		body: () => ({ changes: { status: "closed" } }),
		code: "FORBIDDEN",
	},
	{ who: "cntt.kh", method: "GET", path: () => "/outcomes", code: "FORBIDDEN" },
	{ who: "quansat.kh", method: "GET", path: () => "/outcomes", code: "FORBIDDEN" },
	{ who: "canbo.phanrang", method: "POST", path: () => "/outcomes", body: newOutcome, code: "FORBIDDEN" },
	{ who: "thanhtra.cp", method: "POST", path: () => "/outcomes", body: newOutcome, code: "FORBIDDEN" },
	{ who: "chutich.ld", method: "POST", path: () => "/outcomes", body: newOutcome, code: "NOT_FOUND" },
	{
		who: "thanhtra.kh",
		method: "PATCH",
		path: () => "/outcomes/000000000000000000000000",
		body: () => ({ changes: { conclusion: "X" } }),
		code: "FORBIDDEN",
	},
	{ who: "chutich.kh", method: "GET", path: () => "/audit/verify", code: "FORBIDDEN" },
	// Recurring plans, attachments and the compliance view (server/sessions/routes/).
	{
		who: "canbo.nhatrang",
		method: "POST",
		path: () => "/sessions/series",
		body: newSeries("KH"),
		code: "FORBIDDEN",
	},
	{
		who: "vanphong.ld",
		method: "POST",
		path: () => "/sessions/series",
		body: newSeries("KH"),
		code: "FORBIDDEN",
	},
	{ who: "quansat.kh", method: "GET", path: (i) => `${session(i)}/attachments`, code: "FORBIDDEN" },
	{ who: "chutich.ld", method: "GET", path: (i) => `${session(i)}/attachments`, code: "NOT_FOUND" },
	{ who: "thanhtra.kh", method: "POST", path: (i) => `${session(i)}/attachments?name=x.pdf`, code: "FORBIDDEN" },
	{ who: "chutich.kh", method: "GET", path: () => "/compliance?from=2026-01-01&to=2026-02-01", code: "FORBIDDEN" },
	{ who: "vanphong.kh", method: "GET", path: () => "/compliance?from=2026-01-01&to=2026-02-01", code: "FORBIDDEN" },
	// Delegation to a vice-chair (server/sessions/routes/delegationRoutes.ts).
	{ who: "canbo.xuanhuong", method: "GET", path: (i) => `${session(i)}/presiding`, code: "NOT_FOUND" },
	{ who: "thanhtra.kh", method: "GET", path: (i) => `${session(i)}/delegation/candidates`, code: "FORBIDDEN" },
	{ who: "chutich.ld", method: "GET", path: (i) => `${session(i)}/delegation/candidates`, code: "NOT_FOUND" },
	{
		who: "thanhtra.kh",
		method: "POST",
		path: (i) => `${session(i)}/delegation`,
		body: (i) => ({ toUserId: i.users["phochutich.kh"], reason: "đi công tác" }),
		code: "FORBIDDEN",
	},
	{
		who: "vanphong.ld",
		method: "POST",
		path: (i) => `${session(i)}/delegation`,
		body: (i) => ({ toUserId: i.users["phochutich.kh"], reason: "đi công tác" }),
		code: "NOT_FOUND",
	},
	{
		who: "vanphong.kh",
		method: "POST",
		path: () => "/sessions",
		body: (i) => ({ ...newSession("KH")(i), coChairUserIds: [i.users["thanhtra.kh"]] }),
		code: "VALIDATION_ERROR",
	},
	// The conclusion notice's versions and corrections (server/sessions/routes/noticeRoutes.ts).
	{ who: "quansat.kh", method: "GET", path: (i) => `${session(i)}/notices`, code: "FORBIDDEN" },
	{ who: "chutich.ld", method: "GET", path: (i) => `${session(i)}/notices/1.pdf`, code: "NOT_FOUND" },
	{
		who: "canbo.phanrang",
		method: "POST",
		path: (i) => `${session(i)}/notices/corrections`,
		body: () => ({ reason: "sai thời hạn" }),
		code: "FORBIDDEN",
	},
	{
		who: "vanphong.ld",
		method: "POST",
		path: (i) => `${session(i)}/notices/corrections`,
		body: () => ({ reason: "sai thời hạn" }),
		code: "NOT_FOUND",
	},
	{
		who: "phochutich.kh",
		method: "POST",
		path: (i) => `${session(i)}/notices/corrections`,
		body: () => ({ reason: "sai thời hạn" }),
		code: "FORBIDDEN",
	},
	{
		who: "vanphong.kh",
		method: "PATCH",
		path: (i) => `/users/${i.users["canbo.nhatrang"]}`,
		body: (i) => ({ changes: { role: "central", endpointIds: [i.endpoints["KH-NHATRANG"], i.endpoints.TW] } }),
		code: "FORBIDDEN",
	},
	{ who: "chutich.ld", method: "GET", path: (i) => `${session(i)}/history`, code: "NOT_FOUND" },
	{ who: "chutich.ld", method: "GET", path: (i) => `${session(i)}/notice`, code: "NOT_FOUND" },
	{
		who: "canbo.nhatrang",
		method: "GET",
		path: (i) => `/users/${i.users["canbo.nhatrang"]}/history`,
		code: "FORBIDDEN",
	},
	{ who: "canbo.nhatrang", method: "GET", path: (i) => `/cases/${i.caseId}/history`, code: "NOT_FOUND" },
	{ who: "cntt.kh", method: "GET", path: () => "/outcomes/000000000000000000000000", code: "FORBIDDEN" },
	{ who: "quansat.kh", method: "GET", path: () => "/outcomes/000000000000000000000000/history", code: "FORBIDDEN" },
	// An operator acknowledges only an alert delivered to them on duty: any other is absent.
	{
		who: "canbo.nhatrang",
		method: "POST",
		path: () => "/alerts/000000000000000000000000/acknowledge",
		code: "NOT_FOUND",
	},
	{ who: "quansat.kh", method: "GET", path: () => "/alerts", code: "FORBIDDEN" },
	{ who: "cntt.kh", method: "GET", path: () => "/alerts?state=some", code: "VALIDATION_ERROR" },
	{
		who: "thanhtra.kh",
		method: "POST",
		path: () => "/alerts/000000000000000000000000/acknowledge",
		code: "FORBIDDEN",
	},
	// Inspectors read alerts and never acknowledge them (the leader on duty, a chair, may).
	{ who: "thanhtra.kh", method: "POST", path: () => "/alerts/000000000000000000000000/acknowledge", code: "FORBIDDEN" },
	{ who: "cntt.kh", method: "POST", path: () => "/alerts/not-an-id/acknowledge", code: "VALIDATION_ERROR" },
	{ who: "chutich.kh", method: "GET", path: () => "/nationaldb/board", code: "FORBIDDEN" },
	// A subtree outside the caller's scope: answered as an unknown endpoint (the scope rule).
	{ who: "cntt.kh", method: "GET", path: (i) => `/nationaldb/board?under=${i.endpoints.LD}`, code: "NOT_FOUND" },
	{ who: "canbo.nhatrang", method: "GET", path: () => "/nationaldb/items", code: "FORBIDDEN" },
	{ who: "thanhtra.kh", method: "GET", path: (i) => `/nationaldb/items?under=${i.endpoints.LD}`, code: "NOT_FOUND" },
	{ who: "vanphong.kh", method: "POST", path: () => "/nationaldb/batches", body: () => ({}), code: "FORBIDDEN" },
	{
		who: "cntt.kh",
		method: "POST",
		path: () => "/nationaldb/batches",
		body: (i) => ({ under: i.endpoints.LD }),
		code: "NOT_FOUND",
	},
	{ who: "quansat.kh", method: "GET", path: () => "/nationaldb/batches", code: "FORBIDDEN" },
	{ who: "chutich.kh", method: "GET", path: () => "/nationaldb/batches/x/json", code: "FORBIDDEN" },
	{
		who: "thanhtra.kh",
		method: "POST",
		path: () => "/nationaldb/batches/x/receipt",
		body: () => ({ batchId: "x", results: [] }),
		code: "FORBIDDEN",
	},
	{ who: "thanhtra.cp", method: "POST", path: () => "/nationaldb/items/x/retry", code: "FORBIDDEN" },
	{ who: "canbo.nhatrang", method: "GET", path: () => `/reports/form?${Q1}`, code: "FORBIDDEN" },
	{ who: "cntt.kh", method: "GET", path: () => `/reports/form?${Q1}`, code: "FORBIDDEN" },
	// A report over a subtree outside the caller's scope: answered as an unknown endpoint (the scope rule).
	{ who: "chutich.ld", method: "GET", path: (i) => `/reports/form?${Q1}&under=${i.endpoints.KH}`, code: "NOT_FOUND" },
	{ who: "quansat.kh", method: "GET", path: () => `/reports/form/cases?${Q1}&cell=petition`, code: "FORBIDDEN" },
	{ who: "canbo.phanrang", method: "GET", path: () => `/reports/form.xlsx?${Q1}`, code: "FORBIDDEN" },
	{
		who: "vanphong.ld",
		method: "GET",
		path: (i) => `/reports/form.pdf?${Q1}&under=${i.endpoints.KH}`,
		code: "NOT_FOUND",
	},
	{
		who: "thanhtra.kh",
		method: "GET",
		path: (i) => `/reports/form.csv?${Q1}&under=${i.endpoints.LD}`,
		code: "NOT_FOUND",
	},
	{
		who: "vanphong.ld",
		method: "GET",
		path: (i) => `/reports/form/cases?${Q1}&cell=petition&under=${i.endpoints["KH-NHATRANG"]}`,
		code: "NOT_FOUND",
	},
	// Duty: a province's shifts and the personal duty feed.
	{ who: "quansat.kh", method: "GET", path: endpointPath("/duty/settings/", "KH"), code: "FORBIDDEN" },
	{ who: "vanphong.ld", method: "GET", path: endpointPath("/duty/settings/", "KH"), code: "NOT_FOUND" },
	{ who: "cntt.kh", method: "PUT", path: endpointPath("/duty/settings/", "KH"), body: () => ({}), code: "FORBIDDEN" },
	{
		who: "vanphong.ld",
		method: "PUT",
		path: endpointPath("/duty/settings/", "KH"),
		body: () => DEFAULT_SHIFT_SETTINGS,
		code: "NOT_FOUND",
	},
	{ who: "quansat.kh", method: "GET", path: () => "/duty/feed", code: "FORBIDDEN" },
	// Correcting a peak period: a commune officer may not; another province's is absent to it.
	{
		who: "canbo.nhatrang",
		method: "PATCH",
		path: () => `/duty/periods/${khPeriod}`,
		body: () => ({}),
		code: "FORBIDDEN",
	},
	{
		who: "vanphong.ld",
		method: "PATCH",
		path: () => `/duty/periods/${khPeriod}`,
		body: () => ({ to: "2026-02-20", correction: { reason: "Nhầm ngày" } }),
		code: "NOT_FOUND",
	},
	{ who: "quansat.kh", method: "GET", path: () => `/duty/periods/${khPeriod}/history`, code: "FORBIDDEN" },
	{ who: "vanphong.ld", method: "GET", path: () => `/duty/periods/${khPeriod}/history`, code: "NOT_FOUND" },
	// Asking communes for daily reports: a commune officer may not ask; Lâm Đồng cannot reach Khánh Hòa's
	// period; a commune officer reports only for its own commune.
	{
		who: "canbo.nhatrang",
		method: "POST",
		path: () => `/duty/periods/${khPeriod}/commune-requests`,
		body: (i) => ({ provinceId: i.endpoints.KH }),
		code: "FORBIDDEN",
	},
	{ who: "quansat.kh", method: "GET", path: () => `/duty/periods/${khPeriod}/commune-requests`, code: "FORBIDDEN" },
	{
		who: "vanphong.ld",
		method: "POST",
		path: () => `/duty/periods/${khPeriod}/commune-requests`,
		body: (i) => ({ provinceId: i.endpoints.LD }),
		code: "NOT_FOUND",
	},
	{ who: "vanphong.ld", method: "GET", path: () => `/duty/periods/${khPeriod}/commune-requests`, code: "NOT_FOUND" },
	{
		who: "canbo.xuanhuong",
		method: "POST",
		path: () => `/duty/periods/${khPeriod}/reports`,
		body: (i) => ({ kind: "daily", endpointId: i.endpoints["KH-NHATRANG"], day: "2026-02-15" }),
		code: "NOT_FOUND",
	},
	{ who: "cntt.kh", method: "GET", path: () => "/duty/periods/x/summary.pdf", code: "FORBIDDEN" },
	{ who: "canbo.nhatrang", method: "GET", path: () => "/duty/periods/x/summary.xlsx", code: "FORBIDDEN" },
	{
		who: "vanphong.ld",
		method: "GET",
		path: endpointPath("/duty/periods/x/summary.pdf?under=", "KH"),
		code: "NOT_FOUND",
	},
	// Duty outside a peak period (ordinary after-hours duty) and at agencies.
	{ who: "cntt.kh", method: "POST", path: () => "/duty/slots", body: ordinarySlot("KH"), code: "FORBIDDEN" },
	{ who: "thanhtra.kh", method: "POST", path: () => "/duty/slots", body: ordinarySlot("KH"), code: "FORBIDDEN" },
	{ who: "vanphong.ld", method: "POST", path: () => "/duty/slots", body: ordinarySlot("KH"), code: "NOT_FOUND" },
	{
		who: "vanphong.kh",
		method: "POST",
		path: () => "/duty/slots",
		body: (i) => ({ ...ordinarySlot("KH")(i), agencyId: "000000000000000000000000" }),
		code: "NOT_FOUND",
	},
	{
		who: "vanphong.kh",
		method: "POST",
		path: () => "/duty/slots",
		body: (i) => ({ ...ordinarySlot("KH")(i), role: "cook" }),
		code: "VALIDATION_ERROR",
	},
	{ who: "quansat.kh", method: "GET", path: () => `/duty/roster?${WEEK}`, code: "FORBIDDEN" },
	{
		who: "vanphong.ld",
		method: "GET",
		path: (i) => `/duty/roster?${WEEK}&endpoint=${i.endpoints.KH}`,
		code: "NOT_FOUND",
	},
	{
		who: "vanphong.kh",
		method: "GET",
		path: () => "/duty/roster?from=2026-12-01&to=2027-03-01",
		code: "VALIDATION_ERROR",
	},
	{
		who: "chutich.ld",
		method: "GET",
		path: (i) => `/duty/roster.pdf?${WEEK}&endpoint=${i.endpoints.KH}`,
		code: "NOT_FOUND",
	},
	{ who: "quansat.kh", method: "GET", path: () => `/duty/gaps?${WEEK}`, code: "FORBIDDEN" },
	{ who: "cntt.kh", method: "GET", path: (i) => `/duty/gaps?${WEEK}&under=${i.endpoints.LD}`, code: "NOT_FOUND" },
	{
		who: "canbo.nhatrang",
		method: "POST",
		path: () => "/duty/publish",
		body: (i) => ({ endpointId: i.endpoints["KH-NHATRANG"], from: "2026-12-07", to: "2026-12-13" }),
		code: "FORBIDDEN",
	},
	{
		who: "vanphong.ld",
		method: "POST",
		path: () => "/duty/publish",
		body: (i) => ({ endpointId: i.endpoints.KH, from: "2026-12-07", to: "2026-12-13" }),
		code: "NOT_FOUND",
	},
];

/** Every route of the API, for the "no token" check. */
const ROUTES: [string, string][] = [
	["GET", "/auth/me"],
	["GET", "/duty/settings/x"],
	["PUT", "/duty/settings/x"],
	["GET", "/duty/feed"],
	["PATCH", "/duty/periods/x"],
	["GET", "/duty/periods/x/history"],
	["POST", "/duty/periods/x/commune-requests"],
	["GET", "/duty/periods/x/commune-requests"],
	["GET", "/duty/periods/x/summary.xlsx"],
	["GET", "/duty/periods/x/summary.pdf"],
	["GET", "/duty/roster"],
	["GET", "/duty/roster.pdf"],
	["GET", "/duty/gaps"],
	["POST", "/duty/slots"],
	["POST", "/duty/publish"],
	["GET", "/endpoints"],
	["GET", "/endpoints/x"],
	["GET", "/endpoints/x/history"],
	["POST", "/endpoints"],
	["PATCH", "/endpoints/x"],
	["GET", "/users"],
	["GET", "/users/x"],
	["GET", "/users/x/history"],
	["POST", "/users"],
	["PATCH", "/users/x"],
	["GET", "/sessions"],
	["GET", "/sessions/x"],
	["GET", "/sessions/x/history"],
	["POST", "/sessions"],
	["PATCH", "/sessions/x"],
	["POST", "/sessions/x/transitions"],
	["POST", "/sessions/x/token"],
	["GET", "/sessions/x/attendance"],
	["GET", "/sessions/x/attendance/summary"],
	["POST", "/sessions/x/attendance/corrections"],
	["GET", "/sessions/x/notice"],
	["GET", "/sessions/x/notice.html"],
	["GET", "/sessions/x/notice.pdf"],
	["GET", "/cases"],
	["GET", "/cases/x"],
	["GET", "/cases/x/history"],
	["POST", "/cases"],
	["PATCH", "/cases/x"],
	["GET", "/outcomes"],
	["GET", "/outcomes/x"],
	["GET", "/outcomes/x/history"],
	["POST", "/outcomes"],
	["PATCH", "/outcomes/x"],
	["GET", "/audit/verify"],
	["GET", "/alerts"],
	["POST", "/alerts/x/acknowledge"],
	["GET", "/nationaldb/board"],
	["GET", "/nationaldb/items"],
	["POST", "/nationaldb/items/x/retry"],
	["POST", "/nationaldb/batches"],
	["GET", "/nationaldb/batches"],
	["GET", "/nationaldb/batches/x/json"],
	["POST", "/nationaldb/batches/x/receipt"],
	["GET", "/reports/form"],
	["GET", "/reports/form/cases"],
	["GET", "/reports/form.xlsx"],
	["GET", "/reports/form.pdf"],
	["GET", "/reports/form.csv"],
];

it("refuses every route without a valid access token", async () => {
	for (const [method, path] of ROUTES) {
		const res = await call(fx.base, method, path, method === "GET" ? undefined : {});
		expect(res.body, `${method} ${path}`).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
		expect(res.status).toBe(401);
		const forged = await call(fx.base, method, path, undefined, { authorization: "Bearer not.a.token" });
		expect(forged.body, `${method} ${path}`).toMatchObject({ error: { code: "TOKEN_INVALID" } });
	}
});

describe("refusals", () => {
	it.each(refusals)("#%# $who $method → $code", async (r) => {
		const client = await fx.as(r.who);
		const res = await client.request(r.method, r.path(fx.seed), r.body?.(fx.seed));
		expect(res.body).toMatchObject({ error: { code: r.code } });
		expect(res.status).toBe({ FORBIDDEN: 403, VALIDATION_ERROR: 400, NOT_FOUND: 404 }[r.code]);
	});
});

it("lets each role do what its row of the matrix allows, within its scope", async () => {
	const ids = fx.seed;
	const ok = async (who: string, method: string, path: string, body?: unknown) => {
		const res = await (await fx.as(who)).request(method, path, body);
		expect(res.status, `${who} ${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
		return res.body;
	};
	await ok("thanhtra.kh", "GET", `/cases/${ids.caseId}`);
	await ok("canbo.phanrang", "GET", `/cases/${ids.caseId}`);
	await ok("canbo.nhatrang", "GET", `/sessions/${ids.sessionId}`);
	await ok("quansat.kh", "GET", `/sessions/${ids.sessionId}`);
	await ok("thanhtra.cp", "GET", "/audit/verify");
	const token = (await ok("canbo.nhatrang", "POST", `/sessions/${ids.sessionId}/token`)) as { token: string };
	expect(fx.platform.tokens.verify(token.token, "session")).toMatchObject({
		sessionId: ids.sessionId,
		endpointId: ids.endpoints["KH-NHATRANG"],
	});
	const xuanHuong = (await ok("canbo.xuanhuong", "GET", "/sessions")) as { total: number };
	expect(xuanHuong.total).toBe(0);
	await ok("cntt.kh", "POST", "/endpoints", {
		code: "KH-CAMRANH",
		name: "Điểm cầu phường Cam Ranh",
		level: "commune",
		parentId: ids.endpoints.KH,
	});
	await ok("vanphong.kh", "POST", "/users", {
		username: "canbo.camranh",
		name: "Cán bộ Cam Ranh",
		role: "operator",
		endpointIds: [ids.endpoints["KH-PHANRANG"]],
		password: "mat-khau-dai",
	});
	const onDemand = await ok("trunguong", "POST", "/sessions", {
		kind: "unscheduled",
		origin: { type: "on-demand", reason: "Đoàn đông người dự kiến ra Hà Nội" },
		title: "Tiếp công dân đột xuất",
		plannedStart: "2026-12-02T01:00:00Z",
		plannedEnd: "2026-12-02T03:00:00Z",
		hostEndpointId: ids.endpoints.LD,
		chairUserId: ids.users["chutich.ld"],
		participantEndpointIds: [ids.endpoints.TW, ids.endpoints["LD-BAOLAM"]],
	});
	expect(onDemand).toMatchObject({ status: "scheduled", origin: { type: "on-demand" } });
	const baoLam = (await ok("canbo.baolam", "GET", "/sessions")) as { items: { title: string }[] };
	expect(baoLam.items.map((s) => s.title)).toEqual(["Tiếp công dân đột xuất"]);
});
