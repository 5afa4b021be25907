import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** One run of text as the PDF places it: page, position and size in points, from the page's top-left. */
export interface PlacedText {
	page: number;
	text: string;
	size: number;
	left: number;
	right: number;
	top: number;
	bottom: number;
	font: string;
}

export interface PdfLayout {
	pages: { width: number; height: number }[];
	items: PlacedText[];
}

/** Reads where each text run sits and at which size (the transform's scale), page by page. */
export async function readPdfLayout(pdf: Uint8Array): Promise<PdfLayout> {
	const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
	const pages: PdfLayout["pages"] = [];
	const items: PlacedText[] = [];
	for (let n = 1; n <= doc.numPages; n++) {
		const page = await doc.getPage(n);
		const [x0, y0, x1, y1] = page.view as [number, number, number, number];
		const height = y1 - y0;
		pages.push({ width: x1 - x0, height });
		const content = await page.getTextContent();
		for (const item of content.items) {
			if (!("str" in item) || item.str.trim() === "") continue;
			const [a, b, , , e, f] = item.transform as number[];
			const size = Math.hypot(a ?? 0, b ?? 0);
			items.push({
				page: n,
				text: item.str,
				size: Math.round(size * 100) / 100,
				left: e ?? 0,
				right: (e ?? 0) + item.width,
				// The baseline sits at f; the glyphs rise about one size above it.
				top: height - (f ?? 0) - size,
				bottom: height - (f ?? 0),
				font: item.fontName,
			});
		}
	}
	await doc.destroy();
	return { pages, items };
}

/** `pdffonts` (poppler-utils) on the bytes: each embedded font's name, type and whether it is embedded. */
export function pdfFonts(pdf: Uint8Array): { name: string; type: string; embedded: boolean }[] {
	const file = path.join(os.tmpdir(), `rb-fonts-${process.pid}-${Date.now()}.pdf`);
	writeFileSync(file, pdf);
	const out = execFileSync("pdffonts", [file], { encoding: "utf8" });
	return out
		.split("\n")
		.slice(2)
		.filter((l) => l.trim())
		.map((line) => {
			const cols = line.trim().split(/\s{2,}/);
			return { name: cols[0] ?? "", type: cols[1] ?? "", embedded: / yes /.test(line.slice(60)) };
		});
}

export const MM = 72 / 25.4;
