import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import {
	HANDSHAKE_ERROR_CODES,
	NOTIFICATION_NAMES,
	REQUEST_ERROR_CODES,
	REQUEST_NAMES,
} from "../../signaling/protocol.js";

it("docs/protocol.md documents every request, notification and error code of the protocol", async () => {
	const doc = await readFile(new URL("../../docs/protocol.md", import.meta.url), "utf8");
	const documented = new Set([...doc.matchAll(/^\| `(\w+)`/gm)].map((m) => m[1]));
	for (const name of [...REQUEST_NAMES, ...NOTIFICATION_NAMES, ...REQUEST_ERROR_CODES, ...HANDSHAKE_ERROR_CODES]) {
		expect(documented, name).toContain(name);
	}
});
