import { fieldLabel, type RegisterField } from "../../domain/register.js";
import { CONTENT_TYPE_VI } from "../../domain/wording.js";
import type { OfficialDocument } from "../documents/OfficialDocument.js";
import { shortDate } from "../documents/vietnameseDate.js";
import type { CaseRecord } from "../records/models/Case.js";

export interface RegisterPageSpec {
	/** The endpoint whose register this is (its name heads the page). */
	endpointName: string;
	place: string;
	from: Date;
	/** Exclusive end; printed as the day before. */
	to: Date;
	cases: CaseRecord[];
	fields: readonly RegisterField[];
	printedBy: string;
	printedAt: Date;
}

const RESOLUTION_LABELS: Record<CaseRecord["resolution"]["stage"], string> = {
	"not-handled": "chưa được giải quyết",
	"first-instance": "đã có quyết định giải quyết lần đầu",
	"second-instance": "đã có quyết định giải quyết lần hai",
	"final-decision": "đã có quyết định giải quyết cuối cùng",
	"court-judgment": "đã có bản án của Tòa án",
};

/**
 * The register page for a date range (Sổ tiếp công dân) as an administrative document: one section
 * per entry, in register order, with the fields the register keeps. Voided entries are listed with
 * their number, marked void, so the numbering reads without gaps.
 */
export function registerPage(spec: RegisterPageSpec): OfficialDocument {
	const lastDay = new Date(spec.to.getTime() - 1);
	const body: OfficialDocument["body"] = [];
	if (spec.cases.length === 0)
		body.push({ type: "paragraph", text: "Không có lượt tiếp nào trong khoảng thời gian này." });
	for (const c of spec.cases) {
		body.push({
			type: "heading",
			text: `Số ${c.registerNumber} – ngày ${shortDate(c.receivedAt)}${c.voided ? " (ĐÃ HỦY)" : ""}`,
		});
		const people = c.citizens
			.map(
				(p) =>
					`${p.fullName}${p.isRepresentative ? " (đại diện)" : ""}, ${p.idKind === "cccd" ? "CCCD" : "CMND"} ${p.idNumber}, ${p.address}`,
			)
			.join("; ");
		body.push({
			type: "item",
			text: `Công dân: ${people}; số người: ${c.peopleCount}${c.manyPeople ? " (đông người)" : ""}.`,
		});
		const home = [c.home.communeName, c.home.provinceName].filter(Boolean).join(", ");
		if (home) body.push({ type: "item", text: `Nơi cư trú: ${home}.` });
		body.push({
			type: "item",
			text: `Phân loại: ${CONTENT_TYPE_VI[c.contentType]}; lĩnh vực: ${fieldLabel(c.field, "vi", spec.fields)}; ${c.repeat ? `vụ việc cũ, lượt thứ ${c.visitCount}` : "vụ việc mới phát sinh"}.`,
		});
		body.push({ type: "item", text: `Nội dung: ${c.summary}` });
		body.push({ type: "item", text: `Yêu cầu: ${c.request}` });
		const r = c.resolution;
		body.push({
			type: "item",
			text: `Tình trạng giải quyết: ${RESOLUTION_LABELS[r.stage]}${r.documentNumber ? ` (số ${r.documentNumber}${r.date ? ` ngày ${shortDate(r.date)}` : ""}${r.issuer ? ` của ${r.issuer}` : ""})` : ""}.`,
		});
		body.push({
			type: "item",
			text: `Cán bộ tiếp: ${c.receivingOfficer.name}.${c.notes ? ` Ghi chú: ${c.notes}` : ""}`,
		});
	}
	return {
		issuer: { authority: spec.endpointName.toUpperCase() },
		place: spec.place,
		date: spec.printedAt,
		kind: "SỔ TIẾP CÔNG DÂN",
		excerpt: `Từ ngày ${shortDate(spec.from)} đến ngày ${shortDate(lastDay)} (${spec.cases.length} lượt)`,
		motto: false,
		body,
		signature: { position: "NGƯỜI LẬP", name: spec.printedBy },
		recipients: [],
	};
}
