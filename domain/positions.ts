import type { EndpointLevel, Role } from "./roles.js";

/**
 * Where a user stands in their agency's leadership: the head (người đứng đầu: Chủ tịch UBND, Trưởng
 * Ban Tiếp công dân) or a deputy (cấp phó: Phó Chủ tịch, Phó Trưởng Ban). Staff have none.
 */
export const LEADERSHIP = ["head", "deputy"] as const;
export type Leadership = (typeof LEADERSHIP)[number];

/** What the rules below read of a user record. */
export interface PositionHolder {
	role: Role;
	leadership?: Leadership | null;
}

/** Who may be named a session's chair (its `chairUserId`): a user of the chair role. */
export function mayChair(user: PositionHolder): boolean {
	return user.role === "chair";
}

/** A co-chair is a chair, or a leader of the central office (a session the central office asked for). */
export function mayCoChair(user: PositionHolder): boolean {
	return mayChair(user) || (user.role === "central" && !!user.leadership);
}

/** A chair delegates a session to a vice-chair: a chair who is a deputy, of the same unit. */
export function mayBeDelegatedTo(user: PositionHolder): boolean {
	return mayChair(user) && user.leadership === "deputy";
}

/** Heads of a province or a commune owe periodic receptions (see domain/sessions.ts, PERIODIC_DUTIES). */
export function owesPeriodicReception(user: PositionHolder, level: EndpointLevel): boolean {
	return user.role === "chair" && user.leadership === "head" && (level === "province" || level === "commune");
}
