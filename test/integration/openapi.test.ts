import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { Express } from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { OpenApiDocument } from "../../domain/api/openapi.js";
import { addDays, dayOf } from "../../domain/duty.js";
import { DEMO_PASSWORD } from "../../server/records/demoTopology.js";
import { groupBody, inDays, watchBody } from "../support/hotspots.js";
import { eventually } from "../support/platform.js";
import {
	type ApiClient,
	type ApiResponse,
	call,
	type RecordsFixture,
	sampleCase,
	startRecordsFixture,
} from "../support/records.js";

/**
 * Every route the OpenAPI document lists is called once with a real request, and its answer is
 * checked against the document: a documented status, and a body valid under its JSON Schema. Every
 * route the server answers under /api must be in the document. A new route registered in
 * domain/api/index.ts needs a row in CALLS below; the test names any that lacks one.
 */

interface Call {
	/** Who calls (a demo username); the central office by default. */
	as?: string;
	params?: Record<string, string>;
	query?: Record<string, string>;
	body?: unknown;
	/** Runs after the answer, to keep what later calls need (an id, a token). */
	after?: (answer: ApiResponse<Record<string, unknown>>) => void | Promise<void>;
}

/** What the calls share: ids made along the way. */
const fx: Record<string, string> = {};
let records: RecordsFixture;
let document: OpenApiDocument;

const DAY = 86_400_000;
/** The year's report over the caller's scope. */
const yearReport = { kind: "year", year: String(new Date().getFullYear()) };
/** A user the test creates, and the password it starts with. */
const NEW_USER = "canbo.vinhhoa";
const password = "MatKhau@2026";

const today = () => dayOf(new Date());
const at = (code: string) => records.seed.endpoints[code] ?? "";
const userId = (username: string) => records.seed.users[username] ?? "";

beforeAll(async () => {
	records = await startRecordsFixture({ SESSION_LOBBY: "off" });
	const answer = await call<OpenApiDocument>(records.base, "GET", "/openapi.json");
	expect(answer.status).toBe(200);
	document = answer.body;
});

afterAll(async () => {
	await records?.platform.stop();
});

/** `{ id }` of something made along the way. */
const id = (name: string) => ({ id: fx[name] ?? "" });
/** Keeps the new record's id under `name` for later calls. */
const keep =
	(name: string) =>
	(answer: ApiResponse<Record<string, unknown>>): void => {
		fx[name] = String(answer.body.id);
	};

/** The list, one, history and change calls of a revisioned record made earlier and kept under `key`. */
function readAndChange(
	name: string,
	key: string,
	how: { reader?: string; writer?: string; query: () => Record<string, string>; changes: Record<string, unknown> },
): Record<string, () => Call> {
	const reader = { as: how.reader ?? "trunguong" };
	return {
		[`get${name}`]: () => ({ ...reader, query: how.query() }),
		[`get${name}ById`]: () => ({ ...reader, params: id(key) }),
		[`get${name}ByIdHistory`]: () => ({ ...reader, params: id(key) }),
		[`patch${name}ById`]: () => ({ as: how.writer ?? "trunguong", params: id(key), body: { changes: how.changes } }),
	};
}

