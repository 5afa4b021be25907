import type { ConclusionNoticeData } from "./ConclusionNotice.js";

/** The notice as a sequence of blocks, so the HTML and the PDF say exactly the same thing. */
export type NoticeBlock =
	| { type: "header"; left: string[]; right: string[] }
	| { type: "title"; text: string }
	| { type: "heading"; text: string }
	| { type: "paragraph"; text: string }
	| { type: "list"; items: string[] };

export function noticeOutline(n: ConclusionNoticeData): NoticeBlock[] {
	const blocks: NoticeBlock[] = [
		{
			type: "header",
			left: [n.hostEndpoint.toUpperCase(), `Số: ${n.number || "…"}`],
			right: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", `${n.place}, ngày ${n.issuedOn}`],
		},
		{ type: "title", text: `${n.draft ? "DỰ THẢO – " : ""}THÔNG BÁO KẾT LUẬN TIẾP CÔNG DÂN` },
		{ type: "paragraph", text: `${n.title} (tiếp công dân ${n.kind}, trực tuyến)` },
		{ type: "heading", text: "1. Thời gian, điểm cầu" },
		{ type: "paragraph", text: `Từ ${n.from} đến ${n.to}. Điểm cầu chính: ${n.hostEndpoint}.` },
		{ type: "list", items: n.endpoints.map((e) => `Điểm cầu: ${e}`) },
		{ type: "heading", text: "2. Chủ trì và thành phần tham dự" },
		{ type: "paragraph", text: `Chủ trì: ${n.chair}.` },
		{ type: "list", items: n.participants },
	];
	n.cases.forEach((c, index) => {
		blocks.push(
			{ type: "heading", text: `${index + 3}. Vụ việc số ${c.registerNumber}: ${c.contentType} – lĩnh vực ${c.field}` },
			{ type: "paragraph", text: `Công dân (${c.peopleCount} người):` },
			{
				type: "list",
				items: c.citizens.map((p) => `${p.fullName}${p.isRepresentative ? " (người đại diện)" : ""}, ${p.address}`),
			},
			{ type: "paragraph", text: `Nội dung: ${c.summary}` },
		);
		if (c.history.length > 0) {
			blocks.push({ type: "paragraph", text: "Quá trình giải quyết:" }, { type: "list", items: c.history });
		}
		blocks.push({ type: "paragraph", text: `Yêu cầu của công dân: ${c.request}` });
		if (c.agencyViews.length > 0) {
			blocks.push(
				{ type: "paragraph", text: "Ý kiến của các cơ quan liên quan:" },
				{ type: "list", items: c.agencyViews.map((v) => `${v.agency}: ${v.view}`) },
			);
		}
		blocks.push({
			type: "paragraph",
			text: c.direction ? `Kết luận: ${c.direction}. ${c.conclusion ?? ""}` : "Kết luận: (chưa có)",
		});
		if (c.assignments.length > 0) {
			blocks.push({
				type: "list",
				items: c.assignments.map((a) => `${a.agency}: ${a.task}; thời hạn ${a.deadline}; báo cáo ${a.reportTo}.`),
			});
		}
	});
	blocks.push({ type: "heading", text: "Nơi nhận" }, { type: "list", items: n.recipients });
	return blocks;
}
