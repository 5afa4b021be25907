import type { QualityAssessment } from "./quality.js";

export type PresenceState = "online" | "degraded" | "offline";

export interface EndpointPresence {
	endpointId: string;
	state: PresenceState;
	/** Server time of the last heartbeat. */
	lastSeen: Date;
	/** Open presence connections (an endpoint may have several devices signed in). */
	connections: number;
	reason?: string;
}

/** An endpoint's judged media health at one moment of a session. */
export interface HealthState extends QualityAssessment {
	endpointId: string;
	sessionId?: string;
	at: Date;
}
