import { Schema } from "mongoose";
import { ATTENDANCE_KINDS, type AttendanceFact } from "../../../signaling/AttendanceRecorder.js";

/** One attendance fact, append-only; `_id` is its idempotency key so a replay cannot double it. */
export const attendanceEventSchema = new Schema(
	{
		_id: { type: String, required: true },
		sessionId: { type: String, required: true },
		endpointId: { type: String, required: true },
		userId: { type: String, required: true },
		userName: { type: String, required: true },
		participantId: { type: String, required: true },
		kind: { type: String, enum: ATTENDANCE_KINDS, required: true },
		actorUserId: { type: String },
		details: { type: Schema.Types.Mixed },
		corrects: { type: String },
		/** Server time when the platform learnt it. */
		at: { type: Date, required: true },
	},
	{ versionKey: false, collection: "attendanceevents", minimize: false },
);
attendanceEventSchema.index({ sessionId: 1, at: 1 });

export interface AttendanceEventRecord extends AttendanceFact {
	_id: string;
	at: Date;
}
