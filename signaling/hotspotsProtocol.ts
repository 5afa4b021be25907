/**
 * The hot-spot channel (Socket.IO namespace `/hotspots`): push only. Whoever may follow watch entries
 * (`watches · watch`) connects with an access token and hears of every change to a watched case in
 * their endpoint scope, then reloads what they show. Anyone else is refused at the handshake
 * (`FORBIDDEN`).
 */

export const HOTSPOT_CHANGE_KINDS = ["watch", "development", "group", "feed", "alert"] as const;
export type HotspotChangeKind = (typeof HOTSPOT_CHANGE_KINDS)[number];

export interface HotspotChange {
	kind: HotspotChangeKind;
	caseId: string | null;
	watchId: string | null;
	groupId: string | null;
	provinceId: string | null;
	/** ISO server time. */
	at: string;
}

export interface HotspotServerToClientEvents {
	hotspotChanged: (change: HotspotChange) => void;
}

export type HotspotClientToServerEvents = Record<string, never>;
