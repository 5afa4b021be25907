import type { CASE_CONTENT_TYPES, HANDLING_DIRECTIONS, SESSION_KINDS } from "./vocabulary.js";

/**
 * The Vietnamese wording of each stored code: one vocabulary for the app's screens (client/src/i18n)
 * and printed documents (the conclusion notice), so the two never say different things.
 */
export const HANDLING_DIRECTION_VI = {
	accept: "Thụ lý giải quyết",
	guide: "Hướng dẫn công dân đến cơ quan có thẩm quyền giải quyết",
	forward: "Chuyển đơn đến cơ quan có thẩm quyền giải quyết",
	urge: "Đôn đốc cấp dưới giải quyết vụ việc đã quá thời hạn",
	"explain-and-close": "Giải thích, yêu cầu công dân chấp hành vụ việc đã được giải quyết đúng pháp luật",
	"refer-to-police": "Chuyển cơ quan công an, viện kiểm sát (có dấu hiệu tội phạm)",
	refuse: "Từ chối tiếp công dân (có thông báo bằng văn bản)",
	appointment: "Hẹn gặp người đứng đầu",
	"propose-suspension": "Kiến nghị tạm đình chỉ việc thi hành quyết định",
	"returned-to-locality": "Công dân thống nhất trở về địa phương",
} as const satisfies Record<(typeof HANDLING_DIRECTIONS)[number], string>;

/** As the notice's excerpt reads: "tại buổi tiếp công dân định kỳ (trực tuyến)". */
export const SESSION_KIND_VI = {
	regular: "thường xuyên",
	periodic: "định kỳ",
	unscheduled: "đột xuất",
} as const satisfies Record<(typeof SESSION_KINDS)[number], string>;

export const CONTENT_TYPE_VI = {
	complaint: "Khiếu nại",
	denunciation: "Tố cáo",
	petition: "Kiến nghị, phản ánh",
	mixed: "Khiếu nại, tố cáo, kiến nghị, phản ánh",
} as const satisfies Record<(typeof CASE_CONTENT_TYPES)[number], string>;
