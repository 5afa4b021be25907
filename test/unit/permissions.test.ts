import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../../domain/errors.js";
import type { IdentityClaims } from "../../domain/identity.js";
import {
	type Action,
	can,
	PERMISSIONS,
	type ResourceType,
	requireCan,
	roleMay,
	scopeReach,
} from "../../domain/permissions.js";
import { ENDPOINT_LEVELS, ROLES, type Role } from "../../domain/roles.js";

type Who = Pick<IdentityClaims, "role" | "endpointId" | "endpointLevel">;

// A two-tier province (after the 2025 reform) under the central office, and another province beside it.
const TW = ["TW"];
const KH = ["KH", "TW"];
const NHATRANG = ["KH-NHATRANG", "KH", "TW"];
const PHANRANG = ["KH-PHANRANG", "KH", "TW"];
const LD = ["LD", "TW"];
const XUANHUONG = ["LD-XUANHUONG", "LD", "TW"];
const ALL = { TW, KH, NHATRANG, PHANRANG, LD, XUANHUONG };

const central = (role: Role): Who => ({ role, endpointId: "TW", endpointLevel: "central" });
const province = (role: Role): Who => ({ role, endpointId: "KH", endpointLevel: "province" });
const commune = (role: Role): Who => ({ role, endpointId: "KH-NHATRANG", endpointLevel: "commune" });

/** Which of the sample endpoints a user may read a session of. */
function reach(who: Who): string[] {
	return Object.entries(ALL)
		.filter(([, ancestry]) => can(who, "read", { type: "sessions", endpoints: [ancestry] }))
		.map(([name]) => name);
}

describe("the role decides first", () => {
	const pairs = (Object.entries(PERMISSIONS) as [ResourceType, Partial<Record<Action, readonly Role[]>>][]).flatMap(
		([type, actions]) => Object.entries(actions).map(([action, roles]) => ({ type, action: action as Action, roles })),
	);

	it.each(pairs)(
		"$type · $action: exactly the roles of the table, wherever the user sits",
		({ type, action, roles }) => {
			for (const role of ROLES) {
				const allowed = roles?.includes(role) ?? false;
				expect(roleMay(role, action, type), role).toBe(allowed);
				for (const level of ENDPOINT_LEVELS) {
					const who: Who = { role, endpointId: "X", endpointLevel: level };
					expect(can(who, action, { type }), `${role} at ${level}`).toBe(allowed);
					// Even on a record of the user's own endpoint (an operator's alerts: the ones sent to them).
					const personal = type === "alerts" && role === "operator";
					expect(can(who, action, { type, endpoints: [["X"]] }), `${role} at ${level}, own`).toBe(allowed && !personal);
					const sentToThem = { type, endpoints: [["X"]], addressees: ["u-1"] };
					expect(can({ ...who, sub: "u-1" }, action, sentToThem), `${role} at ${level}, named`).toBe(allowed);
				}
			}
		},
	);

	it("refuses an action the table does not list for a resource", () => {
		expect(can(central("central"), "preside", { type: "cases" })).toBe(false);
		expect(can(central("it"), "write", { type: "audit" })).toBe(false);
	});
});

describe("alerts sent to a person on duty", () => {
	const alertAt = (ancestry: string[], addressees: string[] = []) => ({
		type: "alerts" as const,
		endpoints: [ancestry],
		addressees,
	});
	const operator = { ...commune("operator"), sub: "u-op" };

	it("lets whoever a delivery named read and acknowledge that alert, wherever it was raised", () => {
		for (const action of ["read", "acknowledge"] as const) {
			expect(can(operator, action, alertAt(NHATRANG, ["u-op"])), action).toBe(true);
			// On the province's roster for the night: the province's alert too.
			expect(can(operator, action, alertAt(KH, ["u-op"])), action).toBe(true);
			const it = { ...commune("it"), sub: "u-it" };
			expect(can(it, action, alertAt(KH)), action).toBe(false);
			expect(can(it, action, alertAt(KH, ["u-it"])), action).toBe(true);
		}
	});

	it("gives an operator no other alert, not even one of their own endpoint", () => {
		expect(can(operator, "read", alertAt(NHATRANG))).toBe(false);
		expect(can(operator, "acknowledge", alertAt(NHATRANG, ["u-someone-else"]))).toBe(false);
		expect(can({ ...operator, endpointId: "LD-XUANHUONG" }, "read", alertAt(XUANHUONG, ["u-op-kh"]))).toBe(false);
		// Named or not, a role that may not read alerts does not.
		expect(can({ ...commune("observer"), sub: "u-obs" }, "read", alertAt(NHATRANG, ["u-obs"]))).toBe(false);
		expect(can({ ...province("inspector"), sub: "u-ins" }, "acknowledge", alertAt(KH, ["u-ins"]))).toBe(false);
	});
});

