import { expect, it } from "vitest";
import { en } from "../../client/src/i18n/en.js";
import { vi } from "../../client/src/i18n/vi.js";
import { ERROR_CATALOGUE } from "../../domain/errors.js";

it("the app words every catalogued error code in Vietnamese and English", () => {
	const keys = Object.values(ERROR_CATALOGUE).map((spec) => spec.i18nKey);
	expect(keys.filter((k) => !(k in vi))).toEqual([]);
	expect(keys.filter((k) => !(k in en))).toEqual([]);
});
