import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { GRANTS } from "../../domain/grants.js";

it("docs/authorization.md shows exactly the grant matrix the server enforces", () => {
	const doc = readFileSync(new URL("../../docs/authorization.md", import.meta.url), "utf8");
	const section = doc.slice(doc.indexOf("## Grant matrix"), doc.indexOf("## Routes"));
	const rows = section.split("\n").filter((l) => /^\| `[a-z]+`/.test(l));
	const documented = Object.fromEntries(
		rows.map((row) => {
			const [granter = "", roles = ""] = row
				.split("|")
				.slice(1, -1)
				.map((c) => c.trim());
			return [granter.replaceAll("`", ""), roles === "—" ? [] : roles.split(", ")];
		}),
	);
	expect(documented).toEqual(Object.fromEntries(Object.entries(GRANTS).map(([k, v]) => [k, [...v]])));
});
