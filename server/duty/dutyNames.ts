import type { DutyRole, Shift } from "../../domain/duty.js";

/** How printed documents, e-mails and feeds name shifts and roles (the app has its own texts). */
export const SHIFT_NAMES: Record<Shift, string> = {
	office: "Giờ hành chính",
	"after-hours": "Ngoài giờ",
	night: "Trực đêm",
};
export const ROLE_NAMES: Record<DutyRole, string> = {
	leader: "Lãnh đạo trực",
	reception: "Cán bộ tiếp dân",
	it: "Cán bộ CNTT",
	security: "Liên lạc công an",
};
