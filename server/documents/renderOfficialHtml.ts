import escapeHtml from "escape-html";
import { MARGINS_MM, MOTTO, NATIONAL_NAME, PARAGRAPH, SIZE } from "./layout.js";
import { numberLine, type OfficialDocument, recipientLines } from "./OfficialDocument.js";
import { placeAndDate } from "./vietnameseDate.js";

const STYLE = `@page{size:A4;margin:${MARGINS_MM.top}mm ${MARGINS_MM.right}mm ${MARGINS_MM.bottom}mm ${MARGINS_MM.left}mm}
body{font-family:"Liberation Serif","Times New Roman",Times,serif;font-size:${SIZE.body}pt;line-height:1.3;max-width:165mm;margin:2rem auto;color:#000}
.head{display:grid;grid-template-columns:2fr 3fr;text-align:center}.head p{margin:0}
.parent,.authority{font-size:${SIZE.authority}pt;text-transform:uppercase}.authority,.nation,.motto{font-weight:bold}
.nation{font-size:${SIZE.nationalName}pt}.motto{font-size:${SIZE.motto}pt}
.rule{display:inline-block;border-bottom:0.6pt solid #000;padding-bottom:2pt}
.number{font-size:${SIZE.number}pt;margin-top:6pt!important}.date{font-style:italic;font-size:${SIZE.placeDate}pt;margin-top:6pt!important}
.title{text-align:center;font-weight:bold;font-size:${SIZE.title}pt;margin:18pt 8% 12pt}.title p{margin:0}
.body p{text-align:justify;text-indent:${PARAGRAPH.indentMm}mm;margin:0 0 ${PARAGRAPH.gapPt}pt}.body .heading{font-weight:bold}
.foot{display:grid;grid-template-columns:45% 55%;margin-top:6pt}.sign{text-align:center;font-weight:bold}.sign .name{margin-top:60pt}
.to{font-size:${SIZE.recipient}pt}.to .label{font-size:${SIZE.recipientsLabel}pt;font-weight:bold;font-style:italic}.to p,.sign p{margin:0}
@media print{body{margin:0}}`;

const p = (cls: string, text: string) => `<p class="${cls}">${escapeHtml(text)}</p>`;

/** The same document as a printable HTML page, in the same words and order as the PDF. */
export function renderOfficialHtml(spec: OfficialDocument, title: string): string {
	const number = numberLine(spec);
	const left = [
		spec.issuer.parentAuthority ? p("parent", spec.issuer.parentAuthority) : "",
		`<p class="authority"><span class="rule">${escapeHtml(spec.issuer.authority)}</span></p>`,
		number ? p("number", number) : "",
	].join("");
	const right = [
		spec.motto === false ? "" : `${p("nation", NATIONAL_NAME)}<p class="motto"><span class="rule">${MOTTO}</span></p>`,
		p("date", placeAndDate(spec.place, spec.date)),
	].join("");
	const heading = [
		spec.draft ? p("", "DỰ THẢO") : "",
		p("", spec.kind.toUpperCase()),
		spec.excerpt ? p("", spec.excerpt) : "",
	].join("");
	const body = spec.body
		.map((b) => p(b.type === "heading" ? "heading" : "", b.type === "item" ? `- ${b.text}` : b.text))
		.join("\n");
	const signature = [spec.signature.capacity, spec.signature.position]
		.filter((l): l is string => !!l)
		.map((l) => p("", l.toUpperCase()))
		.join("");
	const recipients = [p("label", "Nơi nhận:"), ...recipientLines(spec).map((l) => p("", l))].join("");
	return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>
<div class="head"><div>${left}</div><div>${right}</div></div>
<div class="title">${heading}</div>
<div class="body">${body}</div>
<div class="foot"><div class="to">${recipients}</div><div class="sign">${signature}${p("name", spec.signature.name)}</div></div>
</body></html>`;
}
