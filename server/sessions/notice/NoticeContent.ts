import { fieldLabel } from "../../../domain/register.js";
import { sessionDay } from "../../../domain/sessionLifecycle.js";
import { NOTICE_ATTENDEE_ROLES } from "../../../domain/sessions.js";
import { CONTENT_TYPE_VI, HANDLING_DIRECTION_VI, SESSION_KIND_VI } from "../../../domain/wording.js";
import { type DocumentIssuer, type DocumentSignature, sentence } from "../../documents/OfficialDocument.js";
import { clock, longDate, shortDate } from "../../documents/vietnameseDate.js";
import { EndpointTree } from "../../records/EndpointTree.js";
import type { AttendanceEventRecord } from "../../records/models/AttendanceEvent.js";
import type { CaseRecord } from "../../records/models/Case.js";
import type { EndpointRecord } from "../../records/models/Endpoint.js";
import type { OutcomeRecord } from "../../records/models/Outcome.js";
import type { ReceptionSessionRecord } from "../../records/models/ReceptionSession.js";
import type { UserRecord } from "../../records/models/User.js";
import { summarisePresence } from "../../records/PresenceCalculator.js";
import type { Records } from "../../records/Records.js";
import type { NoticeCase, NoticeContent, NoticeDetails } from "./noticeShape.js";

export interface NoticeOptions {
	draft: boolean;
	date: Date;
	correction?: { replacesNumber: string; replacesDate: Date; replacesVersion: number; reason: string };
}

const leaderOf = (u: UserRecord | undefined, fallback: string) =>
	u ? `đồng chí ${u.name}${u.positionTitle ? `, ${u.positionTitle}` : ""}` : fallback;

/** "Chủ tịch UBND tỉnh Khánh Hòa" or, without a title, the name. */
const titleOf = (u: UserRecord | undefined, fallback: string) => u?.positionTitle ?? u?.name ?? fallback;

/** The province name of a place line: "Ban Tiếp công dân tỉnh Khánh Hòa" → "Khánh Hòa". */
function placeFrom(endpoint: EndpointRecord): string {
	return endpoint.documentHeader?.place ?? endpoint.name.replace(/^.*\b(tỉnh|thành phố|phường|xã)\s+/i, "");
}

/** Builds the notice from the session's record: joined in code (FerretDB v1 has no $lookup). */
export async function noticeContent(
	records: Records,
	session: ReceptionSessionRecord,
	details: NoticeDetails,
	options: NoticeOptions,
): Promise<NoticeContent> {
	const [endpoints, cases, outcomes, events, central] = await Promise.all([
		records.endpoints.find({ entityId: { $in: session.scopeEndpointIds } }),
		records.cases.find({ entityId: { $in: session.caseIds } }),
		records.outcomes.find({ sessionId: session.entityId }),
		records.models.AttendanceEvent.find({ sessionId: session.entityId })
			.sort({ at: 1, _id: 1 })
			.lean<AttendanceEventRecord[]>(),
		records.endpoints.find({ level: "central" }),
	]);
	const presence = summarisePresence(events, {
		endpointIds: session.scopeEndpointIds,
		userIds: [],
		endedAt: session.endedAt ?? null,
		now: options.date,
	});
	const coChairs = session.coChairUserIds ?? [];
	const delegator = session.delegation?.fromUserId;
	const userIds = [
		session.chairUserId,
		...coChairs,
		...(delegator ? [delegator] : []),
		...Object.keys(presence.byUser),
	];
	const users = new Map(
		(await records.users.find({ entityId: { $in: [...new Set(userIds)] } })).map((u) => [u.entityId, u]),
	);
	// Endpoints as they were named on the session's day: a commune renamed or merged since keeps its old name.
	const nameOn = await new EndpointTree(records.endpoints).namesOn(session.scopeEndpointIds);
	const endpointName = (id: string) => nameOn(id, sessionDay(session));
	const host = endpoints.find((e) => e.entityId === session.hostEndpointId);
	const hostName = host ? endpointName(host.entityId) : session.hostEndpointId;
	const header = host?.documentHeader ?? {};
	const chair = users.get(session.chairUserId);
	const chairTitle = titleOf(chair, "Chủ trì");
	const kind = SESSION_KIND_VI[session.kind];
	const from = session.liveAt ?? session.plannedStart;
	const to = session.endedAt ?? session.plannedEnd;

	const connected = session.participantEndpointIds.map(endpointName);
	const delegation = delegator ? ` (được ${titleOf(users.get(delegator), "người đứng đầu")} ủy quyền)` : "";
	const opening = [
		sentence(
			`${capitalise(longDate(from))}, từ ${clock(from)} đến ${clock(to)}, tại ${hostName}, ${leaderOf(chair, session.chairUserId)}${delegation} chủ trì buổi tiếp công dân ${kind} theo hình thức trực tuyến${connected.length > 0 ? `, kết nối với các điểm cầu: ${connected.join(", ")}` : ""}`,
		),
	];
	if (coChairs.length > 0) {
		opening.push(sentence(`Đồng chủ trì: ${coChairs.map((id) => leaderOf(users.get(id), id)).join("; ")}`));
	}
	const presiding = new Set([session.chairUserId, ...coChairs]);
	const attendees = Object.keys(presence.byUser)
		.map((id) => users.get(id))
		.filter((u): u is UserRecord => !!u && !presiding.has(u.entityId) && NOTICE_ATTENDEE_ROLES.includes(u.role))
		.map((u) => leaderOf(u, u.entityId) + (u.agency && !u.positionTitle?.includes(u.agency) ? ` (${u.agency})` : ""));
	// Named representatives as the issuer gave them; otherwise the invited agencies.
	const invited = (session.invitedAgencies ?? []).map((a) => a.name);
	const others = details.otherParticipants ?? (invited.length > 0 ? [`đại diện lãnh đạo ${invited.join(", ")}`] : []);
	const attending = [...attendees, ...others];
	if (attending.length > 0) opening.push(sentence(`Tham dự có: ${attending.join("; ")}`));

	const noticeCases = session.caseIds.flatMap((caseId, index) => {
		const c = cases.find((x) => x.entityId === caseId);
		return c
			? [
					caseSection(
						c,
						outcomes.find((o) => o.caseId === caseId),
						index + 1,
					),
				]
			: [];
	});
	const issuer: DocumentIssuer = {
		...(details.issuer ?? {
			...(header.parentAuthority ? { parentAuthority: header.parentAuthority } : {}),
			authority: header.authority ?? (host ? hostName : ""),
		}),
		number: details.number,
	};
	const signature: DocumentSignature = details.signature ?? {
		...(header.signer?.capacity ? { capacity: header.signer.capacity } : {}),
		position: header.signer?.position ?? chairTitle,
		name: header.signer?.name ?? chair?.name ?? "",
	};
	const tasks = tasksPerAgency(session, cases, outcomes);
	const citizens = cases.flatMap((c) =>
		(c.citizens.some((p) => p.isRepresentative) ? c.citizens.filter((p) => p.isRepresentative) : c.citizens).map(
			(p) => `Công dân ${p.fullName} (${p.address})`,
		),
	);
	const recipients = unique([
		...central.map((e) => e.name),
		...tasks.map((t) => t.agency),
		...citizens,
		...(details.recipients ?? []),
	]);
	const correction = options.correction;
	return {
		draft: options.draft,
		issuer,
		place: details.place ?? (host ? placeFrom({ ...host, name: hostName }) : ""),
		date: options.date.toISOString(),
		excerpt: `Kết luận của ${chairTitle} tại buổi tiếp công dân ${kind} (trực tuyến) ngày ${shortDate(from)}`,
		...(correction
			? {
					correction: sentence(
						`Thông báo này đính chính và thay thế Thông báo số ${correction.replacesNumber} ${longDate(correction.replacesDate)} (bản ${correction.replacesVersion})`,
						`lý do: ${correction.reason}`,
					),
				}
			: {}),
		opening,
		lead: `Sau khi nghe công dân trình bày, ý kiến của các cơ quan, đơn vị liên quan, ${chairTitle} kết luận như sau:`,
		cases: noticeCases,
		tasks,
		closing: `${[issuer.authority, issuer.parentAuthority].filter(Boolean).join(" ")} thông báo để các cơ quan, đơn vị và công dân biết, thực hiện./.`,
		signature,
		recipients,
	};
}

