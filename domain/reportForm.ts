/**
 * The citizen-reception results form ("Tổng hợp kết quả tiếp công dân") of the periodic reports of
 * Thông tư 02/2021/TT-TTCP, as the platform fills it from the register. docs/reports.md maps every
 * column to the query that feeds it and says which parts of the layout could not be checked against
 * the official text here. Each cell is a count over the cases (one per visit) of the period.
 */
import type { ResolutionStage } from "./register.js";
import type { CASE_CONTENT_TYPES } from "./vocabulary.js";

/** What the statistics read of each case: one register entry = one visit (lượt). */
export interface CaseFact {
	entityId: string;
	receivedAt: Date;
	endpointId: string;
	/** `regular` by the reception office; `leaders`: a session of kind periodic or unscheduled. */
	receptionKind: "regular" | "leaders";
	peopleCount: number;
	/** A delegation (đoàn đông người). */
	manyPeople: boolean;
	/** The most recent earlier visit on the same matter (same ID number), or null: none before. */
	lastPreviousVisitAt: Date | null;
	contentType: (typeof CASE_CONTENT_TYPES)[number];
	field: string;
	fieldGroup: string;
	resolutionStage: ResolutionStage;
}

/**
 * How a column counts: visits (each case), people (their number), delegations, or matters
 * (vụ việc: a visit counts as a matter unless the same matter already came earlier in the period),
 * split into those that came before the period (cũ) and those newly arising in it (mới phát sinh).
 */
export type Measure = "visits" | "people" | "delegations" | "matters" | "matters-repeat" | "matters-new";

export interface FormColumn {
	/** Stable id: the API's `cell` and the column map's key. */
	id: string;
	/** The column's number on the printed form (1, 2, …). */
	number: number;
	/** Header path, outermost first. */
	vi: string[];
	en: string[];
	measure: Measure;
	/** Which cases the column counts, before the measure. */
	where(f: CaseFact): boolean;
	/** False where the official form has no such column (shown, and marked, in the report). */
	inOfficialForm: boolean;
}

/** A matter's first visit within the period: counts once as a vụ việc. */
export function isMatterInPeriod(f: CaseFact, periodFrom: Date): boolean {
	return f.lastPreviousVisitAt === null || f.lastPreviousVisitAt.getTime() < periodFrom.getTime();
}

/** What one case adds to a column's figure (0 when it is not counted there). */
export function contribution(column: FormColumn, f: CaseFact, periodFrom: Date): number {
	if (!column.where(f)) return 0;
	switch (column.measure) {
		case "visits":
		case "delegations":
			return 1;
		case "people":
			return f.peopleCount;
		case "matters":
			return isMatterInPeriod(f, periodFrom) ? 1 : 0;
		case "matters-repeat":
			return f.lastPreviousVisitAt !== null && f.lastPreviousVisitAt.getTime() < periodFrom.getTime() ? 1 : 0;
		case "matters-new":
			return f.lastPreviousVisitAt === null ? 1 : 0;
	}
}

const LAND = new Set(["admin.land", "admin.compensation"]);
const ADMIN_NAMED = new Set([...LAND, "admin.housing", "admin.civil-service"]);

type Def = Omit<FormColumn, "number" | "inOfficialForm"> & { inOfficialForm?: boolean };

function receptionColumns(kind: CaseFact["receptionKind"], vi: string, en: string): Def[] {
	const of = (f: CaseFact) => f.receptionKind === kind;
	const group = (f: CaseFact) => of(f) && f.manyPeople;
	const dvi = "Đoàn đông người";
	const den = "Delegations";
	return [
		{ id: `${kind}.visits`, vi: [vi, "Lượt"], en: [en, "Visits"], measure: "visits", where: of },
		{ id: `${kind}.people`, vi: [vi, "Người"], en: [en, "People"], measure: "people", where: of },
		{
			id: `${kind}.matters-repeat`,
			vi: [vi, "Vụ việc", "Cũ"],
			en: [en, "Matters", "Earlier"],
			measure: "matters-repeat",
			where: of,
		},
		{
			id: `${kind}.matters-new`,
			vi: [vi, "Vụ việc", "Mới phát sinh"],
			en: [en, "Matters", "New"],
			measure: "matters-new",
			where: of,
		},
		{
			id: `${kind}.delegations`,
			vi: [vi, dvi, "Số đoàn"],
			en: [en, den, "Groups"],
			measure: "delegations",
			where: group,
		},
		{
			id: `${kind}.delegation-people`,
			vi: [vi, dvi, "Người"],
			en: [en, den, "People"],
			measure: "people",
			where: group,
		},
		{
			id: `${kind}.delegation-matters-repeat`,
			vi: [vi, dvi, "Vụ việc", "Cũ"],
			en: [en, den, "Matters", "Earlier"],
			measure: "matters-repeat",
			where: group,
		},
		{
			id: `${kind}.delegation-matters-new`,
			vi: [vi, dvi, "Vụ việc", "Mới phát sinh"],
			en: [en, den, "Matters", "New"],
			measure: "matters-new",
			where: group,
		},
	];
}

function contentColumn(
	id: string,
	vi: string[],
	en: string[],
	where: (f: CaseFact) => boolean,
	inOfficialForm = true,
): Def {
	return {
		id,
		vi: ["Nội dung tiếp công dân (số vụ việc)", ...vi],
		en: ["Content (matters)", ...en],
		measure: "matters",
		where,
		inOfficialForm,
	};
}

