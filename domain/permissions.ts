import { ForbiddenError } from "./errors.js";
import type { IdentityClaims } from "./identity.js";
import { ROLES, type Role } from "./roles.js";

export type ResourceType =
	| "endpoints"
	| "users"
	| "sessions"
	| "cases"
	| "outcomes"
	| "attendance"
	| "audit"
	| "health"
	| "alerts"
	| "reports"
	| "nationaldb"
	| "watches"
	| "developments"
	| "workgroups"
	| "feed"
	| "duty"
	| "compliance"
	| "agencies"
	| "tasks";
/**
 * `transition` is a session's lifecycle step and `conclude` its last one (issuing the notice);
 * `request` is asking for a session on demand; `attend` is taking part in it live (a signalling
 * token); `preside` is the chair's powers in the room; `record` is keeping the session's record from
 * the room; `watch` is following presence, health and alerts live; `check` is asking an endpoint to
 * run its connectivity check remotely; `acknowledge` is a named person taking an alert or a feed item in hand; `delegate`
 * is a chair handing one session to a vice-chair.
 */
export type Action =
	| "read"
	| "write"
	| "transition"
	| "conclude"
	| "request"
	| "attend"
	| "publish"
	| "preside"
	| "delegate"
	| "record"
	| "watch"
	| "check"
	| "acknowledge"
	| "declare"
	| "report";

const EVERYONE = ROLES;

/**
 * Which roles may do what (docs/authorization.md renders this table). Endpoint scope narrows it
 * further: see `can`.
 */
export const PERMISSIONS: Record<ResourceType, Partial<Record<Action, readonly Role[]>>> = {
	endpoints: { read: EVERYONE, write: ["central", "secretariat", "it"] },
	users: { read: ["central", "secretariat", "it", "inspector"], write: ["central", "secretariat", "it"] },
	sessions: {
		read: EVERYONE,
		write: ["central", "secretariat"],
		transition: ["chair", "secretariat", "central"],
		conclude: ["chair", "secretariat"],
		request: ["central"],
		attend: ["chair", "secretariat", "central", "operator", "it", "inspector", "observer"],
		/** Sending camera, microphone or screen into a live session: observers and inspectors only watch. */
		publish: ["chair", "secretariat", "central", "operator", "it"],
		/** Which roles may preside at all; in a room, only those a session names (`presides`). */
		preside: ["chair", "central"],
		delegate: ["chair", "secretariat"],
		record: ["secretariat"],
	},
	cases: {
		read: ["chair", "secretariat", "central", "operator", "inspector"],
		write: ["secretariat", "central", "operator"],
	},
	outcomes: {
		read: ["chair", "secretariat", "central", "operator", "inspector"],
		write: ["chair", "secretariat", "central"],
	},
	/** Sở, ban, ngành, UBND xã, police of each province, with contacts. */
	agencies: {
		read: ["chair", "secretariat", "central", "inspector"],
		write: ["secretariat", "central"],
	},
	/** Tasks given to agencies after a reception, their progress and closing result. */
	tasks: {
		read: ["chair", "secretariat", "central", "operator", "inspector"],
		write: ["chair", "secretariat", "central"],
	},
	attendance: {
		read: ["chair", "secretariat", "central", "operator", "it", "inspector"],
		write: ["secretariat", "central"],
	},
	audit: { read: ["central", "inspector"] },
	/** Endpoint presence, media health, connectivity checks, workers: the IT dashboard and readiness boards. */
	health: {
		read: ["it", "central", "inspector", "chair", "secretariat"],
		watch: ["it", "central", "inspector", "chair", "secretariat"],
		check: ["it"],
	},
	/**
	 * The one alert model (server/alerts/): IT's health alerts, task deadlines, hot spots, duty. An
	 * operator reads and acknowledges only the alerts delivered to them on duty (`addressees`).
	 */
	alerts: {
		read: ["it", "central", "inspector", "chair", "secretariat", "operator"],
		watch: ["it", "central", "inspector", "chair", "secretariat"],
		acknowledge: ["it", "central", "secretariat", "chair", "operator"],
	},
	/**
	 * Peak periods and shift settings (`declare`), duty rosters (`write`), daily situation reports
	 * (`report`: a province's secretariat, a commune's officer once its province asked) and asking a
	 * province's communes for them (`request`).
	 */
	duty: {
		read: ["chair", "secretariat", "central", "operator", "it", "inspector"],
		write: ["secretariat", "central"],
		declare: ["secretariat", "central"],
		report: ["secretariat", "operator"],
		request: ["secretariat", "central"],
	},
	/** Statistics and report documents (periodic and ad hoc) over the caller's endpoint subtree. */
	reports: { read: ["chair", "secretariat", "central", "inspector"] },
	/**
	 * The national-database link: `read` is the completeness board and the outbox; `write` is making
	 * export batches, importing their receipts and sending a rejected record again.
	 */
	nationaldb: { read: ["secretariat", "central", "it", "inspector"], write: ["central", "it"] },
	/** Hot-spot watch entries on cases: the province's watchlist and the national board (live with `watch`). */
	watches: {
		read: ["chair", "secretariat", "central", "operator", "inspector"],
		write: ["secretariat", "central"],
		transition: ["secretariat", "central"],
		watch: ["chair", "secretariat", "central", "operator", "inspector"],
	},
	/** The developments log (diễn biến) of a watched case: communes, the province and the central office write. */
	developments: {
		read: ["chair", "secretariat", "central", "operator", "inspector"],
		write: ["secretariat", "central", "operator"],
	},
	/** Working groups (tổ công tác) a province sends to bring citizens home. */
	workgroups: {
		read: ["chair", "secretariat", "central", "operator", "inspector"],
		write: ["secretariat", "central"],
	},
	/** What the central office is kept informed of; a named central officer acknowledges each item. */
	feed: {
		read: ["chair", "secretariat", "central", "inspector"],
		acknowledge: ["central"],
	},
	/** Whether leaders held their required periodic receptions (server/sessions/compliance/). */
	compliance: { read: ["central", "inspector"] },
};