/** How each operation is called, in this order; operations are named by their operationId. */
const CALLS: Record<string, () => Call | Promise<Call>> = {
	getOpenapiJson: () => ({}),
	postAuthLogin: () => ({ body: { username: "canbo.nhatrang", password: DEMO_PASSWORD } }),
	postAuthRefresh: async () => {
		const login = await call<{ refreshToken: string }>(records.base, "POST", "/auth/login", {
			username: "quansat.kh",
			password: DEMO_PASSWORD,
		});
		fx.refreshToken = login.body.refreshToken;
		return { body: { refreshToken: fx.refreshToken } };
	},
	postAuthLogout: () => ({ body: { refreshToken: fx.refreshToken } }),
	getAuthMe: () => ({ as: "chutich.kh" }),

	postEndpoints: () => ({
		body: { code: "KH-VINHHOA", name: "Điểm cầu phường Vĩnh Hòa", level: "commune", parentId: at("KH") },
		after: keep("endpointId"),
	}),
	...readAndChange("Endpoints", "endpointId", { query: () => ({ under: at("KH") }), changes: { address: "Vĩnh Hòa" } }),

	postUsers: () => ({
		body: {
			username: NEW_USER,
			name: "Trương Thị Quỳnh",
			role: "operator",
			endpointIds: [at("KH-NHATRANG")],
			password,
		},
		after: keep("userId"),
	}),
	...readAndChange("Users", "userId", { query: () => ({ endpoint: at("KH") }), changes: { name: "Trương Quỳnh" } }),
	postUsersByIdPassword: () => ({
		as: NEW_USER,
		params: id("userId"),
		body: { password: "MatKhauMoi@2026", currentPassword: password },
	}),

	getCasesFields: () => ({ as: "vanphong.kh" }),
	postCases: () => ({ as: "canbo.nhatrang", body: sampleCase(at("KH-NHATRANG")), after: keep("caseId") }),
	...readAndChange("Cases", "caseId", {
		reader: "vanphong.kh",
		writer: "canbo.nhatrang",
		query: () => ({ contentType: "petition" }),
		changes: { request: "Hòa giải lần hai." },
	}),

	postSessions: () => ({
		as: "vanphong.kh",
		body: {
			kind: "unscheduled",
			origin: { type: "scheduled" },
			title: "Tiếp công dân đột xuất vụ việc phường Nha Trang",
			plannedStart: new Date().toISOString(),
			plannedEnd: new Date(Date.now() + 3_600_000).toISOString(),
			hostEndpointId: at("KH"),
			chairUserId: userId("chutich.kh"),
			participantEndpointIds: [at("KH-NHATRANG"), at("KH-PHANRANG")],
			caseIds: [records.seed.caseId ?? ""],
		},
		after: keep("sessionId"),
	}),
	...readAndChange("Sessions", "sessionId", {
		reader: "chutich.kh",
		writer: "vanphong.kh",
		query: () => ({ status: "scheduled" }),
		changes: { agenda: ["Tranh chấp đất"] },
	}),
	postSessionsByIdTransitions: () => ({
		as: "vanphong.kh",
		params: id("sessionId"),
		body: { to: "open" },
		after: () => step("live"),
	}),
	postSessionsByIdToken: () => ({ as: "canbo.nhatrang", params: id("sessionId") }),
	getSessionsByIdReadiness: () => ({ as: "cntt.kh", params: id("sessionId") }),

	postOutcomes: () => ({
		as: "vanphong.kh",
		body: {
			sessionId: fx.sessionId,
			caseId: records.seed.caseId,
			direction: "returned-to-locality",
			conclusion: "Công dân đồng ý trở về địa phương; giao UBND phường báo cáo trước 15/12.",
			assignments: [
				{
					agency: "UBND phường Phan Rang",
					task: "Rà soát đơn giá",
					deadline: "2026-12-15T00:00:00Z",
					reportTo: "UBND tỉnh",
				},
			],
		},
		after: keep("outcomeId"),
	}),
	...readAndChange("Outcomes", "outcomeId", {
		reader: "chutich.kh",
		writer: "vanphong.kh",
		query: () => ({ sessionId: fx.sessionId ?? "" }),
		changes: { followUpStatus: "in-progress" },
	}),
	getSessionsByIdNotice: () => ({ as: "chutich.kh", params: id("sessionId") }),
	getSessionsByIdNoticeHtml: () => ({ as: "chutich.kh", params: id("sessionId") }),
	getSessionsByIdNoticePdf: () => ({ as: "chutich.kh", params: id("sessionId") }),
	getCasesByIdTimeline: () => ({ as: "vanphong.kh", params: { id: records.seed.caseId ?? "" } }),
	getCasesRegisterPdf: () => ({
		as: "vanphong.kh",
		query: { from: new Date(Date.now() - DAY).toISOString(), to: new Date(Date.now() + DAY).toISOString() },
	}),

	// The register: agencies and the tasks given to them.
	postAgencies: () => ({
		as: "vanphong.kh",
		body: {
			name: "Sở Xây dựng tỉnh Khánh Hòa",
			kind: "department",
			provinceId: at("KH"),
			contacts: [{ name: "Trần Văn Sáu", title: "Chánh Văn phòng", phone: "0258 3822 000" }],
		},
		after: keep("agencyId"),
	}),
	...readAndChange("Agencies", "agencyId", {
		reader: "chutich.kh",
		writer: "vanphong.kh",
		query: () => ({ province: at("KH") }),
		changes: { active: true },
	}),
	postTasks: () => ({
		as: "vanphong.kh",
		body: {
			caseId: records.seed.caseId,
			agencyId: fx.agencyId,
			description: "Kiểm tra, báo cáo đơn giá bồi thường",
			deadline: new Date(Date.now() + 2 * DAY).toISOString(),
			reportTo: "UBND tỉnh",
		},
		after: keep("taskId"),
	}),
	...readAndChange("Tasks", "taskId", {
		reader: "vanphong.kh",
		writer: "vanphong.kh",
		query: () => ({ agency: fx.agencyId ?? "" }),
		changes: { reportTo: "UBND tỉnh Khánh Hòa" },
	}),
	getTasksByAgency: () => ({ as: "vanphong.kh", query: { province: at("KH") } }),
	getTasksByIdReminders: () => ({ as: "vanphong.kh", params: id("taskId") }),
	postTasksByIdProgress: () => ({
		as: "vanphong.kh",
		params: id("taskId"),
		body: { note: "Sở đã làm việc với hộ dân." },
	}),
	postTasksByIdResult: () => ({
		as: "vanphong.kh",
		params: id("taskId"),
		body: {
			documentNumber: "125/BC-SXD",
			date: new Date().toISOString(),
			summary: "Đơn giá đã áp dụng đúng quy định.",
		},
	}),

	// Reports: the form, the cases behind a figure, and its documents.
	getReportsForm: () => ({ query: yearReport }),
	getReportsFormCases: () => ({ query: { ...yearReport, cell: "regular.visits" } }),
	getReportsFormXlsx: () => ({ query: yearReport }),
	getReportsFormPdf: () => ({ as: "chutich.kh", query: yearReport }),
	getReportsFormCsv: () => ({ as: "thanhtra.cp", query: yearReport }),

	// Hot spots: a watch on the seed case, its developments, a working group, the board and the feed.
	postHotspotsWatches: () => ({
		as: "vanphong.kh",
		body: watchBody(records.seed.caseId ?? ""),
		after: keep("watchId"),
	}),
	getHotspotsWatches: () => ({ as: "vanphong.kh", query: { status: "all" } }),
	getHotspotsBoard: () => ({ query: { level: "critical" } }),
	postHotspotsBoardSeen: () => ({}),
	getHotspotsWatchesById: () => ({ as: "chutich.kh", params: id("watchId") }),
	patchHotspotsWatchesById: () => ({
		as: "vanphong.kh",
		params: id("watchId"),
		body: { changes: { expectedPeople: 40 } },
	}),
	getHotspotsWatchesByIdHistory: () => ({ params: id("watchId") }),
	postHotspotsCasesByCaseIdDevelopments: () => ({
		as: "vanphong.kh",
		params: { caseId: records.seed.caseId ?? "" },
		body: { occurredAt: inDays(0), text: "Khoảng 20 người tập trung tại nhà văn hóa khu phố 3.", peopleCount: 20 },
	}),
	getHotspotsCasesByCaseIdDevelopments: () => ({ as: "thanhtra.kh", params: { caseId: records.seed.caseId ?? "" } }),
	postHotspotsGroups: () => ({
		as: "vanphong.kh",
		body: groupBody(at("KH"), [records.seed.caseId ?? ""]),
		after: keep("groupId"),
	}),
	getHotspotsGroups: () => ({ as: "chutich.kh", query: { province: at("KH") } }),
	getHotspotsGroupsById: () => ({ params: id("groupId") }),
	patchHotspotsGroupsById: () => ({
		as: "vanphong.kh",
		params: id("groupId"),
		body: { changes: { received: 20, persuaded: 12 } },
	}),
	getHotspotsGroupsByIdHistory: () => ({ as: "vanphong.kh", params: id("groupId") }),
	postHotspotsWatchesByIdDialogue: () => ({
		params: id("watchId"),
		body: { plannedStart: inDays(1), reason: "Đoàn đông người dự kiến ra Hà Nội tuần này" },
	}),
	postHotspotsWatchesByIdTransitions: () => ({
		as: "vanphong.kh",
		params: id("watchId"),
		body: { to: "risk-over", reason: "Công dân đã trở về, không còn nguy cơ" },
	}),
	getHotspotsFeed: () => ({
		query: { unacknowledged: "true" },
		after: (a) => {
			fx.feedItemId = String((a.body.items as { id: string }[])[0]?.id);
		},
	}),
	postHotspotsFeedAcknowledgements: () => ({ body: { itemId: fx.feedItemId } }),

	getSessionsByIdAttendance: async () => {
		records.platform.attendance.record({
			sessionId: fx.sessionId ?? "",
			endpointId: at("KH-NHATRANG"),
			userId: userId("canbo.nhatrang"),
			userName: "Bùi Thị Hoa",
			participantId: "p-openapi",
			kind: "joined",
		});
		const secretariat = await records.as("vanphong.kh");
		fx.factId = await eventually(async () => {
			const path = `/sessions/${fx.sessionId}/attendance`;
			return (await secretariat.request<{ items: { id: string }[] }>("GET", path)).body.items[0]?.id;
		});
		return { as: "vanphong.kh", params: id("sessionId"), query: { kind: "joined" } };
	},
	getSessionsByIdAttendanceSummary: () => ({ as: "vanphong.kh", params: id("sessionId") }),
	postSessionsByIdAttendanceCorrections: () => ({
		as: "vanphong.kh",
		params: id("sessionId"),
		body: { corrects: fx.factId, reason: "Cán bộ CNTT thử đường truyền" },
	}),

	getSessionsByIdNotices: async () => {
		await step("ended");
		await step("concluded", { number: "15/TB-UBND" });
		return { as: "chutich.kh", params: id("sessionId") };
	},
	getSessionsByIdNoticesByVersionPdf: () => ({ as: "chutich.kh", params: { ...id("sessionId"), version: "1" } }),
	postSessionsByIdNoticesCorrections: () => ({
		as: "vanphong.kh",
		params: id("sessionId"),
		body: { reason: "Sửa thời hạn báo cáo", notice: { recipients: ["Thanh tra tỉnh Khánh Hòa"] } },
	}),

	// The sessions module: a recurring plan, who presides and delegation, documents, calendar, compliance.
	postSessionsSeries: () => ({
		as: "vanphong.kh",
		body: {
			session: {
				kind: "periodic",
				origin: { type: "scheduled" },
				title: "Tiếp công dân định kỳ của Chủ tịch UBND tỉnh",
				plannedStart: new Date(Date.now() + 7 * DAY).toISOString(),
				plannedEnd: new Date(Date.now() + 7 * DAY + 3 * 3_600_000).toISOString(),
				hostEndpointId: at("KH"),
				chairUserId: userId("chutich.kh"),
				participantEndpointIds: [at("KH-NHATRANG")],
			},
			recurrence: { frequency: "monthly", count: 2 },
		},
		after: (a) => {
			fx.plannedId = String((a.body.sessionIds as string[])[0]);
		},
	}),
	getSessionsByIdPresiding: () => ({ as: "chutich.kh", params: id("plannedId") }),
	getSessionsByIdDelegationCandidates: () => ({ as: "chutich.kh", params: id("plannedId") }),
	postSessionsByIdDelegation: () => ({
		as: "chutich.kh",
		params: id("plannedId"),
		body: { toUserId: userId("phochutich.kh"), reason: "Chủ tịch đi công tác" },
	}),
	postSessionsByIdDelegationWithdrawal: () => ({ as: "chutich.kh", params: id("plannedId"), body: {} }),
	postSessionsByIdAttachments: () => ({
		as: "vanphong.kh",
		params: id("plannedId"),
		query: { name: "Đơn khiếu nại.pdf" },
		body: Buffer.from("%PDF-1.4\n%%EOF\n"),
		after: keep("attachmentId"),
	}),
	getSessionsByIdAttachments: () => ({ as: "chutich.kh", params: id("plannedId") }),
	getSessionsByIdAttachmentsByAttachmentId: () => ({
		as: "chutich.kh",
		params: { ...id("plannedId"), attachmentId: fx.attachmentId ?? "" },
	}),
	postSessionsByIdAttachmentsByAttachmentIdRemoval: () => ({
		as: "vanphong.kh",
		params: { ...id("plannedId"), attachmentId: fx.attachmentId ?? "" },
		body: { reason: "Tải nhầm tệp" },
	}),
	getCalendarByCode: () => ({ params: { code: "KH" } }),
	getCalendarByCodePdf: () => ({ params: { code: "KH" } }),
	getCalendarByCodeIcs: () => ({ params: { code: "KH" } }),
	getCompliance: () => ({
		as: "thanhtra.cp",
		query: { from: new Date(Date.now() - 60 * DAY).toISOString(), to: new Date().toISOString() },
	}),

	getHealthEndpoints: () => ({ as: "cntt.kh" }),
	getHealthEndpointsByIdHistory: () => ({ as: "cntt.kh", params: { id: at("KH-NHATRANG") } }),
	getHealthWorkers: () => ({ as: "cntt.kh" }),

	getAlerts: async () => {
		const facts = { sessionTitle: "Tiếp công dân đột xuất", plannedStart: new Date().toISOString() };
		const alert = await records.platform.alerts.raise(
			"offline-before-session",
			at("KH-NHATRANG"),
			fx.sessionId ?? "",
			facts,
		);
		fx.alertId = alert.id;
		return { as: "cntt.kh", query: { state: "all", kind: "offline-before-session,task-deadline" } };
	},
	postAlertsByIdAcknowledge: () => ({ as: "cntt.kh", params: id("alertId") }),

	// Duty: a peak period, its roster, who is on duty, situation reports, an alert's deliveries.
	postDutyPeriods: () => ({
		as: "vanphong.kh",
		body: {
			name: "Tết Nguyên đán Bính Ngọ 2026",
			kind: "tet-nguyen-dan",
			from: addDays(today(), -1),
			to: addDays(today(), 5),
			endpointId: at("KH"),
		},
		after: keep("periodId"),
	}),
	getDutyPeriods: () => ({ as: "cntt.kh" }),
	getDutyPeriodsById: () => ({ as: "chutich.kh", params: id("periodId") }),
	patchDutyPeriodsById: () => ({
		as: "vanphong.kh",
		params: id("periodId"),
		body: { to: addDays(today(), 4), correction: { reason: "Rút ngắn theo kế hoạch của tỉnh" } },
	}),
	getDutyPeriodsByIdHistory: () => ({ as: "chutich.kh", params: id("periodId") }),
	postDutyPeriodsByIdSlots: () => ({
		as: "vanphong.kh",
		params: id("periodId"),
		body: {
			endpointId: at("KH"),
			day: today(),
			shift: "office",
			role: "it",
			person: { name: "Hoàng Văn Em", phone: "0905 111 222", email: "cntt.truc@khanhhoa.example" },
		},
		after: keep("slotId"),
	}),
	patchDutySlotsById: () => ({
		as: "vanphong.kh",
		params: id("slotId"),
		body: { person: { name: "Hoàng Văn Em", phone: "0905 111 223" } },
	}),
	getDutySlotsByIdHistory: () => ({ as: "vanphong.kh", params: id("slotId") }),
	getDutyPeriodsByIdRoster: () => ({ as: "vanphong.kh", params: id("periodId") }),
	getDutyPeriodsByIdGaps: () => ({ as: "vanphong.kh", params: id("periodId") }),
	postDutyPeriodsByIdPublish: () => ({ as: "vanphong.kh", params: id("periodId"), body: { endpointId: at("KH") } }),
	getDutyPeriodsByIdRosterPdf: () => ({ as: "vanphong.kh", params: id("periodId"), query: { endpoint: at("KH") } }),
	// Ordinary after-hours duty: any week's roster, its gaps, a slot on an ordinary night, publishing it.
	postDutySlots: () => ({
		as: "vanphong.kh",
		body: {
			endpointId: at("KH"),
			day: addDays(today(), 10),
			shift: "night",
			role: "it",
			person: { name: "Hoàng Văn Em", phone: "0905 111 222" },
		},
	}),
	getDutyRoster: () => ({
		as: "chutich.kh",
		query: { from: addDays(today(), 7), to: addDays(today(), 13), endpoint: at("KH") },
	}),
	getDutyRosterPdf: () => ({
		as: "vanphong.kh",
		query: { from: addDays(today(), 7), to: addDays(today(), 13), endpoint: at("KH") },
	}),
	getDutyGaps: () => ({
		as: "cntt.kh",
		query: { from: addDays(today(), 7), to: addDays(today(), 13), under: at("KH") },
	}),
	postDutyPublish: () => ({
		as: "vanphong.kh",
		body: { endpointId: at("KH"), from: addDays(today(), 7), to: addDays(today(), 13) },
	}),
	getDutyNow: () => ({ as: "cntt.kh", query: { under: at("KH") } }),
	getDutyPeriodsByIdPrefill: () => ({
		as: "vanphong.kh",
		params: id("periodId"),
		query: { endpoint: at("KH"), day: today() },
	}),
	postDutyPeriodsByIdReports: () => ({
		as: "vanphong.kh",
		params: id("periodId"),
		body: { kind: "daily", endpointId: at("KH"), day: today(), events: "Không có sự việc phức tạp." },
	}),
	getDutyPeriodsByIdReports: () => ({ as: "chutich.kh", params: id("periodId"), query: { day: today() } }),
	postDutyPeriodsByIdCommuneRequests: () => ({
		as: "vanphong.kh",
		params: id("periodId"),
		body: { provinceId: at("KH"), communeIds: [at("KH-NHATRANG")] },
	}),
	getDutyPeriodsByIdCommuneRequests: () => ({ as: "canbo.nhatrang", params: id("periodId") }),
	getDutyAlertsByIdDeliveries: () => ({ as: "cntt.kh", params: id("alertId") }),

	getNationaldbBoard: () => ({}),
	postNationaldbBatches: () => ({
		body: {},
		after: (a) => {
			fx.batchId = String(a.body.id);
			fx.batchKey = String((a.body.keys as string[])[0]);
		},
	}),
	getNationaldbBatches: () => ({}),
	getNationaldbBatchesByIdByFile: () => ({ params: { ...id("batchId"), file: "xml" } }),
	postNationaldbBatchesByIdReceipt: () => ({
		params: id("batchId"),
		body: { batchId: fx.batchId, results: [{ key: fx.batchKey, status: "rejected", reason: "Thiếu mã lĩnh vực" }] },
	}),
	getNationaldbItems: () => ({ query: { status: "rejected" } }),
	postNationaldbItemsByKeyRetry: () => ({ params: { key: fx.batchKey ?? "" } }),

	getAuditVerify: () => ({ as: "thanhtra.cp" }),

	getDutySettingsByEndpointId: () => ({ as: "vanphong.kh", params: { endpointId: at("KH-NHATRANG") } }),
	putDutySettingsByEndpointId: () => ({
		as: "vanphong.kh",
		params: { endpointId: at("KH") },
		body: {
			hours: {
				office: { start: "07:30", end: "17:00" },
				"after-hours": { start: "17:00", end: "21:30" },
				night: { start: "21:30", end: "07:30" },
			},
			required: { office: ["leader", "reception"], "after-hours": ["leader", "reception"], night: ["leader"] },
			requiredInPeak: {
				office: ["leader", "reception"],
				"after-hours": ["leader", "reception", "it"],
				night: ["leader", "reception", "it"],
			},
		},
	}),
	getDutyFeed: () => ({
		as: "cntt.kh",
		after: (a) => {
			const [, userId = "", key = ""] = /\/ical\/([^/]+)\/([^/]+)\.ics$/.exec(String(a.body.path)) ?? [];
			fx.feedUser = userId;
			fx.feedKey = key;
		},
	}),
	getDutyPeriodsByIdSummaryXlsx: () => ({ as: "chutich.kh", params: id("periodId") }),
	getDutyPeriodsByIdSummaryPdf: () => ({ as: "chutich.kh", params: id("periodId") }),
	getDutyIcalByUserIdByKeyIcs: () => ({ params: { userId: fx.feedUser ?? "", key: fx.feedKey ?? "" } }),
};

