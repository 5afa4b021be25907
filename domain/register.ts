/**
 * The reception register's vocabularies (Sổ tiếp công dân): standard fields, resolution stages,
 * identity-number rules, delegation rules and register numbering. Free of mongoose and of the
 * platform's settings, so the browser app validates with the same rules as the server.
 */

/** Groups of the national statistics on citizen reception (Thông tư 02/2021/TT-TTCP forms). */
export const FIELD_GROUPS = ["administrative", "judicial", "corruption", "party", "other"] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

/** One field (lĩnh vực) a case is classified by; codes are stable, wording may change. */
export interface RegisterField {
	code: string;
	group: FieldGroup;
	vi: string;
	en: string;
}

/**
 * The standard field list, close to the national statistics: administrative (land, housing,
 * compensation and resettlement, policies for civil servants, other), judicial, corruption, Party,
 * other. A deployment adds its own with `REGISTER_EXTRA_FIELDS` (docs/configuration.md).
 */
export const STANDARD_FIELDS: readonly RegisterField[] = [
	{ code: "admin.land", group: "administrative", vi: "Đất đai", en: "Land" },
	{ code: "admin.housing", group: "administrative", vi: "Nhà ở, tài sản", en: "Housing and property" },
	{
		code: "admin.compensation",
		group: "administrative",
		vi: "Bồi thường, hỗ trợ, tái định cư",
		en: "Compensation, support and resettlement",
	},
	{
		code: "admin.civil-service",
		group: "administrative",
		vi: "Chế độ, chính sách; cán bộ, công chức, viên chức",
		en: "Policies; civil servants and public employees",
	},
	{ code: "admin.other", group: "administrative", vi: "Hành chính khác", en: "Other administrative" },
	{ code: "judicial", group: "judicial", vi: "Tư pháp", en: "Judicial" },
	{ code: "corruption", group: "corruption", vi: "Tham nhũng", en: "Corruption" },
	{ code: "party", group: "party", vi: "Đảng", en: "Party" },
	{ code: "other", group: "other", vi: "Lĩnh vực khác", en: "Other" },
];

export const FIELD_CODE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/;

/** The standard list plus a deployment's own fields (a repeated code replaces the standard wording). */
export function fieldCatalogue(extra: readonly RegisterField[] = []): RegisterField[] {
	const byCode = new Map(STANDARD_FIELDS.map((f) => [f.code, f]));
	for (const f of extra) byCode.set(f.code, f);
	return [...byCode.values()];
}

/** A field's wording; an unknown code (a field since removed from the settings) shows as itself. */
export function fieldLabel(
	code: string,
	lang: "vi" | "en" = "vi",
	catalogue: readonly RegisterField[] = STANDARD_FIELDS,
) {
	return catalogue.find((f) => f.code === code)?.[lang] ?? code;
}

/**
 * How far the case has been resolved (giai đoạn giải quyết): not yet handled, a first-instance
 * decision, a second-instance decision, a final decision, a court judgment. Every stage but the first
 * names its document: number, date, issuer.
 */
export const RESOLUTION_STAGES = [
	"not-handled",
	"first-instance",
	"second-instance",
	"final-decision",
	"court-judgment",
] as const;
export type ResolutionStage = (typeof RESOLUTION_STAGES)[number];

/** The case entered in error is voided by a correction: it keeps its number, never reused. */
export const REGISTER_FLAGS = [
	"manyPeople",
	"complex",
	"hotSpotRisk",
	"ethnicReligious",
	"repeat",
	"legacyId",
	"voided",
] as const;
export type RegisterFlag = (typeof REGISTER_FLAGS)[number];

/**
 * Province codes of the citizen-identity number (first three digits of a CCCD), as the Ministry of
 * Public Security's scheme assigns them (Thông tư 07/2016/TT-BCA, kept by Thông tư 59/2021/TT-BCA):
 * the 63 provinces before the 2025 merger. Numbers already issued keep their code after the merger.
 * docs/register.md prints this table.
 */
