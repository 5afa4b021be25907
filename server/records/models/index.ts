import type { Connection, Model } from "mongoose";
import { communeReportRequestSchema } from "../../duty/CommuneReportRequest.js";
import {
	dutyPublicationSchema,
	dutySlotSchema,
	peakPeriodSchema,
	shiftSettingsSchema,
	situationReportSchema,
} from "../../duty/models.js";
import { developmentSchema } from "../../hotspots/models/Development.js";
import { feedAcknowledgementSchema } from "../../hotspots/models/FeedAcknowledgement.js";
import { watchEntrySchema } from "../../hotspots/models/WatchEntry.js";
import { workingGroupSchema } from "../../hotspots/models/WorkingGroup.js";
import { agencySchema } from "../../register/models/Agency.js";
import { taskSchema } from "../../register/models/Task.js";
import { issuedNoticeSchema } from "../../sessions/models/IssuedNotice.js";
import { sessionAttachmentSchema } from "../../sessions/models/SessionAttachment.js";
import { sessionSeriesSchema } from "../../sessions/models/SessionSeries.js";
import { attendanceEventSchema } from "./AttendanceEvent.js";
import { auditEntrySchema } from "./AuditEntry.js";
import { caseSchema } from "./Case.js";
import { endpointSchema } from "./Endpoint.js";
import { outcomeSchema } from "./Outcome.js";
import { receptionSessionSchema } from "./ReceptionSession.js";
import { userSchema } from "./User.js";

const schemas = {
	Endpoint: endpointSchema,
	User: userSchema,
	ReceptionSession: receptionSessionSchema,
	Case: caseSchema,
	Outcome: outcomeSchema,
	PeakPeriod: peakPeriodSchema,
	DutySlot: dutySlotSchema,
	DutyPublication: dutyPublicationSchema,
	SituationReport: situationReportSchema,
	ShiftSettings: shiftSettingsSchema,
	CommuneReportRequest: communeReportRequestSchema,
	Agency: agencySchema,
	Task: taskSchema,
	AttendanceEvent: attendanceEventSchema,
	IssuedNotice: issuedNoticeSchema,
	SessionAttachment: sessionAttachmentSchema,
	SessionSeries: sessionSeriesSchema,
	/** Hot-spot watch (server/hotspots/). */
	WatchEntry: watchEntrySchema,
	HotspotDevelopment: developmentSchema,
	WorkingGroup: workingGroupSchema,
	FeedAcknowledgement: feedAcknowledgementSchema,
	AuditEntry: auditEntrySchema,
};
export type RecordModelName = keyof typeof schemas;
/** Models whose documents are written through the journal and the audit log. */
export type AuditedModelName = Exclude<RecordModelName, "AuditEntry">;
export const AUDITED_MODELS = Object.keys(schemas).filter((n) => n !== "AuditEntry") as AuditedModelName[];

export type RecordModels = Record<RecordModelName, Model<Record<string, unknown>>>;

/** Registers every record model on the platform's connection (not the global mongoose). */
export function registerRecordModels(connection: Connection): RecordModels {
	return Object.fromEntries(
		Object.entries(schemas).map(([name, schema]) => [name, connection.model(name, schema as never)]),
	) as unknown as RecordModels;
}

/** Builds the indexes the queries rely on; safe to call on every start. */
export async function ensureIndexes(models: RecordModels): Promise<void> {
	for (const model of Object.values(models)) await model.init();
}