function caseSection(c: CaseRecord, outcome: OutcomeRecord | undefined, n: number): NoticeCase {
	const speakers = c.citizens.some((p) => p.isRepresentative)
		? c.citizens.filter((p) => p.isRepresentative)
		: c.citizens;
	const others = c.peopleCount - speakers.length;
	const paragraphs = [
		sentence(
			`Công dân: ${speakers.map((p) => `${p.fullName}${p.isRepresentative ? " (người đại diện)" : ""}, trú tại ${p.address}`).join("; ")}${others > 0 ? `; cùng ${others} người khác (tổng số ${c.peopleCount} người)` : ""}`,
		),
		sentence(`Nội dung: ${c.summary}`),
	];
	if (c.priorHandling.length > 0) {
		paragraphs.push(
			sentence(
				`Quá trình giải quyết: ${c.priorHandling
					.map((h) => `${h.agency} (cấp ${h.level}${h.date ? `, ${shortDate(h.date)}` : ""}): ${bare(h.result)}`)
					.join("; ")}`,
			),
		);
	}
	paragraphs.push(sentence(`Yêu cầu của công dân: ${c.request}`));
	if (outcome && outcome.agencyViews.length > 0) {
		paragraphs.push(
			sentence(`Ý kiến của các cơ quan: ${outcome.agencyViews.map((v) => `${v.agency}: ${bare(v.view)}`).join("; ")}`),
		);
	}
	paragraphs.push(
		outcome
			? `Kết luận: ${HANDLING_DIRECTION_VI[outcome.direction]}. ${sentence(outcome.conclusion)}`
			: "Kết luận: chưa có.",
	);
	return {
		heading: `1.${n}. Vụ việc số ${c.registerNumber}: ${CONTENT_TYPE_VI[c.contentType]}, lĩnh vực ${fieldLabel(c.field)}`,
		paragraphs,
	};
}

/** Every assignment of every case, gathered under its agency in the order agencies first appear. */
function tasksPerAgency(
	session: ReceptionSessionRecord,
	cases: CaseRecord[],
	outcomes: OutcomeRecord[],
): { agency: string; text: string }[] {
	const byAgency = new Map<string, string[]>();
	for (const caseId of session.caseIds) {
		const outcome = outcomes.find((o) => o.caseId === caseId);
		const c = cases.find((x) => x.entityId === caseId);
		for (const a of outcome?.assignments ?? []) {
			const list = byAgency.get(a.agency) ?? [];
			list.push(
				`${bare(a.task)}${c ? ` (vụ việc số ${c.registerNumber})` : ""}, thời hạn ${shortDate(a.deadline)}, báo cáo kết quả về ${bare(a.reportTo)}`,
			);
			byAgency.set(a.agency, list);
		}
	}
	return [...byAgency].map(([agency, items]) => ({ agency, text: sentence(`${agency}: ${items.join("; ")}`) }));
}

const bare = (s: string) => s.trim().replace(/[.;,:]+$/, "");
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const unique = (items: string[]) => [...new Set(items.map((i) => i.trim()).filter(Boolean))];
