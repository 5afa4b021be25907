import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { NotFoundError } from "../../domain/errors.js";
import { sha256 } from "../records/canonicalJson.js";
import { batchXml } from "./batchXml.js";
import type { Delivery, ExchangeBatch, NationalDbAdapter } from "./NationalDbAdapter.js";

/** The manifest beside each exported batch: what the files are and their SHA-256, checked on upload. */
export interface BatchManifest {
	schemaVersion: string;
	batchId: string;
	createdAt: string;
	recordCount: number;
	keys: string[];
	files: { name: string; mediaType: string; bytes: number; sha256: string }[];
}

export const EXPORT_FILE_KINDS = { json: "application/json", xml: "application/xml", manifest: "application/json" };
export type ExportFileKind = keyof typeof EXPORT_FILE_KINDS;

/**
 * Writes each batch as files for manual upload to the national database: `<batch>.json`,
 * `<batch>.xml` and `<batch>.manifest.json`. The records wait as `sent` until the national
 * database's receipt is imported (`POST /api/nationaldb/batches/:id/receipt`).
 */
export class ExportBatchAdapter implements NationalDbAdapter {
	readonly name = "export";
	readonly #dir: string;

	constructor(dir: string) {
		this.#dir = dir;
	}

	async deliver(batch: ExchangeBatch): Promise<Delivery> {
		await mkdir(this.#dir, { recursive: true });
		const json = `${JSON.stringify(batch, null, 1)}\n`;
		const xml = batchXml(batch);
		const files = [
			{ name: `${batch.batchId}.json`, mediaType: EXPORT_FILE_KINDS.json, text: json },
			{ name: `${batch.batchId}.xml`, mediaType: EXPORT_FILE_KINDS.xml, text: xml },
		];
		for (const f of files) await this.#writeAtomically(f.name, f.text);
		const manifest: BatchManifest = {
			schemaVersion: batch.schemaVersion,
			batchId: batch.batchId,
			createdAt: batch.createdAt,
			recordCount: batch.records.length,
			keys: batch.records.map((r) => r.key),
			files: files.map((f) => ({
				name: f.name,
				mediaType: f.mediaType,
				bytes: Buffer.byteLength(f.text),
				sha256: sha256(f.text),
			})),
		};
		await this.#writeAtomically(`${batch.batchId}.manifest.json`, `${JSON.stringify(manifest, null, 1)}\n`);
		return { kind: "handed-off" };
	}

	/** One exported file's bytes. */
	async read(batchId: string, kind: ExportFileKind): Promise<Buffer> {
		const name = kind === "manifest" ? `${batchId}.manifest.json` : `${batchId}.${kind}`;
		try {
			return await readFile(path.join(this.#dir, path.basename(name)));
		} catch {
			throw new NotFoundError(`export file ${name}`);
		}
	}

	async #writeAtomically(name: string, text: string): Promise<void> {
		const file = path.join(this.#dir, name);
		await writeFile(`${file}.tmp`, text);
		await rename(`${file}.tmp`, file);
	}
}
