/** REST shapes of `/api/audit`: checking the audit chain of the official record. */
import { z } from "zod";
import { type ApiRoute, routesOf } from "./ApiRoute.js";

/** `ok` when the chain is unbroken and every audited document matches its entry. */
export const auditReport = z.object({
	ok: z.boolean(),
	entries: z.number().int().min(0),
	documents: z.number().int().min(0),
	/** Signed checkpoints (kept outside the database) the chain was checked against. */
	checkpoints: z.number().int().min(0),
	problems: z.array(z.string()),
});

const route = routesOf("audit", "audit");

/** Walks the hash-chained audit log and the audited collections; reports any tampering. */
export const auditApi: ApiRoute[] = [route("GET /audit/verify", "Verify the audit chain", auditReport)];
