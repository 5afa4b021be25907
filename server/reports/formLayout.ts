import type { ReportQuery } from "../../domain/api/reports.js";
import { formatDate } from "../../domain/reportDates.js";
import { FORM_TITLE_VI } from "../../domain/reportForm.js";

export { headerCells, NOT_IN_FORM_MARK, NOT_IN_FORM_NOTE } from "../../domain/reportLayout.js";

import type { FormResult } from "./FormStatistics.js";

/** "Quý I/2026 (từ 15/12/2025 đến 14/03/2026)". */
export function periodLine(form: FormResult): string {
	const range = `từ ${formatDate(form.period.firstDay)} đến ${formatDate(form.period.lastDay)}`;
	return form.period.kind === "custom" ? `Kỳ báo cáo: ${range}` : `Kỳ báo cáo: ${form.period.labelVi} (${range})`;
}

export type ReportKind = ReportQuery["report"];

/** The document's title: the form's for the periodic report; an ad-hoc report says it is one. */
export function reportTitle(report: ReportKind): string {
	return report === "ad-hoc" ? "BÁO CÁO ĐỘT XUẤT VỀ KẾT QUẢ TIẾP CÔNG DÂN" : FORM_TITLE_VI;
}

/** A safe file name for a report of this kind, scope and period. */
export function reportFileName(form: FormResult, ext: string, report: ReportKind = "periodic"): string {
	const name = report === "ad-hoc" ? "bao-cao-dot-xuat-tiep-cong-dan" : "bao-cao-tiep-cong-dan";
	return `${name}_${form.scope.code}_${form.period.firstDay}_${form.period.lastDay}.${ext}`;
}
