import { ATTACHMENT_MEDIA_TYPES, type AttachmentMediaType } from "../../domain/sessions.js";

const SIGNATURES: { type: AttachmentMediaType; bytes: number[] }[] = [
	{ type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
	{ type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
	{ type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
];

/** What a file is by its first bytes (never by its name or the type the sender claims), or null. */
export function detectMediaType(data: Uint8Array): AttachmentMediaType | null {
	const found = SIGNATURES.find((s) => s.bytes.every((b, i) => data[i] === b))?.type ?? null;
	return found && ATTACHMENT_MEDIA_TYPES.includes(found) ? found : null;
}
