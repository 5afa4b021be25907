import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { type Action, PERMISSIONS, type ResourceType } from "../../domain/permissions.js";
import { ROLES } from "../../domain/roles.js";

it("docs/authorization.md shows exactly the role matrix the server enforces", () => {
	const doc = readFileSync(new URL("../../docs/authorization.md", import.meta.url), "utf8");
	const rows = doc.split("\n").filter((l) => /^\| (?!resource )[a-z]+ · [a-z]+\s+\|/.test(l));
	const documented = Object.fromEntries(
		rows.map((row) => {
			const [key = "", ...cells] = row
				.split("|")
				.slice(1, -1)
				.map((c) => c.trim());
			return [key, ROLES.filter((_, i) => cells[i] === "✓")];
		}),
	);
	const enforced = Object.fromEntries(
		Object.entries(PERMISSIONS).flatMap(([resource, actions]) =>
			Object.entries(actions).map(([action, roles]) => [
				`${resource as ResourceType} · ${action as Action}`,
				ROLES.filter((r) => roles?.includes(r)),
			]),
		),
	);
	expect(documented).toEqual(enforced);
});
