import { expect, it } from "vitest";
import { z } from "zod";
import { errorText } from "../../client/src/errorText.js";
import { translator } from "../../client/src/i18n/index.js";
import { toIssues } from "../../domain/issues.js";

const vi = { language: "vi" as const, t: translator("vi") };
const en = { language: "en" as const, t: translator("en") };

it("words a refused form by its fields' names and bounds, never the server's English", () => {
	const refused = {
		code: "VALIDATION_ERROR",
		message: "invalid body: body.conclusion: Too big: expected string to have <=10000 characters",
		issues: [
			{
				path: "body.assignments.0.deadline",
				message: "before the session",
				code: "too_early",
				limit: "2026-12-01T17:00:00.000Z",
			},
			{ path: "body.conclusion", message: "Too big", code: "too_long", limit: 10_000 },
		],
	};
	expect(errorText(vi, refused)).toBe(
		"Yêu cầu không hợp lệ. Thời hạn: không được trước 02/12/2026; Kết luận: quá dài (tối đa 10.000 ký tự).",
	);
	expect(errorText(en, refused)).toBe(
		"The request is not valid. Deadline: must not be before 02/12/2026; Conclusion: is too long (at most 10,000 characters).",
	);
	expect(errorText(vi, { code: "SOMETHING_NEW", message: "a open session cannot become open" })).toBe(
		"Lỗi hệ thống. Vui lòng thử lại.",
	);
	expect(errorText(vi, new TypeError("Failed to fetch"))).toMatch(/^Không kết nối được máy chủ/);
});

it("maps zod's issues to the catalogue's codes, with the field's path and the bound", () => {
	const schema = z.strictObject({
		title: z.string().min(3),
		recipients: z.array(z.string()).max(2),
		plannedStart: z.coerce.date().min(new Date("2026-01-01T00:00:00Z")),
		direction: z.enum(["guide", "accept"]),
		chair: z.string(),
	});
	const input = { title: "x", recipients: ["a", "b", "c"], plannedStart: "2020-01-01", direction: "x", extra: 1 };
	const parsed = schema.safeParse(input);
	if (parsed.success) throw new Error("should be refused");
	expect(toIssues(parsed.error, input, "body").map(({ path, code, limit }) => ({ path, code, limit }))).toEqual([
		{ path: "body.title", code: "too_short", limit: 3 },
		{ path: "body.recipients", code: "too_many", limit: 2 },
		{ path: "body.plannedStart", code: "too_early", limit: "2026-01-01T00:00:00.000Z" },
		{ path: "body.direction", code: "invalid_value", limit: undefined },
		{ path: "body.chair", code: "required", limit: undefined },
		{ path: "body", code: "unrecognized_keys", limit: undefined },
	]);
});