export const CCCD_PROVINCE_CODES: Readonly<Record<string, string>> = {
	"001": "Hà Nội",
	"002": "Hà Giang",
	"004": "Cao Bằng",
	"006": "Bắc Kạn",
	"008": "Tuyên Quang",
	"010": "Lào Cai",
	"011": "Điện Biên",
	"012": "Lai Châu",
	"014": "Sơn La",
	"015": "Yên Bái",
	"017": "Hòa Bình",
	"019": "Thái Nguyên",
	"020": "Lạng Sơn",
	"022": "Quảng Ninh",
	"024": "Bắc Giang",
	"025": "Phú Thọ",
	"026": "Vĩnh Phúc",
	"027": "Bắc Ninh",
	"030": "Hải Dương",
	"031": "Hải Phòng",
	"033": "Hưng Yên",
	"034": "Thái Bình",
	"035": "Hà Nam",
	"036": "Nam Định",
	"037": "Ninh Bình",
	"038": "Thanh Hóa",
	"040": "Nghệ An",
	"042": "Hà Tĩnh",
	"044": "Quảng Bình",
	"045": "Quảng Trị",
	"046": "Thừa Thiên Huế",
	"048": "Đà Nẵng",
	"049": "Quảng Nam",
	"051": "Quảng Ngãi",
	"052": "Bình Định",
	"054": "Phú Yên",
	"056": "Khánh Hòa",
	"058": "Ninh Thuận",
	"060": "Bình Thuận",
	"062": "Kon Tum",
	"064": "Gia Lai",
	"066": "Đắk Lắk",
	"067": "Đắk Nông",
	"068": "Lâm Đồng",
	"070": "Bình Phước",
	"072": "Tây Ninh",
	"074": "Bình Dương",
	"075": "Đồng Nai",
	"077": "Bà Rịa - Vũng Tàu",
	"079": "Hồ Chí Minh",
	"080": "Long An",
	"082": "Tiền Giang",
	"083": "Bến Tre",
	"084": "Trà Vinh",
	"086": "Vĩnh Long",
	"087": "Đồng Tháp",
	"089": "An Giang",
	"091": "Kiên Giang",
	"092": "Cần Thơ",
	"093": "Hậu Giang",
	"094": "Sóc Trăng",
	"095": "Bạc Liêu",
	"096": "Cà Mau",
};

/** A citizen-identity number (CCCD, 12 digits) or an old identity card (CMND, 9 digits: legacy). */
export type IdKind = "cccd" | "cmnd";

export type IdCheck = { ok: true; kind: IdKind; provinceCode?: string } | { ok: false; message: string };

export function checkIdNumber(idNumber: string): IdCheck {
	if (/^\d{12}$/.test(idNumber)) {
		const provinceCode = idNumber.slice(0, 3);
		if (!Object.hasOwn(CCCD_PROVINCE_CODES, provinceCode)) {
			return { ok: false, message: `a CCCD starts with a province code; ${provinceCode} is none` };
		}
		return { ok: true, kind: "cccd", provinceCode };
	}
	if (/^\d{9}$/.test(idNumber)) return { ok: true, kind: "cmnd" };
	return { ok: false, message: "12 digits (CCCD) or 9 digits (old CMND)" };
}

/**
 * Representatives of a group of citizens on one content (đoàn đông người): 5 to 10 people appoint one
 * or two; more people may appoint more, at most five. Source: Luật Tiếp công dân 2013 (Luật số
 * 42/2013/QH13), Điều 30 khoản 2 — the article number is NOT verified against the official text here;
 * the same figures are in Nghị định 75/2012/NĐ-CP for complaints. A setting
 * (`REGISTER_DELEGATION_RULE`) replaces it where a later text says otherwise.
 */
export interface DelegationRule {
	/** From this many people on, a case is a delegation and names representatives. */
	minPeople: number;
	/** Up to this many people, at most `smallMaxRepresentatives`. */
	smallGroupMax: number;
	smallMaxRepresentatives: number;
	maxRepresentatives: number;
	source: string;
	verified: boolean;
}

export const DEFAULT_DELEGATION_RULE: DelegationRule = {
	minPeople: 5,
	smallGroupMax: 10,
	smallMaxRepresentatives: 2,
	maxRepresentatives: 5,
	source: "Luật Tiếp công dân 2013, Điều 30 khoản 2 (article not verified)",
	verified: false,
};

