import { formatDate } from "../../domain/reportDates.js";

export { headerCells, NOT_IN_FORM_MARK, NOT_IN_FORM_NOTE } from "../../domain/reportLayout.js";

import type { FormResult } from "./FormStatistics.js";

/** "Quý I/2026 (từ 15/12/2025 đến 14/03/2026)". */
export function periodLine(form: FormResult): string {
	const range = `từ ${formatDate(form.period.firstDay)} đến ${formatDate(form.period.lastDay)}`;
	return form.period.kind === "custom" ? `Kỳ báo cáo: ${range}` : `Kỳ báo cáo: ${form.period.labelVi} (${range})`;
}

/** A safe file name for a report of this scope and period. */
export function reportFileName(form: FormResult, ext: string): string {
	return `bao-cao-tiep-cong-dan_${form.scope.code}_${form.period.firstDay}_${form.period.lastDay}.${ext}`;
}