/** A lifecycle step the calls need, through the API. */
async function step(to: string, notice?: object): Promise<void> {
	const secretariat = await records.as("vanphong.kh");
	const answer = await secretariat.request("POST", `/sessions/${fx.sessionId}/transitions`, { to, notice });
	expect(answer.status, `transition to ${to}`).toBe(201);
}

/** Signs in, also as a user made during the test (its password is the one it was created with). */
async function signedIn(username: string): Promise<ApiClient> {
	if (username !== NEW_USER) return records.as(username);
	const login = await call<{ accessToken: string }>(records.base, "POST", "/auth/login", { username, password });
	const accessToken = login.body.accessToken;
	return {
		username,
		accessToken,
		request: (method, path, body, headers = {}) =>
			call(records.base, method, path, body, { authorization: `Bearer ${accessToken}`, ...headers }),
	};
}

/** Every (method, path) the server routes under /api, read from express's own router. */
function routedUnderApi(app: Express): string[] {
	interface Layer {
		rawPath?: unknown;
		route?: { path: unknown; methods: Record<string, boolean> };
		handle: { stack?: Layer[] };
	}
	const found = new Set<string>();
	const walk = (stack: Layer[], prefix: string) => {
		for (const layer of stack) {
			if (layer.route && typeof layer.route.path === "string") {
				for (const method of Object.keys(layer.route.methods)) found.add(`${method} ${prefix}${layer.route.path}`);
			} else if (layer.handle.stack) {
				const path = typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : "";
				walk(layer.handle.stack, prefix + path);
			}
		}
	};
	walk((app as unknown as { router: { stack: Layer[] } }).router.stack, "");
	return [...found]
		.filter((r) => r.split(" ")[1]?.startsWith("/api/"))
		.map((r) => r.replace(/:(\w+)/g, "{$1}").replace(/(.)\/$/, "$1"));
}