describe("then the endpoint scope", () => {
	it("reaches everywhere from the central office, for every role", () => {
		for (const role of ROLES) expect(scopeReach(central(role)), role).toBe("everywhere");
		expect(reach(central("inspector"))).toEqual(Object.keys(ALL));
		expect(reach(central("observer"))).toEqual(Object.keys(ALL));
	});

	it("reaches the subtree under a provincial official's endpoint, not the province beside it nor above it", () => {
		for (const role of ["chair", "secretariat", "it", "inspector", "central"] as const) {
			expect(scopeReach(province(role)), role).toBe("subtree");
		}
		expect(reach(province("chair"))).toEqual(["KH", "NHATRANG", "PHANRANG"]);
		// A commune official with a subtree role reaches only the commune (nothing is under it).
		expect(reach(commune("secretariat"))).toEqual(["NHATRANG"]);
	});

	it("keeps operators and observers to their own endpoint, even at a province", () => {
		for (const role of ["operator", "observer"] as const) {
			expect(scopeReach(province(role)), role).toBe("own");
			expect(scopeReach(commune(role)), role).toBe("own");
		}
		expect(reach(province("operator"))).toEqual(["KH"]);
		expect(reach(commune("observer"))).toEqual(["NHATRANG"]);
	});

	it("allows a resource of several endpoints when any one of them is in reach", () => {
		const session = { type: "sessions" as const, endpoints: [XUANHUONG, NHATRANG] };
		expect(can(commune("operator"), "attend", session)).toBe(true);
		expect(can(province("chair"), "attend", session)).toBe(true);
		expect(can({ role: "chair", endpointId: "LD", endpointLevel: "province" }, "attend", session)).toBe(true);
		expect(can({ role: "chair", endpointId: "HN", endpointLevel: "province" }, "attend", session)).toBe(false);
		expect(can(province("operator"), "attend", session)).toBe(false);
		expect(can(commune("chair"), "attend", { type: "sessions", endpoints: [] })).toBe(false);
	});

	it("reads the ancestry, not the identifiers: a look-alike code elsewhere is not in the subtree", () => {
		expect(can(province("chair"), "read", { type: "cases", endpoints: [["KH-X", "KHX", "TW"]] })).toBe(false);
	});
});

it("requireCan refuses with FORBIDDEN naming the role or the scope", () => {
	expect(() => requireCan(commune("observer"), "write", { type: "cases" })).toThrow(
		new ForbiddenError("role observer may not write cases"),
	);
	expect(() => requireCan(province("chair"), "read", { type: "sessions", endpoints: [LD] })).toThrow(ForbiddenError);
	expect(() => requireCan(province("chair"), "read", { type: "sessions", endpoints: [KH] })).not.toThrow();
});

describe("a chair's rights over a session are personal; other roles act by their role", () => {
	const planned = { chairUserId: "u-chair", coChairUserIds: ["u-co"] };
	const delegated = { chairUserId: "u-deputy", delegation: { fromUserId: "u-chair" } };
	const as = (who: Who, sub: string) => ({ ...who, sub });
	const sessions = (session: typeof planned | typeof delegated) => ({ type: "sessions" as const, session });

	it("steps and concludes only the sessions a chair presides (chair or co-chair)", () => {
		for (const action of ["transition", "conclude"] as const) {
			expect(can(as(province("chair"), "u-chair"), action, sessions(planned)), action).toBe(true);
			expect(can(as(province("chair"), "u-co"), action, sessions(planned)), action).toBe(true);
			expect(can(as(province("chair"), "u-other"), action, sessions(planned)), action).toBe(false);
			expect(can(province("chair"), action, sessions(planned)), `${action} without sub`).toBe(false);
			expect(can(as(province("secretariat"), "u-sec"), action, sessions(planned)), action).toBe(true);
		}
		// The central office steps a session it does not preside, as the server lets it.
		expect(can(as(central("central"), "u-tw"), "transition", sessions(planned))).toBe(true);
	});

	it("delegates only the session planned for the chair, who also withdraws it; the secretariat does it for them", () => {
		expect(can(as(province("chair"), "u-chair"), "delegate", sessions(planned))).toBe(true);
		expect(can(as(province("chair"), "u-co"), "delegate", sessions(planned))).toBe(false);
		expect(can(as(province("chair"), "u-chair"), "delegate", sessions(delegated))).toBe(true);
		expect(can(as(province("chair"), "u-deputy"), "delegate", sessions(delegated))).toBe(false);
		expect(can(as(province("secretariat"), "u-sec"), "delegate", sessions(delegated))).toBe(true);
	});

	it("requireCan names the personal rule when the role alone would allow it", () => {
		expect(() => requireCan(as(province("chair"), "u-other"), "transition", sessions(planned))).toThrow(
			new ForbiddenError("role chair may transition only the sessions that are theirs (presided, or planned for them)"),
		);
	});
});