/** How many representatives a group of `peopleCount` appoints; null below a delegation's size. */
export function representativeBounds(
	peopleCount: number,
	rule: DelegationRule = DEFAULT_DELEGATION_RULE,
): { min: number; max: number } | null {
	if (peopleCount < rule.minPeople) return null;
	return { min: 1, max: peopleCount <= rule.smallGroupMax ? rule.smallMaxRepresentatives : rule.maxRepresentatives };
}

/**
 * The endpoints a case belongs to: the one that received the citizens and their home locality. A
 * case is in the scope of each (and so of the home province's subtree): Khánh Hòa follows its
 * citizens' case heard at the central office.
 */
export function caseEndpoints(c: { endpointId: string; home?: { provinceId?: string; communeId?: string } }): string[] {
	return [...new Set([c.endpointId, c.home?.provinceId, c.home?.communeId].filter((id): id is string => !!id))];
}

/** The register's time zone: numbering years and printed dates follow it. */
export const REGISTER_TIME_ZONE = "Asia/Ho_Chi_Minh";

const yearFormat = new Intl.DateTimeFormat("en-US", { timeZone: REGISTER_TIME_ZONE, year: "numeric" });

/** The calendar year of a moment in Vietnam's zone (a case received at 23:30 UTC on 31 Dec is next year's). */
export function registerYear(at: Date): number {
	return Number(yearFormat.format(at));
}

/** "12/2026": the 12th entry of 2026 in one endpoint's register. */
export function formatRegisterNumber(seq: number, year: number): string {
	return `${String(seq).padStart(2, "0")}/${year}`;
}

/** Bounds of the register's free texts (characters). */
export const REGISTER_TEXT_LIMITS = {
	name: 200,
	address: 500,
	short: 200,
	summary: 10_000,
	request: 5_000,
	notes: 5_000,
	reason: 1_000,
} as const;

/** Who is given a task after a reception (giao Sở, ban, ngành, UBND xã, công an…). */
export const AGENCY_KINDS = ["department", "board", "sector", "commune-committee", "police", "other"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/**
 * A task's state, computed from its deadline and whether its closing result is recorded: never set
 * by hand. Due soon from `DUE_SOON_DAYS` days before the deadline.
 */
export const TASK_STATES = ["open", "due-soon", "overdue", "done"] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const DUE_SOON_DAYS = 3;
const DAY_MS = 86_400_000;

export function taskState(task: { deadline: Date | string; result?: unknown }, now: Date): TaskState {
	if (task.result) return "done";
	const deadline = new Date(task.deadline).getTime();
	if (now.getTime() > deadline) return "overdue";
	return deadline - now.getTime() <= DUE_SOON_DAYS * DAY_MS ? "due-soon" : "open";
}

/**
 * An outcome's follow-up as shown: "overdue" is computed (an assignment's deadline passed and the
 * follow-up is not done), never stored or set by hand; otherwise the status the secretariat recorded.
 */
export function followUpState<S extends string>(
	outcome: { followUpStatus: S; assignments?: readonly { deadline: Date | string }[] },
	now: Date,
): S | "overdue" {
	if (outcome.followUpStatus === "done") return outcome.followUpStatus;
	const late = (outcome.assignments ?? []).some((a) => new Date(a.deadline).getTime() < now.getTime());
	return late ? "overdue" : outcome.followUpStatus;
}

/** Reminders of a task's deadline: three days before it, and on its day (in-app; e-mail is the duty module's). */
export const TASK_REMINDERS = ["three-days-before", "on-deadline"] as const;
export type TaskReminder = (typeof TASK_REMINDERS)[number];

/** When each reminder is due: 3 days before the deadline, and at the start of its day in Vietnam. */
export function reminderDueAt(kind: TaskReminder, deadline: Date): Date {
	if (kind === "three-days-before") return new Date(deadline.getTime() - DUE_SOON_DAYS * DAY_MS);
	// Vietnam has no daylight saving: its day starts at 17:00 UTC the day before.
	const local = new Date(deadline.getTime() + 7 * 3_600_000);
	return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 7 * 3_600_000);
}