function operations(): { method: string; path: string; id: string; op: Record<string, unknown> }[] {
	return Object.entries(document.paths).flatMap(([path, item]) =>
		Object.entries(item).map(([method, op]) => ({ method, path, id: String(op.operationId), op })),
	);
}

it("documents every route the server answers under /api", () => {
	const documented = new Set(operations().map((o) => `${o.method} /api${o.path}`));
	expect(
		routedUnderApi(records.platform.app).filter((r) => !documented.has(r)),
		"served but not in domain/api/index.ts: register the route",
	).toEqual([]);
	expect(document).toMatchObject({ openapi: "3.1.0", servers: [{ url: "/api" }] });
});

it("answers a real request of every documented route as the document says", { timeout: 180_000 }, async () => {
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	addFormats.default(ajv);
	const ops = operations();
	const missing = ops.filter((o) => !CALLS[o.id]).map((o) => `${o.id} (${o.method} ${o.path})`);
	expect(missing, "add how to call these to CALLS in test/integration/openapi.test.ts").toEqual([]);
	const byId = new Map(ops.map((o) => [o.id, o]));
	for (const [id, make] of Object.entries(CALLS)) {
		const operation = byId.get(id);
		expect(operation, `${id} is in CALLS but not in the document`).toBeDefined();
		if (!operation) continue;
		const spec = await make();
		const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
			encodeURIComponent(spec.params?.[name] ?? ""),
		);
		const query = spec.query ? `?${new URLSearchParams(spec.query)}` : "";
		const method = operation.method.toUpperCase();
		// Routes that need no token are called without one; the others as the call says, or the central office.
		const anonymous = Array.isArray(operation.op.security) && operation.op.security.length === 0;
		// Every signed-in write carries an Idempotency-Key, and its retry must get the first answer back.
		const key = method === "GET" || anonymous ? undefined : { "idempotency-key": `openapi-${id}` };
		const client = anonymous ? null : await signedIn(spec.as ?? "trunguong");
		const send = () =>
			client
				? client.request(method, `${path}${query}`, spec.body, key)
				: call<Record<string, unknown>>(records.base, method, `${path}${query}`, spec.body);
		const answer = await send();
		const what = `${id}: ${method} ${path}${query} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
		if (key) {
			const retry = await send();
			expect({ status: retry.status, body: retry.body }, `retry of ${what}`).toEqual({
				status: answer.status,
				body: answer.body,
			});
			expect(retry.headers.get("idempotent-replayed"), `retry of ${what}`).toBe("true");
		}
		const responses = operation.op.responses as Record<string, { content: Record<string, { schema: object }> }>;
		const documented = responses[String(answer.status)];
		expect(answer.status < 300 && documented, what).toBeTruthy();
		if (!documented) continue;
		const type = (answer.headers.get("content-type") ?? "").split(";")[0] ?? "";
		expect(Object.keys(documented.content), what).toContain(type);
		if (type === "application/json" && Object.keys(documented.content[type]?.schema ?? {}).length > 0) {
			const validate = ajv.compile(documented.content[type]?.schema ?? {});
			expect(validate(answer.body) ? [] : validate.errors, what).toEqual([]);
		}
		await spec.after?.(answer as ApiResponse<Record<string, unknown>>);
	}
});

it("answers refusals in the documented error form", async () => {
	const ajv = new Ajv2020({ strict: false });
	const errorSchema = (document.components as { schemas: Record<string, object> }).schemas.ErrorAnswer ?? {};
	const validate = ajv.compile(errorSchema);
	const refusals = [
		await call(records.base, "GET", "/sessions"),
		await (await records.as("canbo.nhatrang")).request("GET", "/audit/verify"),
		await (await records.as("trunguong")).request("GET", "/sessions/no-such-session"),
		await (await records.as("trunguong")).request("POST", "/sessions", { title: "" }),
		await (await records.as("trunguong")).request("GET", "/no-such-route"),
	];
	expect(refusals.map((r) => r.status)).toEqual([401, 403, 404, 400, 404]);
	for (const refusal of refusals) expect(validate(refusal.body) ? [] : validate.errors).toEqual([]);
});