const complaint = (f: CaseFact) => f.contentType === "complaint";
const denunciation = (f: CaseFact) => f.contentType === "denunciation";
const KN = "Khiếu nại";
const TC = "Tố cáo";
const HC = "Lĩnh vực hành chính";

const resultColumn = (stage: ResolutionStage, vi: string[], en: string[]): Def => ({
	id: `result.${stage}`,
	vi: ["Kết quả tiếp công dân (số vụ việc)", ...vi],
	en: ["Result (matters)", ...en],
	measure: "matters",
	where: (f) => f.resolutionStage === stage,
});

const DEFS: Def[] = [
	...receptionColumns("regular", "Tiếp thường xuyên", "Regular reception"),
	...receptionColumns("leaders", "Tiếp định kỳ và đột xuất của Thủ trưởng", "Periodic and unscheduled, by the head"),
	contentColumn(
		"complaint.land",
		[KN, HC, "Liên quan đến đất đai"],
		["Complaint", "Administrative", "Land"],
		(f) => complaint(f) && LAND.has(f.field),
	),
	contentColumn(
		"complaint.housing",
		[KN, HC, "Về nhà, tài sản"],
		["Complaint", "Administrative", "Housing, property"],
		(f) => complaint(f) && f.field === "admin.housing",
	),
	contentColumn(
		"complaint.civil-service",
		[KN, HC, "Về chính sách, chế độ CC, VC"],
		["Complaint", "Administrative", "Policies for civil servants"],
		(f) => complaint(f) && f.field === "admin.civil-service",
	),
	contentColumn(
		"complaint.admin-other",
		[KN, HC, "Lĩnh vực CT, VH, XH khác"],
		["Complaint", "Administrative", "Other"],
		(f) => complaint(f) && f.fieldGroup === "administrative" && !ADMIN_NAMED.has(f.field),
	),
	contentColumn(
		"complaint.judicial",
		[KN, "Lĩnh vực tư pháp"],
		["Complaint", "Judicial"],
		(f) => complaint(f) && f.fieldGroup === "judicial",
	),
	contentColumn(
		"complaint.party",
		[KN, "Lĩnh vực Đảng, đoàn thể"],
		["Complaint", "Party"],
		(f) => complaint(f) && f.fieldGroup === "party",
	),
	contentColumn(
		"complaint.other",
		[KN, "Lĩnh vực khác"],
		["Complaint", "Other"],
		(f) => complaint(f) && (f.fieldGroup === "corruption" || f.fieldGroup === "other"),
		false,
	),
	contentColumn(
		"denunciation.admin",
		[TC, HC],
		["Denunciation", "Administrative"],
		(f) => denunciation(f) && f.fieldGroup === "administrative",
	),
	contentColumn(
		"denunciation.judicial",
		[TC, "Lĩnh vực tư pháp"],
		["Denunciation", "Judicial"],
		(f) => denunciation(f) && f.fieldGroup === "judicial",
	),
	contentColumn(
		"denunciation.corruption",
		[TC, "Tham nhũng"],
		["Denunciation", "Corruption"],
		(f) => denunciation(f) && f.fieldGroup === "corruption",
	),
	contentColumn(
		"denunciation.party",
		[TC, "Lĩnh vực Đảng, đoàn thể"],
		["Denunciation", "Party"],
		(f) => denunciation(f) && f.fieldGroup === "party",
	),
	contentColumn(
		"denunciation.other",
		[TC, "Lĩnh vực khác"],
		["Denunciation", "Other"],
		(f) => denunciation(f) && f.fieldGroup === "other",
	),
	contentColumn(
		"petition",
		["Phản ánh, kiến nghị khác"],
		["Petitions and reports"],
		(f) => f.contentType === "petition",
	),
	contentColumn("mixed", ["Nội dung hỗn hợp"], ["Mixed content"], (f) => f.contentType === "mixed", false),
	resultColumn("not-handled", ["Chưa được giải quyết"], ["Not yet resolved"]),
	resultColumn("first-instance", ["Đã có QĐ giải quyết", "Lần đầu"], ["Decision", "First instance"]),
	resultColumn("second-instance", ["Đã có QĐ giải quyết", "Lần 2"], ["Decision", "Second instance"]),
	resultColumn("final-decision", ["Đã có QĐ giải quyết", "Cuối cùng"], ["Decision", "Final"]),
	resultColumn("court-judgment", ["Đã có bản án của Tòa"], ["Court judgment"]),
];

/** The form's columns in print order, numbered 1, 2, … */
export const FORM_COLUMNS: readonly FormColumn[] = DEFS.map((d, i) => ({
	...d,
	number: i + 1,
	inOfficialForm: d.inOfficialForm ?? true,
}));

export const FORM_COLUMN_IDS = FORM_COLUMNS.map((c) => c.id);

export function formColumn(id: string): FormColumn | undefined {
	return FORM_COLUMNS.find((c) => c.id === id);
}

/** The form's title and reference, as printed. */
export const FORM_TITLE_VI = "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN";
export const FORM_TITLE_EN = "Citizen reception results";
export const FORM_REFERENCE_VI =
	"Theo mẫu báo cáo của Thông tư số 02/2021/TT-TTCP (bố cục đối chiếu chưa đầy đủ, xem docs/reports.md)";
