import { z } from "zod";
import type { Alert } from "../alerts.js";

const id = z.string().regex(/^[0-9a-f]{24}$/, "not an alert id");

/** `GET /api/alerts`: open alerts (default) or every alert still kept, newest first. */
export const alertListQuery = z.strictObject({
	state: z.enum(["open", "all"]).default("open"),
	endpoint: z.string().min(1).max(128).optional(),
	session: z.string().min(1).max(128).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type AlertListQuery = z.infer<typeof alertListQuery>;

export const alertIdParams = z.strictObject({ id });

export interface AlertList {
	items: Alert[];
}
