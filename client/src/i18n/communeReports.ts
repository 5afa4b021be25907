/** Texts of communes' daily situation reports, asked by their province (duty page). */
export const communeReportsVi = {
	communeReports: "Báo cáo hằng ngày của cấp xã",
	communeReportsAll: "Tất cả các xã của tỉnh",
	communeReportsAsk: "Yêu cầu các xã báo cáo",
	communeReportsAsked: "Đã gửi yêu cầu các xã báo cáo hằng ngày.",
	communeReportsCurrent: "Đang yêu cầu {communes} báo cáo hằng ngày từ {from} đến {to}.",
	communeReportsNone: "Tỉnh chưa yêu cầu xã nào báo cáo hằng ngày trong đợt này.",
	communeReportsNotAsked: "Tỉnh chưa yêu cầu xã báo cáo hằng ngày cho ngày này.",
	communeReportsAskedOfYou: "{province} yêu cầu xã báo cáo hằng ngày từ {from} đến {to}.",
	communeReportsMissing: "Xã chưa gửi báo cáo",
	communeReportsNoneMissing: "Các xã được yêu cầu đã gửi đủ.",
	communeReportsTakeIn: "Đưa tình hình các xã vào báo cáo",
} as const;

export const communeReportsEn: Record<keyof typeof communeReportsVi, string> = {
	communeReports: "Communes' daily reports",
	communeReportsAll: "Every commune of the province",
	communeReportsAsk: "Ask the communes to report",
	communeReportsAsked: "The communes were asked for daily reports.",
	communeReportsCurrent: "{communes} asked for daily reports from {from} to {to}.",
	communeReportsNone: "The province has not asked any commune for daily reports in this period.",
	communeReportsNotAsked: "The province has not asked this commune for a daily report on this day.",
	communeReportsAskedOfYou: "{province} asks for daily reports from {from} to {to}.",
	communeReportsMissing: "Communes that have not reported",
	communeReportsNoneMissing: "Every commune asked has reported.",
	communeReportsTakeIn: "Take the communes' reports into this report",
};
