import type { Role } from "./roles.js";

/**
 * Roles the chair admits one by one: **Cho tất cả vào** (admit everyone) leaves them waiting, so an
 * observer is let into a reception deliberately, never in a batch.
 */
export const ADMITTED_ONE_BY_ONE: readonly Role[] = ["observer"];

export function admittedTogether(role: Role): boolean {
	return !ADMITTED_ONE_BY_ONE.includes(role);
}
