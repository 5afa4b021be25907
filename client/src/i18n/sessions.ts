import { HANDLING_DIRECTION_VI } from "../../../domain/wording.js";

/**
 * Texts of the sessions module: scheduling, calendar, archive, compliance, the conclusion notice.
 * Handling directions read exactly as the printed notice does (domain/wording.ts).
 */
export const sessionsVi = {
	direction_accept: HANDLING_DIRECTION_VI.accept,
	direction_guide: HANDLING_DIRECTION_VI.guide,
	direction_forward: HANDLING_DIRECTION_VI.forward,
	direction_urge: HANDLING_DIRECTION_VI.urge,
	"direction_explain-and-close": HANDLING_DIRECTION_VI["explain-and-close"],
	"direction_refer-to-police": HANDLING_DIRECTION_VI["refer-to-police"],
	direction_refuse: HANDLING_DIRECTION_VI.refuse,
	direction_appointment: HANDLING_DIRECTION_VI.appointment,
	"direction_propose-suspension": HANDLING_DIRECTION_VI["propose-suspension"],
	"direction_returned-to-locality": HANDLING_DIRECTION_VI["returned-to-locality"],
	error_NOTICE_FROZEN: "Thông báo kết luận đã ban hành: chỉ thay đổi được bằng đính chính (ban hành bản mới).",
	noticeRecipients: "Nơi nhận thêm (mỗi dòng một nơi; Trung ương, cơ quan được giao và công dân đã có sẵn)",
	noticeOtherParticipants: "Đại diện cơ quan dự họp (mỗi dòng một người)",
	noticeVersions: "Thông báo đã ban hành",
	noticeVersion: "Bản {version}: số {number}, ngày {date}",
	noticeReplaces: "đính chính bản {version}: {reason}",
	noticeSha: "Mã SHA-256",
	noticeCorrect: "Đính chính thông báo",
	noticeCorrectionReason: "Lý do đính chính",
	noticeCorrectionHint: "Chọn vụ việc và ghi lại kết luận, nhiệm vụ đúng; bản mới sẽ thay thế bản đang có hiệu lực.",
	noticeCorrectionSubmit: "Ban hành bản đính chính",
	noticeIssued: "Đã ban hành bản {version}.",
} as const;

export const sessionsEn: Record<keyof typeof sessionsVi, string> = {
	direction_accept: "Accept for handling",
	direction_guide: "Guide the citizens to the competent authority",
	direction_forward: "Forward the petition to the competent authority",
	direction_urge: "Urge the lower level whose deadline has passed",
	"direction_explain-and-close": "Explain and ask the citizens to comply with the lawful resolution",
	"direction_refer-to-police": "Refer to police or procuracy (signs of a crime)",
	direction_refuse: "Refuse reception (notified in writing)",
	direction_appointment: "Appointment with the head",
	"direction_propose-suspension": "Propose suspending the decision's execution",
	"direction_returned-to-locality": "Citizens agreed to return to their locality",
	error_NOTICE_FROZEN: "The conclusion notice is issued: it changes only through a correction (a new version).",
	noticeRecipients:
		"Further recipients (one per line; the central office, agencies with tasks and citizens are included)",
	noticeOtherParticipants: "Agency representatives present (one per line)",
	noticeVersions: "Issued notices",
	noticeVersion: "Version {version}: no. {number}, {date}",
	noticeReplaces: "corrects version {version}: {reason}",
	noticeSha: "SHA-256",
	noticeCorrect: "Correct the notice",
	noticeCorrectionReason: "Reason for the correction",
	noticeCorrectionHint:
		"Pick the case and record the right conclusion and tasks; the new version replaces the one in force.",
	noticeCorrectionSubmit: "Issue the correction",
	noticeIssued: "Version {version} issued.",
};
