import escapeHtml from "escape-html";
import type { ConclusionNoticeData } from "./ConclusionNotice.js";
import { type NoticeBlock, noticeOutline } from "./NoticeOutline.js";

const STYLE = `body{font-family:"Times New Roman",serif;max-width:48rem;margin:2rem auto;line-height:1.5}
header{display:flex;justify-content:space-between;text-align:center;font-weight:bold}
h1{text-align:center;font-size:1.2rem}h2{font-size:1rem}@media print{body{margin:0}}`;

function block(b: NoticeBlock): string {
	const lines = (items: string[]) => items.map((i) => escapeHtml(i)).join("<br>");
	switch (b.type) {
		case "header":
			return `<header><div>${lines(b.left)}</div><div>${lines(b.right)}</div></header>`;
		case "title":
			return `<h1>${escapeHtml(b.text)}</h1>`;
		case "heading":
			return `<h2>${escapeHtml(b.text)}</h2>`;
		case "paragraph":
			return `<p>${escapeHtml(b.text)}</p>`;
		case "list":
			return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
	}
}

/** A printable HTML page of the notice. */
export function renderNoticeHtml(notice: ConclusionNoticeData): string {
	return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Thông báo kết luận tiếp công dân</title><style>${STYLE}</style></head><body>${noticeOutline(notice).map(block).join("\n")}</body></html>`;
}
