import type { ReportSection } from "../../domain/api/reports.js";
import { formatMonth } from "../../domain/reportDates.js";
import type { FormResult } from "./FormStatistics.js";

/** A section of a report other than the form itself, as a small table every document prints alike. */
export interface SectionTable {
	title: string;
	head: string[];
	rows: (string | number)[][];
}

const CONTENT = (id: string) =>
	id.startsWith("complaint") || id.startsWith("denunciation") || id === "petition" || id === "mixed";

/** The trend by month, the matters by content, or visits and people by unit, from the form's figures. */
export function sectionTable(form: FormResult, section: Exclude<ReportSection, "form">): SectionTable {
	if (section === "trend") {
		return {
			title: "Xu hướng theo tháng",
			head: ["Tháng", "Lượt tiếp", "Số người"],
			rows: form.trend.months.map((m, i) => [formatMonth(m), form.trend.visits[i] ?? 0, form.trend.people[i] ?? 0]),
		};
	}
	if (section === "content") {
		return {
			title: "Theo nội dung",
			head: ["Nội dung", "Số vụ việc"],
			rows: form.columns.flatMap((c, i) => (CONTENT(c.id) ? [[c.vi.slice(1).join(" – "), form.total[i] ?? 0]] : [])),
		};
	}
	const at = (id: string) => form.columns.findIndex((c) => c.id === id);
	return {
		title: "Theo đơn vị",
		head: ["Đơn vị", "Lượt tiếp", "Số người"],
		rows: form.rows.map((r) => [
			r.name,
			(r.values[at("regular.visits")] ?? 0) + (r.values[at("leaders.visits")] ?? 0),
			(r.values[at("regular.people")] ?? 0) + (r.values[at("leaders.people")] ?? 0),
		]),
	};
}

/** The sections after the form, in the report's order. */
export function otherSections(sections: readonly ReportSection[]): Exclude<ReportSection, "form">[] {
	return sections.filter((s): s is Exclude<ReportSection, "form"> => s !== "form");
}