/**
 * Roles whose rights over a session are personal: a chair steps, concludes and corrects only the
 * sessions they preside (its chair or a co-chair), and delegates only the one planned for them. The
 * secretariat and the central office act by their role. `can` applies this when given the session.
 */
const PERSONAL_SESSION_ROLES: readonly Role[] = ["chair"];

/** Who presides a session and whose duty it was, as `can` reads them for a personal right. */
export interface SessionChairs {
	chairUserId: string;
	coChairUserIds?: readonly string[];
	/** Set when the chair it was planned for delegated it: theirs to withdraw. */
	delegation?: { fromUserId?: string } | null;
}

function personalRight(sub: string | undefined, action: Action, session: SessionChairs): boolean {
	if (action === "delegate") return sub === (session.delegation?.fromUserId ?? session.chairUserId);
	return sub === session.chairUserId || (session.coChairUserIds ?? []).includes(sub ?? "");
}

/**
 * Roles whose rights over an alert are personal: an operator reads and acknowledges only an alert a
 * delivery named them for (they were on duty), not every alert of their endpoint.
 */
const PERSONAL_ALERT_ROLES: readonly Role[] = ["operator"];

/** Roles that act only for their own endpoint; the others act for the subtree under it. */
const OWN_ENDPOINT_ONLY: readonly Role[] = ["operator", "observer"];

/** How far a user's endpoint scope reaches: every endpoint, the subtree under theirs, or their own. */
export type ScopeReach = "everywhere" | "subtree" | "own";

export function scopeReach(identity: Pick<IdentityClaims, "role" | "endpointLevel">): ScopeReach {
	if (identity.endpointLevel === "central") return "everywhere";
	return OWN_ENDPOINT_ONLY.includes(identity.role) ? "own" : "subtree";
}

/**
 * What an action is done to. `endpoints` lists, for each endpoint the resource belongs to, that
 * endpoint's ancestry from itself up to the root (`[commune, province, central]`); leave it out to ask
 * about the role alone (a list, later filtered by scope).
 */
export interface Resource {
	type: ResourceType;
	endpoints?: readonly (readonly string[])[];
	/** The session acted on, for the roles whose rights over it are personal (a chair). */
	session?: SessionChairs;
	/**
	 * An alert's: the users a delivery showed it to in the app (they were on duty for it). A user it
	 * names may read and acknowledge it wherever it was raised, if their role may at all.
	 */
	addressees?: readonly string[];
}

type Who = Pick<IdentityClaims, "role" | "endpointId" | "endpointLevel"> & Partial<Pick<IdentityClaims, "sub">>;

/** Whether the role alone allows the action (scope aside): for a user record that is not the caller. */
export function roleMay(role: Role, action: Action, type: ResourceType): boolean {
	return PERMISSIONS[type][action]?.includes(role) ?? false;
}

/** The one decision on who may do what, where: role first, then endpoint scope. */
export function can(identity: Who, action: Action, resource: Resource): boolean {
	if (!roleMay(identity.role, action, resource.type)) return false;
	if (resource.session && PERSONAL_SESSION_ROLES.includes(identity.role)) {
		if (!personalRight(identity.sub, action, resource.session)) return false;
	}
	if (!resource.endpoints) return true;
	if (resource.type === "alerts") {
		if (identity.sub !== undefined && resource.addressees?.includes(identity.sub)) return true;
		if (PERSONAL_ALERT_ROLES.includes(identity.role)) return false;
	}
	switch (scopeReach(identity)) {
		case "everywhere":
			return true;
		case "own":
			return resource.endpoints.some((ancestry) => ancestry[0] === identity.endpointId);
		case "subtree":
			return resource.endpoints.some((ancestry) => ancestry.includes(identity.endpointId));
	}
}

/** `can`, or FORBIDDEN naming what was refused. */
export function requireCan(identity: Who, action: Action, resource: Resource): void {
	if (can(identity, action, resource)) return;
	if (resource.session && can(identity, action, { ...resource, session: undefined })) {
		throw new ForbiddenError(
			`role ${identity.role} may ${action} only the sessions that are theirs (presided, or planned for them)`,
		);
	}
	throw new ForbiddenError(
		resource.endpoints
			? `${resource.type} is outside your endpoint scope or role ${identity.role} may not ${action} it`
			: `role ${identity.role} may not ${action} ${resource.type}`,
	);
}
