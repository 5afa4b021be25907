import type { Alert } from "../../domain/alerts.js";

/** How an alert kind reads in an e-mail (Vietnamese first: the officer on duty reads it at night). */
const SUBJECTS: Record<string, string> = {
	"offline-before-session": "Điểm cầu mất kết nối trước phiên tiếp",
	"failing-during-session": "Điểm cầu gặp sự cố trong phiên tiếp",
	"watch-review-overdue": "Quá hạn rà soát vụ việc theo dõi điểm nóng",
	"critical-unprepared": "Vụ việc nguy cơ rất cao sắp đến nơi, chưa cử tổ công tác hay tổ chức đối thoại",
	"group-past-deadline": "Tổ công tác quá hạn, công dân chưa trở về địa phương",
	"task-deadline": "Nhiệm vụ giao cơ quan sắp đến hạn",
	"session-requested": "Trụ sở Tiếp công dân Trung ương đề nghị phiên tiếp công dân trực tuyến",
};

const vnTime = (iso: string) =>
	new Intl.DateTimeFormat("vi-VN", {
		timeZone: "Asia/Ho_Chi_Minh",
		dateStyle: "short",
		timeStyle: "short",
		hourCycle: "h23",
	}).format(new Date(iso));

/** The e-mail of one alert to the person on duty; an escalation says nobody acknowledged it yet. */
export function alertMail(alert: Alert, endpointName: string, escalated: boolean): { subject: string; text: string } {
	const what = SUBJECTS[alert.kind] ?? `Cảnh báo: ${alert.kind}`;
	const subject = `${escalated ? "[CHUYỂN CẤP] " : ""}${what} — ${endpointName}`;
	const text = [
		`${what}.`,
		`Điểm cầu: ${endpointName} (${alert.endpointId})`,
		`Lần đầu: ${vnTime(alert.firstAt)}; số lần: ${alert.count}`,
		...(escalated ? ["Chưa ai xác nhận đã nhận cảnh báo này trong thời gian quy định."] : []),
		"Xác nhận đã nhận trên trang Cảnh báo của hệ thống Tiếp công dân trực tuyến.",
	].join("\n");
	return { subject, text };
}
