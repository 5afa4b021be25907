import { Schema } from "mongoose";
import {
	DUTY_ROLES,
	type DutyRole,
	PEAK_PERIOD_KINDS,
	type PeakPeriodKind,
	SHIFTS,
	type Shift,
	type ShiftSettings,
} from "../../domain/duty.js";
import { indexRevisions, type RevisionFields, revisionFields } from "../records/models/revision.js";

/** A peak period (đợt cao điểm) over an endpoint's subtree: the whole country when declared at TW. */
export const peakPeriodSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			name: { type: String, required: true },
			kind: { type: String, enum: PEAK_PERIOD_KINDS, required: true },
			/** First and last day, Vietnam's calendar ("YYYY-MM-DD"). */
			from: { type: String, required: true },
			to: { type: String, required: true },
			/** The subtree it applies to. */
			endpointId: { type: String, required: true },
			/** Endpoints whose rosters are published (read-only except by correction). */
			publishedEndpointIds: { type: [String], default: [] },
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "peakperiods" },
	),
);
peakPeriodSchema.index({ scopeEndpointIds: 1, from: 1 });

export interface PeakPeriodRecord extends RevisionFields {
	name: string;
	kind: PeakPeriodKind;
	from: string;
	to: string;
	endpointId: string;
	publishedEndpointIds: string[];
	scopeEndpointIds: string[];
}

/**
 * One person on one shift of one day at one endpoint (or one of its agencies); a swap is a correction
 * naming who and why. A slot belongs to no period: a peak period covering its day only raises what
 * the day requires (docs/duty.md).
 */
export const dutySlotSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			endpointId: { type: String, required: true },
			/** An agency of the endpoint keeping its own duty; absent: the endpoint's own reception point. */
			agencyId: { type: String },
			day: { type: String, required: true },
			shift: { type: String, enum: SHIFTS, required: true },
			role: { type: String, enum: DUTY_ROLES, required: true },
			person: {
				_id: false,
				userId: { type: String },
				name: { type: String, required: true },
				position: { type: String },
				phone: { type: String, required: true },
				email: { type: String },
			},
			/** Taken off the roster (by correction): kept, never deleted. */
			voided: { type: Boolean, default: false },
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "dutyslots" },
	),
);
dutySlotSchema.index({ endpointId: 1, day: 1 });
dutySlotSchema.index({ scopeEndpointIds: 1, day: 1 });

export interface DutyPerson {
	userId?: string;
	name: string;
	position?: string;
	phone: string;
	email?: string;
}

export interface DutySlotRecord extends RevisionFields {
	endpointId: string;
	agencyId?: string;
	day: string;
	shift: Shift;
	role: DutyRole;
	person: DutyPerson;
	voided: boolean;
	scopeEndpointIds: string[];
}

/** An endpoint's ordinary roster published over some days: read-only from then on except by correction. */
export const dutyPublicationSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			endpointId: { type: String, required: true },
			from: { type: String, required: true },
			to: { type: String, required: true },
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "dutypublications" },
	),
);
dutyPublicationSchema.index({ endpointId: 1, from: 1 });

export interface DutyPublicationRecord extends RevisionFields {
	endpointId: string;
	from: string;
	to: string;
	scopeEndpointIds: string[];
}

/** A province's daily situation report in a peak period, or an ad-hoc report on one event. */
export const situationReportSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			kind: { type: String, enum: ["daily", "ad-hoc"], required: true },
			periodId: { type: String, required: true },
			endpointId: { type: String, required: true },
			day: { type: String, required: true },
			/** The day's figures from the record, as pre-filled (the officer may correct them). */
			figures: {
				_id: false,
				visits: { type: Number, required: true },
				people: { type: Number, required: true },
				cases: { type: Number, required: true },
				delegations: { type: Number, required: true },
				developments: { type: Number, default: 0 },
			},
			events: { type: String, default: "" },
			submittedByName: { type: String, required: true },
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "situationreports" },
	),
);
situationReportSchema.index({ periodId: 1, day: 1 });

export interface SituationFigures {
	visits: number;
	people: number;
	cases: number;
	delegations: number;
	/** Hot-spot developments entered that day on cases the unit holds (absent on older reports). */
	developments?: number;
}

export interface SituationReportRecord extends RevisionFields {
	kind: "daily" | "ad-hoc";
	periodId: string;
	endpointId: string;
	day: string;
	figures: SituationFigures;
	events: string;
	submittedByName: string;
	scopeEndpointIds: string[];
}

/** A province's (or the central office's) shift hours and required roles; one per endpoint, revisioned. */
export const shiftSettingsSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			endpointId: { type: String, required: true },
			hours: { type: Schema.Types.Mixed, required: true },
			required: { type: Schema.Types.Mixed, required: true },
			requiredInPeak: { type: Schema.Types.Mixed, required: true },
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "shiftsettings" },
	),
);
shiftSettingsSchema.index({ endpointId: 1 });

export interface ShiftSettingsRecord extends RevisionFields, ShiftSettings {
	endpointId: string;
	scopeEndpointIds: string[];
}
