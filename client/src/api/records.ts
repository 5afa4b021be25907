/** The records API's shapes as the client reads them (see docs/records.md). */
import type { EndpointLevel, Role } from "../../../domain/roles.js";
import type { SESSION_STATUSES } from "../../../domain/vocabulary.js";

export interface List<T> {
	items: T[];
	total: number;
}

export interface EndpointView {
	id: string;
	code: string;
	name: string;
	level: EndpointLevel;
	parentId: string | null;
}

export interface UserView {
	id: string;
	name: string;
	role: Role;
	endpointIds: string[];
	positionTitle?: string;
	agency?: string;
	leadership?: "head" | "deputy" | null;
}

export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SessionView {
	id: string;
	title: string;
	kind: "regular" | "periodic" | "unscheduled";
	origin: { type: "scheduled" | "on-demand"; reason?: string };
	plannedStart: string;
	plannedEnd: string;
	hostEndpointId: string;
	chairUserId: string;
	coChairUserIds?: string[];
	delegation?: { fromUserId?: string; reason?: string };
	secretariatUserIds?: string[];
	invitedAgencies?: { name: string; agencyId?: string; inspectorate?: boolean }[];
	seriesId?: string;
	notice?: { number?: string; version?: number; sha256?: string };
	participantEndpointIds: string[];
	caseIds: string[];
	status: SessionStatus;
	agenda: string[];
	rev: number;
	/** When each lifecycle step happened (server clock). */
	openedAt?: string;
	liveAt?: string;
	endedAt?: string;
	concludedAt?: string;
	cancellationReason?: string;
}

export interface CaseView {
	id: string;
	summary: string;
	contentType: string;
	peopleCount?: number;
	citizens?: { fullName: string }[];
}

export interface OutcomeView {
	id: string;
	sessionId: string;
	caseId: string;
	direction: string;
	conclusion: string;
	assignments: { agency: string; task: string; deadline: string; reportTo: string }[];
	followUpStatus: string;
}

export interface AttendanceSummary {
	intervals: { participantId: string; endpointId: string; userId: string; from: string; to: string; open: boolean }[];
	byEndpoint: Record<string, { minutes: number; intervals: number }>;
	byUser: Record<string, { minutes: number; intervals: number; endpointIds: string[] }>;
	invitedNeverCame: { endpointIds: string[]; userIds: string[] };
}
