/** How the form's nested column headers are laid out: the same in the app, the workbook and the PDF. */
import type { FormColumn } from "./reportForm.js";

type ColumnHeaders = Pick<FormColumn, "vi" | "en" | "inOfficialForm">;

/** One header cell of the printed form: where it sits, how far it spans, what it says. */
export interface HeaderCell {
	row: number;
	col: number;
	rowSpan: number;
	colSpan: number;
	text: string;
}

/** Marks a column the official form does not have. */
export const NOT_IN_FORM_MARK = "(*)";
export const NOT_IN_FORM_NOTE =
	"(*) Cột không có trong mẫu chính thức, hệ thống bổ sung để không bỏ sót vụ việc (xem docs/reports.md).";

/**
 * The nested headers of a run of form columns (the same for the spreadsheet and the PDF): a group
 * spans the columns that share it; a header with nothing under it reaches down to the last row.
 */
export function headerCells(
	columns: readonly ColumnHeaders[],
	lang: "vi" | "en" = "vi",
): { depth: number; cells: HeaderCell[] } {
	const paths = columns.map((c) => {
		const path = [...c[lang]];
		if (!c.inOfficialForm) path[path.length - 1] = `${path[path.length - 1]} ${NOT_IN_FORM_MARK}`;
		return path;
	});
	const depth = Math.max(...paths.map((p) => p.length));
	const cells: HeaderCell[] = [];
	for (let row = 0; row < depth; row++) {
		let col = 0;
		while (col < paths.length) {
			const path = paths[col] ?? [];
			if (path.length <= row) {
				col++;
				continue;
			}
			const prefix = path.slice(0, row + 1).join("\u0000");
			let end = col + 1;
			while (end < paths.length && (paths[end] ?? []).slice(0, row + 1).join("\u0000") === prefix) end++;
			const leaf = path.length === row + 1;
			cells.push({ row, col, colSpan: end - col, rowSpan: leaf ? depth - row : 1, text: path[row] ?? "" });
			col = end;
		}
	}
	return { depth, cells };
}
