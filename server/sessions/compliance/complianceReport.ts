import type { Scope } from "../../../domain/Scope.js";
import type { ComplianceSettings, PeriodicDuty } from "../../../domain/sessions.js";
import { localDay } from "../../documents/vietnameseDate.js";
import type { ReceptionSessionRecord } from "../../records/models/ReceptionSession.js";
import type { Records } from "../../records/Records.js";
import { periodsBetween } from "./periods.js";

/** Statuses of a session that took place. */
const HELD = ["ended", "concluded"];

export interface ComplianceRow {
	endpointId: string;
	endpointName: string;
	level: PeriodicDuty["level"];
	leader: { id: string; name: string; positionTitle?: string };
	period: { label: string; from: Date; to: Date };
	required: number;
	/** Days with a periodic reception the leader presided (or delegated, when that counts). */
	held: number;
	/** `missed`: the period is over with fewer days than required; `open`: it is still running. */
	status: "held" | "missed" | "open";
	sessions: { id: string; title: string; at: Date; delegatedTo?: string }[];
	basis: string;
	verified: boolean;
}

/**
 * For each unit in scope whose head owes periodic receptions (province: per month, commune: per
 * week, as configured), whether the head held them in each period between `from` and `to`.
 */
export async function complianceReport(
	records: Records,
	scope: Scope,
	settings: ComplianceSettings,
	from: Date,
	to: Date,
	now: Date,
): Promise<ComplianceRow[]> {
	const rows: ComplianceRow[] = [];
	const heads = await records.users.find({ role: "chair", leadership: "head", disabled: { $ne: true } });
	const levels = settings.duties.map((d) => d.level);
	const units = (await records.endpoints.find({ level: { $in: levels }, active: true }, { code: 1 })).filter((e) =>
		scope.covers([e.entityId]),
	);
	const sessions = await records.sessions.find({
		kind: "periodic",
		status: { $in: HELD },
		hostEndpointId: { $in: units.map((u) => u.entityId) },
		plannedStart: { $lt: to },
	});
	const heldAt = (s: ReceptionSessionRecord) => s.liveAt ?? s.plannedStart;
	for (const unit of units) {
		const duty = settings.duties.find((d) => d.level === unit.level);
		if (!duty) continue;
		for (const head of heads.filter((u) => u.endpointIds.includes(unit.entityId))) {
			const theirs = sessions.filter(
				(s) =>
					s.hostEndpointId === unit.entityId &&
					(s.chairUserId === head.entityId || (settings.countDelegated && s.delegation?.fromUserId === head.entityId)),
			);
			for (const period of periodsBetween(duty.period, from, to)) {
				const within = theirs.filter((s) => heldAt(s) >= period.from && heldAt(s) < period.to);
				const held = new Set(within.map((s) => localDay(heldAt(s)))).size;
				rows.push({
					endpointId: unit.entityId,
					endpointName: unit.name,
					level: duty.level,
					leader: {
						id: head.entityId,
						name: head.name,
						...(head.positionTitle ? { positionTitle: head.positionTitle } : {}),
					},
					period,
					required: duty.days,
					held,
					status: held >= duty.days ? "held" : period.to > now ? "open" : "missed",
					sessions: within.map((s) => ({
						id: s.entityId,
						title: s.title,
						at: heldAt(s),
						...(s.chairUserId !== head.entityId ? { delegatedTo: s.chairUserId } : {}),
					})),
					basis: duty.basis,
					verified: duty.verified,
				});
			}
		}
	}
	return rows;
}
