import { existsSync } from "node:fs";
import path from "node:path";

/** The four faces of a document font, as file paths. */
export interface DocumentFonts {
	regular: string;
	bold: string;
	italic: string;
	boldItalic: string;
}

/**
 * Liberation Serif: metric-compatible with Times New Roman (the font NĐ 30/2020 names). Debian's
 * fonts-liberation2 (2.1) covers Vietnamese; fonts-liberation (1.07) does not (`fc-query` lists no `vi`).
 */
export const DEFAULT_DOCUMENT_FONT_DIR = "/usr/share/fonts/truetype/liberation2";

const FILES: DocumentFonts = {
	regular: "LiberationSerif-Regular.ttf",
	bold: "LiberationSerif-Bold.ttf",
	italic: "LiberationSerif-Italic.ttf",
	boldItalic: "LiberationSerif-BoldItalic.ttf",
};

/** The font files in `dir`; throws naming the first missing one (checked at start, not at first print). */
export function documentFonts(dir: string): DocumentFonts {
	const fonts = Object.fromEntries(
		Object.entries(FILES).map(([face, file]) => [face, path.join(dir, file)]),
	) as unknown as DocumentFonts;
	for (const file of Object.values(fonts)) {
		if (!existsSync(file)) throw new Error(`document font ${file} is missing (Debian package fonts-liberation2)`);
	}
	return fonts;
}
