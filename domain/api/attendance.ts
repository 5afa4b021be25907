/** REST shapes of `/api/sessions/{id}/attendance`: who attended a session, from where, and when. */
import { z } from "zod";
import { ATTENDANCE_KINDS } from "../vocabulary.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";
import { isoDate, listOf, pageQuery, writes } from "./common.js";

export const attendanceQuery = z.object({
	kind: z.enum(ATTENDANCE_KINDS).optional(),
	endpointId: z.string().max(64).optional(),
	userId: z.string().max(64).optional(),
});

/** Voiding a recorded fact: a new fact pointing at it, with the reason; the original stays. */
export const attendanceCorrectionInput = z.object({
	corrects: z.string().min(1).max(200),
	reason: z.string().min(3).max(2000),
});

export const attendanceEventView = z.looseObject({
	id: z.string(),
	sessionId: z.string(),
	endpointId: z.string(),
	userId: z.string(),
	userName: z.string(),
	participantId: z.string(),
	kind: z.enum(ATTENDANCE_KINDS),
	actorUserId: z.string().optional(),
	details: z.record(z.string(), z.unknown()).optional(),
	corrects: z.string().optional(),
	at: isoDate,
});

const total = z.object({ minutes: z.number().min(0), intervals: z.number().int().min(0) });

/** Presence derived from the facts: intervals in the room, totals per endpoint and person, who never came. */
export const attendanceSummary = z.object({
	sessionId: z.string(),
	intervals: z.array(
		z.object({
			participantId: z.string(),
			endpointId: z.string(),
			userId: z.string(),
			from: isoDate,
			to: isoDate,
			/** Still present when the summary was made. */
			open: z.boolean(),
		}),
	),
	byEndpoint: z.record(z.string(), total),
	byUser: z.record(z.string(), total.extend({ endpointIds: z.array(z.string()) })),
	invitedNeverCame: z.object({ endpointIds: z.array(z.string()), userIds: z.array(z.string()) }),
	/** Who waits in the lobby now, with the role and position they signed in with. */
	waiting: z.array(
		z.object({
			participantId: z.string(),
			endpointId: z.string(),
			userId: z.string(),
			since: isoDate,
			role: z.string().optional(),
			position: z.string().optional(),
		}),
	),
	/** Each person by the name they attended under. */
	names: z.record(z.string(), z.string()),
});
export type AttendanceSummary = z.output<typeof attendanceSummary>;

const route = routesOf("attendance", "attendance");
const page = pageQuery.extend(attendanceQuery.shape);

export const attendanceApi: ApiRoute[] = [
	route(
		"GET /sessions/{id}/attendance",
		"The attendance facts as recorded, oldest first",
		listOf(attendanceEventView),
		{
			query: page,
		},
	),
	route("GET /sessions/{id}/attendance/summary", "Presence per endpoint and person; who never came", attendanceSummary),
	route(
		"POST /sessions/{id}/attendance/corrections",
		"Void one recorded fact, with the reason",
		writes(attendanceEventView),
		{
			body: attendanceCorrectionInput,
		},
	),
];
