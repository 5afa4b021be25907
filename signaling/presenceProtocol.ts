/**
 * The presence channel (Socket.IO namespace `/presence`): every signed-in endpoint client keeps it
 * open, in or out of a session, and sends a heartbeat every `heartbeatMs`; IT staff receive each
 * endpoint's state changes. Authenticated with an access token.
 */
import { z } from "zod";
import type { Alert } from "../domain/alerts.js";
import { clientQualitySchema, type QualityAssessment } from "../domain/quality.js";
import type { Ack } from "./protocol.js";

export const heartbeatSchema = z.strictObject({
	/** Client clock when sent, echoed back so the client can measure its round trip. */
	sentAt: z.number().finite(),
});

export type PresenceStateName = "online" | "degraded" | "offline";

export interface EndpointPresenceInfo {
	endpointId: string;
	state: PresenceStateName;
	/** ISO server time of the last heartbeat. */
	lastSeen: string;
	connections: number;
	reason?: string;
}

export interface PresenceWelcome {
	/** How often to send a heartbeat. */
	heartbeatMs: number;
	/** For watchers (IT, central office, inspectors, provincial leaders): every endpoint's state now. */
	endpoints: EndpointPresenceInfo[];
}

export interface EndpointHealthInfo extends QualityAssessment {
	endpointId: string;
	sessionId?: string;
	/** ISO server time of the report. */
	at: string;
}

/** What changed about a session: its record (a lifecycle step, an edit), its outcomes, its attendance. */
export const SESSION_ASPECTS = ["session", "outcomes", "attendance"] as const;
export type SessionAspect = (typeof SESSION_ASPECTS)[number];

/** To users whose scope covers a session: reload what you show of it. */
export interface SessionChange {
	sessionId: string;
	aspect: SessionAspect;
	/** For `session`: its status and revision now. */
	status?: string;
	rev?: number;
	/** For `attendance`: what happened (`joined`, `waiting-in-lobby`, `admitted`, …). */
	kind?: string;
	/** For `attendance`: the endpoint it happened at. */
	endpointId?: string;
}

export const presenceRequestSchemas = {
	heartbeat: heartbeatSchema,
	/** During a session, every few seconds: the client's stats summary; the ack is the verdict. */
	qualityReport: clientQualitySchema,
	/** IT staff ask an endpoint's open clients to run the connectivity check now. */
	requestCheck: z.strictObject({ endpointId: z.string().min(1).max(128) }),
} as const;
export type PresenceRequestName = keyof typeof presenceRequestSchemas;

export interface PresenceRequestResults {
	heartbeat: { sentAt: number; serverTime: number };
	qualityReport: EndpointHealthInfo;
	/** How many of the endpoint's clients were asked. */
	requestCheck: { clients: number };
}

export type PresenceClientToServerEvents = {
	[K in PresenceRequestName]: (
		payload: z.input<(typeof presenceRequestSchemas)[K]>,
		ack: (result: Ack<PresenceRequestResults[K]>) => void,
	) => void;
};

export interface PresenceServerToClientEvents {
	welcome: (welcome: PresenceWelcome) => void;
	presenceChanged: (presence: EndpointPresenceInfo) => void;
	healthChanged: (health: EndpointHealthInfo) => void;
	/** To watchers whose scope covers its endpoint: an alert group as it now stands (domain/alerts.ts). */
	alert: (alert: Alert) => void;
	/** To every client whose scope covers the session (watchers or not), as soon as the change is stored. */
	sessionChanged: (change: SessionChange) => void;
	/** To an endpoint's clients: IT asked for a connectivity check. */
	checkRequested: (request: { by: string }) => void;
}
