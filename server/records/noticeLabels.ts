import type { CaseRecord } from "./models/Case.js";
import type { HandlingDirection } from "./models/Outcome.js";
import type { ReceptionSessionRecord } from "./models/ReceptionSession.js";

/** The Vietnamese wording the conclusion notice uses for each stored code. */
export const DIRECTION_LABELS: Record<HandlingDirection, string> = {
	accept: "Thụ lý giải quyết",
	guide: "Hướng dẫn công dân đến cơ quan có thẩm quyền",
	forward: "Chuyển đơn đến cơ quan có thẩm quyền",
	urge: "Đôn đốc cấp dưới giải quyết vụ việc đã quá hạn",
	"explain-and-close": "Giải thích, yêu cầu công dân chấm dứt (vụ việc đã được giải quyết đúng pháp luật)",
	"refer-to-police": "Chuyển cơ quan công an, viện kiểm sát (có dấu hiệu tội phạm)",
	refuse: "Từ chối tiếp công dân (có thông báo bằng văn bản)",
	appointment: "Hẹn gặp người đứng đầu",
	"propose-suspension": "Kiến nghị tạm đình chỉ việc thi hành quyết định",
	"returned-to-locality": "Công dân thống nhất trở về địa phương",
};

export const SESSION_KIND_LABELS: Record<ReceptionSessionRecord["kind"], string> = {
	regular: "thường xuyên",
	periodic: "định kỳ",
	unscheduled: "đột xuất",
};

export const CONTENT_TYPE_LABELS: Record<CaseRecord["contentType"], string> = {
	complaint: "Khiếu nại",
	denunciation: "Tố cáo",
	petition: "Kiến nghị, phản ánh",
	mixed: "Khiếu nại, tố cáo, kiến nghị, phản ánh",
};

const dateTime = new Intl.DateTimeFormat("vi-VN", {
	timeZone: "Asia/Ho_Chi_Minh",
	hour: "2-digit",
	minute: "2-digit",
	day: "2-digit",
	month: "2-digit",
	year: "numeric",
	hour12: false,
});
const dateOnly = new Intl.DateTimeFormat("vi-VN", {
	timeZone: "Asia/Ho_Chi_Minh",
	day: "2-digit",
	month: "2-digit",
	year: "numeric",
});

/** Vietnam's time, as an official document writes it: "08:30 28/11/2026". */
export function formatDateTime(d: Date): string {
	return dateTime.format(d).replace(",", "");
}

export function formatDate(d: Date): string {
	return dateOnly.format(d);
}
