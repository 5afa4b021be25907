import type { FormResult } from "../../domain/api/reports.js";
import { daysBetween } from "../../domain/duty.js";
import type { OfficialDocument } from "../documents/OfficialDocument.js";
import type { EndpointRecord } from "../records/models/Endpoint.js";
import { formWorkbook, table } from "../reports/formXlsx.js";
import type { PeakPeriodRecord, SituationFigures, SituationReportRecord } from "./models.js";
import { figuresOf } from "./situationFigures.js";

/** What an end-of-period summary is made of: the period, the unit it sums up, the record's form, the reports. */
export interface PeriodSummary {
	period: PeakPeriodRecord;
	unit: EndpointRecord;
	/** The reports' statistics over the period's days and the unit's subtree. */
	form: FormResult;
	/** Daily and ad-hoc situation reports of the unit's subtree, oldest first. */
	reports: readonly SituationReportRecord[];
	/** The provinces of the subtree that owe a daily report. */
	provinces: readonly EndpointRecord[];
	/** The communes of the subtree their province asked for daily reports, and on which days. */
	communesAsked?: readonly { unit: EndpointRecord; from: string; to: string }[];
	/** The last day whose report was due when the summary was made (the period's last, once it has ended). */
	lastDueDay: string;
	generatedAt: Date;
	generatedBy: string;
}

const dayText = (day: string) => day.split("-").reverse().join("/");
const figuresText = (f: SituationFigures) =>
	`${f.visits} lượt tiếp, ${f.people} người, ${f.cases} vụ việc, ${f.delegations} đoàn đông người${f.developments ? `, ${f.developments} diễn biến điểm nóng` : ""}`;

/** Each province's (and each asked commune's) days without a daily report, up to the last day due. */
export function missedDays(summary: PeriodSummary): { unit: EndpointRecord; days: string[] }[] {
	const { period, reports, provinces, communesAsked = [], lastDueDay } = summary;
	const owing = [...provinces.map((unit) => ({ unit, from: period.from, to: period.to })), ...communesAsked];
	return owing
		.map(({ unit, from, to }) => {
			const [lastDay = to] = [lastDueDay, to].sort();
			const sent = new Set(
				reports.filter((r) => r.kind === "daily" && r.endpointId === unit.entityId).map((r) => r.day),
			);
			return { unit, days: daysBetween(from, lastDay).filter((d) => !sent.has(d)) };
		})
		.filter((m) => m.days.length > 0);
}

/** The summary as a "BÁO CÁO" in the documents' typography (server/documents/). */
export function summaryDocument(summary: PeriodSummary, nameOf: (endpointId: string) => string): OfficialDocument {
	const { period, unit, form, reports } = summary;
	const daily = reports.filter((r) => r.kind === "daily");
	const adHoc = reports.filter((r) => r.kind === "ad-hoc");
	const body: OfficialDocument["body"] = [
		{
			type: "paragraph",
			text: `${unit.name} báo cáo tổng hợp tình hình tiếp công dân, tiếp nhận đơn thư trong ${period.name}, từ ngày ${dayText(period.from)} đến ngày ${dayText(period.to)}, như sau:`,
		},
		{ type: "heading", text: "1. Số liệu từ sổ tiếp công dân" },
		{ type: "paragraph", text: `Toàn kỳ: ${figuresText(figuresOf(form))}.` },
		...form.rows.map((row) => ({
			type: "item" as const,
			text: `${row.name}: ${figuresText(figuresOf(form, row.values))}.`,
		})),
		{ type: "heading", text: "2. Báo cáo tình hình hằng ngày" },
	];
	if (daily.length === 0) body.push({ type: "paragraph", text: "Không có báo cáo hằng ngày nào." });
	for (const r of daily) {
		const events = r.events.trim() ? ` ${r.events.trim()}` : "";
		body.push({
			type: "item",
			text: `Ngày ${dayText(r.day)}, ${nameOf(r.endpointId)}: ${figuresText(r.figures)}.${events}`,
		});
	}
	body.push({ type: "heading", text: "3. Báo cáo đột xuất" });
	if (adHoc.length === 0) body.push({ type: "paragraph", text: "Không có báo cáo đột xuất nào." });
	for (const r of adHoc)
		body.push({ type: "item", text: `Ngày ${dayText(r.day)}, ${nameOf(r.endpointId)}: ${r.events.trim()}` });
	const missed = missedDays(summary);
	body.push({ type: "heading", text: "4. Đơn vị chưa gửi báo cáo hằng ngày" });
	if (missed.length === 0) body.push({ type: "paragraph", text: "Các đơn vị đã gửi đủ báo cáo hằng ngày." });
	for (const m of missed) body.push({ type: "item", text: `${m.unit.name}: ngày ${m.days.map(dayText).join(", ")}.` });
	return {
		issuer: { authority: unit.name.toUpperCase() },
		place: unit.name.replace(/^.*tỉnh\s+/i, ""),
		date: summary.generatedAt,
		kind: "BÁO CÁO",
		excerpt: `Tổng hợp tình hình trong ${period.name}`,
		body,
		signature: { position: "NGƯỜI LẬP", name: summary.generatedBy },
		recipients: ["Thanh tra Chính phủ", "Ban Tiếp công dân Trung ương"],
	};
}

/** The summary as a workbook: the reports' form over the period (its own exporter), then the situation reports. */
export async function summaryXlsx(summary: PeriodSummary, nameOf: (endpointId: string) => string): Promise<Buffer> {
	const book = formWorkbook(summary.form, ["form", "units"]);
	const row = (r: SituationReportRecord) => [
		dayText(r.day),
		nameOf(r.endpointId),
		r.figures.visits,
		r.figures.people,
		r.figures.cases,
		r.figures.delegations,
		r.figures.developments ?? 0,
		r.events,
	];
	const header = [
		"Ngày",
		"Đơn vị",
		"Lượt tiếp",
		"Số người",
		"Vụ việc",
		"Đoàn đông người",
		"Diễn biến điểm nóng",
		"Tình hình",
	];
	table(book, "Báo cáo hằng ngày", header, summary.reports.filter((r) => r.kind === "daily").map(row));
	table(book, "Báo cáo đột xuất", header, summary.reports.filter((r) => r.kind === "ad-hoc").map(row));
	table(
		book,
		"Chưa gửi báo cáo",
		["Đơn vị", "Ngày"],
		missedDays(summary).map((m) => [m.unit.name, m.days.map(dayText).join(", ")]),
	);
	return Buffer.from(await book.xlsx.writeBuffer());
}
