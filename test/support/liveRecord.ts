import { randomBytes } from "node:crypto";
import type { IdentityClaims } from "../../domain/identity.js";
import type { Platform } from "../../server/Platform.js";

/** A user speaking for an endpoint; the endpoint id is derived from the name so each is distinct. */
export function identity(
	name: string,
	role: IdentityClaims["role"],
	level: IdentityClaims["endpointLevel"],
): IdentityClaims {
	return { sub: `user-${name}`, name, role, endpointId: `ep-${name}`, endpointLevel: level };
}

/** A fresh session id (record ids are ObjectIds). */
export function newSessionId(): string {
	return randomBytes(12).toString("hex");
}

const ensured = new WeakMap<Platform, Map<string, Promise<void>>>();

/**
 * Signalling joins only sessions whose record is open or live: gives a test's session a live record
 * once, presided by the first chair that connects to it (a later chair is an ordinary participant).
 */
export function ensureLiveRecord(platform: Platform, sessionId: string, who: IdentityClaims): Promise<void> {
	const known = ensured.get(platform) ?? new Map<string, Promise<void>>();
	ensured.set(platform, known);
	const chaired = async (previous: Promise<void> | undefined) => {
		await previous;
		const { sessions } = platform.records;
		const actor = { userId: "test", role: "central", origin: "test" };
		const current = await sessions.current(sessionId).catch(() => null);
		if (!current) {
			const at = new Date();
			await sessions.create(
				{
					kind: "regular",
					origin: { type: "scheduled" },
					title: `Phiên thử ${sessionId}`,
					plannedStart: at,
					plannedEnd: new Date(at.getTime() + 3_600_000),
					hostEndpointId: who.endpointId,
					chairUserId: who.role === "chair" ? who.sub : "no-chair-yet",
					status: "live",
					liveAt: at,
					scopeEndpointIds: [who.endpointId],
				},
				actor,
				sessionId,
			);
		} else if (current.chairUserId === "no-chair-yet" && who.role === "chair") {
			await sessions.revise(sessionId, { chairUserId: who.sub }, { kind: "update" }, actor);
		}
	};
	const next = chaired(known.get(sessionId));
	known.set(
		sessionId,
		next.catch(() => undefined),
	);
	return next;
}
