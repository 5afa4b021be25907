/** Texts of the alert model's screens (the IT dashboard, readiness boards). */
export const alertsVi = {
	"alert_offline-before-session": '{endpoint} đang mất kết nối; phiên "{session}" bắt đầu lúc {time}',
	"alert_failing-during-session": "{endpoint} truyền lỗi trong phiên: {reasons}",
	"alert_task-deadline_three-days-before":
		"{endpoint}: nhiệm vụ giao {agency} (vụ việc số {number}) đến hạn ngày {time}, còn 3 ngày",
	"alert_task-deadline_on-deadline":
		"{endpoint}: nhiệm vụ giao {agency} (vụ việc số {number}) đến hạn hôm nay ({time})",
	"alert_session-requested": '{endpoint}: Trung ương đề nghị phiên tiếp "{session}" lúc {time} ({reason})',
	alertSeverity_warning: "Cảnh báo",
	alertSeverity_critical: "Nghiêm trọng",
	alertCount: "{count} lần, gần nhất lúc {time}",
	alertFirstAt: "từ {time}",
	alertAcknowledge: "Tiếp nhận",
	alertAcknowledged: "{name} đã tiếp nhận lúc {time}",
	"alertCleared_condition-ended": "Đã trở lại bình thường lúc {time}",
	"alertCleared_session-ended": "Đã xong vì phiên kết thúc lúc {time}",
	alertsNone: "Không có cảnh báo nào đang mở.",
	alertsRecentlyCleared: "Đã hết gần đây",
	alertSessionless: "Ngoài phiên tiếp",
	alertsToMe: "Cảnh báo gửi tôi khi trực",
	alertsToMeNone: "Không có cảnh báo nào gửi tới bạn khi trực.",
} as const;

export const alertsEn: Record<keyof typeof alertsVi, string> = {
	"alert_offline-before-session": '{endpoint} is offline; session "{session}" starts at {time}',
	"alert_failing-during-session": "{endpoint} is failing during the session: {reasons}",
	"alert_task-deadline_three-days-before":
		"{endpoint}: the task given to {agency} (case {number}) is due on {time}, in 3 days",
	"alert_task-deadline_on-deadline": "{endpoint}: the task given to {agency} (case {number}) is due today ({time})",
	"alert_session-requested": '{endpoint}: the central office asks for the session "{session}" at {time} ({reason})',
	alertSeverity_warning: "Warning",
	alertSeverity_critical: "Critical",
	alertCount: "{count} times, last at {time}",
	alertFirstAt: "since {time}",
	alertAcknowledge: "Take in hand",
	alertAcknowledged: "{name} took it in hand at {time}",
	"alertCleared_condition-ended": "Back to normal at {time}",
	"alertCleared_session-ended": "Closed as the session ended at {time}",
	alertsNone: "No open alerts.",
	alertsRecentlyCleared: "Recently cleared",
	alertSessionless: "Outside a session",
	alertsToMe: "Alerts sent to me on duty",
	alertsToMeNone: "No alert was sent to you on duty.",
};
