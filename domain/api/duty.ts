import { z } from "zod";
import { DUTY_ROLES, PEAK_PERIOD_KINDS, SHIFTS } from "../duty.js";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day dd/mm/yyyy (sent as YYYY-MM-DD)");
const endpointId = z.string().min(1).max(64);
const reason = z.string().trim().min(3, "give the reason").max(500);

/** `POST /api/duty/periods`: a peak period over an endpoint's subtree (TW: nationwide). */
export const peakPeriodInput = z
	.strictObject({
		name: z.string().trim().min(3).max(200),
		kind: z.enum(PEAK_PERIOD_KINDS),
		from: day,
		to: day,
		endpointId,
	})
	.refine((p) => p.to >= p.from, { path: ["to"], message: "the last day is before the first" })
	.refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 90 * 86_400_000, {
		path: ["to"],
		message: "a peak period lasts at most 90 days",
	});
export type PeakPeriodInput = z.infer<typeof peakPeriodInput>;

export const periodIdParams = z.strictObject({ id: z.string().min(1).max(64) });

/** `GET /api/duty/periods/:id/roster?endpoint=`: one endpoint's roster (default: every endpoint in scope). */
export const rosterQuery = z.strictObject({ endpoint: endpointId.optional() });

const person = z.strictObject({
	userId: z.string().min(1).max(64).optional(),
	name: z.string().trim().min(2).max(120),
	position: z.string().trim().max(120).optional(),
	phone: z
		.string()
		.trim()
		.regex(/^\+?[0-9 .-]{8,20}$/, "a phone number of 8 to 15 digits"),
	email: z.email().max(200).optional(),
});

/** `POST /api/duty/periods/:id/slots`: one person on one shift of one day at one endpoint. */
export const dutySlotInput = z.strictObject({
	endpointId,
	day,
	shift: z.enum(SHIFTS),
	role: z.enum(DUTY_ROLES),
	person,
	/** Needed once the endpoint's roster is published: a swap or change is a correction. */
	correction: z.strictObject({ reason }).optional(),
});
export type DutySlotInput = z.infer<typeof dutySlotInput>;

/** `PATCH /api/duty/slots/:id`: a swap (another person) or taking the slot off the roster. */
export const dutySlotChange = z
	.strictObject({
		person: person.optional(),
		voided: z.literal(true).optional(),
		correction: z.strictObject({ reason }).optional(),
	})
	.refine((c) => c.person || c.voided, { path: ["person"], message: "name the new person, or void the slot" });
export type DutySlotChange = z.infer<typeof dutySlotChange>;

export const slotIdParams = z.strictObject({ id: z.string().min(1).max(64) });

/** `POST /api/duty/periods/:id/publish`: one endpoint's roster becomes read-only except by correction. */
export const publishInput = z.strictObject({ endpointId });

/** `GET /api/duty/now?under=`: who is on duty now at each endpoint of a subtree. */
export const onDutyQuery = z.strictObject({ under: endpointId.optional() });

/** `POST /api/duty/periods/:id/reports`: a daily situation report, or an ad-hoc one on one event. */
export const situationReportInput = z.strictObject({
	kind: z.enum(["daily", "ad-hoc"]),
	endpointId,
	day,
	figures: z
		.strictObject({
			visits: z.number().int().min(0).max(100_000),
			people: z.number().int().min(0).max(1_000_000),
			cases: z.number().int().min(0).max(100_000),
			delegations: z.number().int().min(0).max(10_000),
		})
		.optional(),
	events: z.string().max(20_000).default(""),
});
export type SituationReportInput = z.infer<typeof situationReportInput>;

/** `GET /api/duty/periods/:id/reports?day=`: submitted reports and the units that owe one. */
export const reportsQuery = z.strictObject({ day });
export const prefillQuery = z.strictObject({ endpoint: endpointId, day });
