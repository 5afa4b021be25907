import { createHash } from "node:crypto";
import { type Connection, type Model, Schema } from "mongoose";
import { ReceptionError } from "../../domain/errors.js";
import { isDuplicateKey } from "../records/AuditLog.js";

/** Bytes of a stored file, content-addressed: `_id` is their SHA-256, so the same bytes are kept once. */
const blobSchema = new Schema(
	{
		_id: { type: String, required: true },
		data: { type: Buffer, required: true },
		size: { type: Number, required: true },
		mediaType: { type: String, required: true },
		storedAt: { type: Date, required: true },
	},
	{ versionKey: false, collection: "documentblobs" },
);

interface BlobRecord {
	_id: string;
	data: Buffer | { buffer: Buffer };
	size: number;
	mediaType: string;
}

export function sha256Hex(bytes: Uint8Array): string {
	return createHash("sha256").update(bytes).digest("hex");
}

/** Stored bytes that no longer hash to their name: the file was altered behind the platform. */
export class BlobIntegrityError extends ReceptionError {
	constructor(sha256: string) {
		super("INTERNAL_ERROR", `stored file ${sha256} no longer matches its SHA-256`);
	}
}

/**
 * Files the records point at by SHA-256 (issued notices, attachments). The records carry the hash
 * through the audit chain; the bytes live here, written once and checked against it on every read.
 */
export class BlobStore {
	readonly #model: Model<Record<string, unknown>>;

	constructor(connection: Connection) {
		this.#model = connection.model("DocumentBlob", blobSchema as never);
	}

	/** Stores the bytes (idempotent) and returns their SHA-256. */
	async put(data: Uint8Array, mediaType: string): Promise<string> {
		const id = sha256Hex(data);
		try {
			await this.#model.collection.insertOne({
				_id: id,
				data: Buffer.from(data),
				size: data.byteLength,
				mediaType,
				storedAt: new Date(),
			} as never);
		} catch (err) {
			if (!isDuplicateKey(err)) throw err;
		}
		return id;
	}

	/** The bytes named by `sha256`, or null; throws if they no longer hash to it. */
	async get(sha256: string): Promise<{ data: Buffer; mediaType: string } | null> {
		const doc = await this.#model.findById(sha256).lean<BlobRecord>();
		if (!doc) return null;
		const data = Buffer.isBuffer(doc.data) ? doc.data : Buffer.from(doc.data.buffer);
		if (sha256Hex(data) !== sha256) throw new BlobIntegrityError(sha256);
		return { data, mediaType: doc.mediaType };
	}
}
