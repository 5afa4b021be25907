import { expect, it } from "vitest";
import { sessionsVi } from "../../client/src/i18n/sessions.js";
import { vi } from "../../client/src/i18n/vi.js";
import { HANDLING_DIRECTIONS } from "../../domain/vocabulary.js";
import { HANDLING_DIRECTION_VI } from "../../domain/wording.js";

it("words every handling direction the same on screen and on the printed notice", () => {
	for (const d of HANDLING_DIRECTIONS) {
		expect(vi[`direction_${d}`]).toBe(HANDLING_DIRECTION_VI[d]);
		expect(sessionsVi[`direction_${d}`]).toBe(HANDLING_DIRECTION_VI[d]);
	}
});
