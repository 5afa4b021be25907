import {
	addDays,
	candidateDays,
	covers,
	type Day,
	DUTY_ROLES,
	type DutyGap,
	type DutyRole,
	daysBetween,
	findGaps,
	type ShiftSettings,
	shiftInterval,
} from "../../domain/duty.js";
import { ConflictError, ValidationError } from "../../domain/errors.js";
import type { AuditActor } from "../records/AuditLog.js";
import type { EndpointRecord } from "../records/models/Endpoint.js";
import type { Records } from "../records/Records.js";
import type { WriteOutcome } from "../records/RecordWriter.js";
import { RevisionStore } from "../records/RevisionStore.js";
import { ancestryOf } from "./ancestry.js";
import type {
	DutyPerson,
	DutySlotRecord,
	PeakPeriodRecord,
	ShiftSettingsRecord,
	SituationReportRecord,
} from "./models.js";

/** Who is on duty at an endpoint now: each role's people, from the nearest endpoint up that has them. */
export interface OnDuty {
	endpointId: string;
	at: string;
	roles: { role: DutyRole; endpointId: string; person: DutyPerson; shift: string; day: Day }[];
}

const personKey = (p: DutyPerson) => p.userId ?? p.phone.replace(/\D/g, "");

/** Peak periods, rosters and situation reports: the duty records and their rules (docs/duty.md). */
export class DutyRoster {
	readonly periods: RevisionStore<PeakPeriodRecord>;
	readonly slots: RevisionStore<DutySlotRecord>;
	readonly reports: RevisionStore<SituationReportRecord>;
	/** Each province's shifts (and the central office's); `defaults` where none is set. */
	readonly shiftSettings: RevisionStore<ShiftSettingsRecord>;
	readonly defaults: ShiftSettings;
	readonly #records: Records;

	constructor(records: Records, defaults: ShiftSettings) {
		this.#records = records;
		this.defaults = defaults;
		this.shiftSettings = new RevisionStore(records.models, "ShiftSettings", records.writer);
		this.periods = new RevisionStore(records.models, "PeakPeriod", records.writer);
		this.slots = new RevisionStore(records.models, "DutySlot", records.writer);
		this.reports = new RevisionStore(records.models, "SituationReport", records.writer);
	}

	/** The shifts in force at an endpoint: its own settings, else the nearest above it, else the defaults. */
	async settingsFor(endpointId: string): Promise<{ source: string | null; settings: ShiftSettings }> {
		const chain = ancestryOf(await this.#records.endpoints.current(endpointId));
		const set = await this.shiftSettings.find({ endpointId: { $in: chain } });
		const nearest = chain.map((id) => set.find((s) => s.endpointId === id)).find((s) => s !== undefined);
		if (!nearest) return { source: null, settings: this.defaults };
		const { hours, required, requiredInPeak } = nearest;
		return { source: nearest.endpointId, settings: { hours, required, requiredInPeak } };
	}

	/** Sets an endpoint's shifts: a revision of its settings, or their first one. */
	async setSettings(endpoint: EndpointRecord, settings: ShiftSettings, actor: AuditActor): Promise<WriteOutcome> {
		const entityId = `shift-settings-${endpoint.entityId}`;
		const [current] = await this.shiftSettings.find({ entityId });
		if (current) return this.shiftSettings.revise(entityId, { ...settings }, { kind: "update" }, actor);
		const scopeEndpointIds = [endpoint.entityId, ...endpoint.ancestors];
		return this.shiftSettings.create(
			{ ...settings, endpointId: endpoint.entityId, scopeEndpointIds },
			actor,
			undefined,
			entityId,
		);
	}

	/** Each endpoint's settings, read once per endpoint. */
	async #settingsOf(endpointIds: Iterable<string>): Promise<Map<string, ShiftSettings>> {
		const map = new Map<string, ShiftSettings>();
		for (const id of new Set(endpointIds)) map.set(id, (await this.settingsFor(id)).settings);
		return map;
	}

	/** Periods whose subtree holds the endpoint and whose days include `day`. */
	async periodsCovering(endpointId: string, day: Day): Promise<PeakPeriodRecord[]> {
		const endpoint = await this.#records.endpoints.current(endpointId);
		return this.periods.find({ endpointId: { $in: ancestryOf(endpoint) }, from: { $lte: day }, to: { $gte: day } });
	}

	/** A new slot: inside the period and its subtree, nobody on two shifts at once, a correction once published. */
	async addSlot(
		period: PeakPeriodRecord,
		input: { endpointId: string; day: Day; shift: DutySlotRecord["shift"]; role: DutyRole; person: DutyPerson },
		correction: { reason: string } | undefined,
		actor: AuditActor,
	): Promise<WriteOutcome> {
		if (input.day < period.from || input.day > period.to) {
			throw new ValidationError(`the shift's day ${input.day} is outside the period ${period.from}–${period.to}`, [
				{ path: "body.day", message: "outside the peak period" },
			]);
		}
		const endpoint = await this.#records.endpoints.current(input.endpointId);
		if (!ancestryOf(endpoint).includes(period.endpointId)) {
			throw new ValidationError(`endpoint ${input.endpointId} is outside the period's units`, [
				{ path: "body.endpointId", message: "outside the peak period's units" },
			]);
		}
		this.#requireCorrectionOncePublished(period, input.endpointId, correction);
		await this.#requireFree(input, null);
		const outcome = await this.slots.create({ ...input, voided: false, scopeEndpointIds: [input.endpointId] }, actor);
		return correction
			? this.slots.revise(
					outcome.document.entityId as string,
					{},
					{ kind: "correction", reason: correction.reason },
					actor,
				)
			: outcome;
	}

	/** A swap (another person) or the slot taken off the roster. */
	async changeSlot(
		slot: DutySlotRecord,
		period: PeakPeriodRecord,
		change: { person?: DutyPerson; voided?: true },
		correction: { reason: string } | undefined,
		actor: AuditActor,
	): Promise<WriteOutcome> {
		this.#requireCorrectionOncePublished(period, slot.endpointId, correction);
		if (change.person) await this.#requireFree({ ...slot, person: change.person }, slot.entityId);
		return this.slots.revise(
			slot.entityId,
			{ ...(change.person ? { person: change.person } : {}), ...(change.voided ? { voided: true } : {}) },
			correction ? { kind: "correction", reason: correction.reason } : { kind: "update" },
			actor,
		);
	}

	/** The period of a slot (the one covering its endpoint and day). */
	async periodOf(slot: DutySlotRecord): Promise<PeakPeriodRecord> {
		const [period] = await this.periodsCovering(slot.endpointId, slot.day);
		if (!period) throw new ConflictError(`no peak period covers ${slot.endpointId} on ${slot.day}`);
		return period;
	}

	/** Current slots of these endpoints over some days. */
	slotsOf(endpointIds: readonly string[], from: Day, to: Day): Promise<DutySlotRecord[]> {
		return this.slots.find(
			{ endpointId: { $in: [...endpointIds] }, day: { $gte: from, $lte: to }, voided: false },
			{ day: 1 },
		);
	}

	/** Shifts of the period at these endpoints lacking roles a peak period requires. */
	async gaps(period: PeakPeriodRecord, endpointIds: readonly string[]): Promise<DutyGap[]> {
		const slots = (await this.slotsOf(endpointIds, period.from, period.to)).map((s) => ({
			...s,
			userId: personKey(s.person),
		}));
		const days = daysBetween(period.from, period.to);
		const settings = await this.#settingsOf(endpointIds);
		return endpointIds.flatMap((id) => findGaps([id], days, slots, (settings.get(id) ?? this.defaults).requiredInPeak));
	}

	/** Who is on duty at `at` for the endpoint: per role, the nearest endpoint up the hierarchy that has someone. */
	async onDuty(endpointId: string, at: Date): Promise<OnDuty> {
		const endpoint = await this.#records.endpoints.current(endpointId);
		const chain = ancestryOf(endpoint);
		const days = candidateDays(at);
		const settings = await this.#settingsOf(chain);
		const slots = (await this.slotsOf(chain, days[0] as Day, days[1] as Day)).filter((s) =>
			covers(s, at, settings.get(s.endpointId) ?? this.defaults),
		);
		const roles: OnDuty["roles"] = [];
		for (const role of DUTY_ROLES) {
			const nearest = chain.find((id) => slots.some((s) => s.endpointId === id && s.role === role));
			for (const s of slots.filter((x) => x.endpointId === nearest && x.role === role)) {
				roles.push({ role, endpointId: s.endpointId, person: s.person, shift: s.shift, day: s.day });
			}
		}
		return { endpointId, at: at.toISOString(), roles };
	}

	#requireCorrectionOncePublished(period: PeakPeriodRecord, endpointId: string, correction: unknown): void {
		if (period.publishedEndpointIds.includes(endpointId) && !correction) {
			throw new ConflictError("this roster is published: a change is a correction with its reason");
		}
	}

	/** Nobody on two shifts at once (the same person at any endpoint). */
	async #requireFree(
		slot: Pick<DutySlotRecord, "endpointId" | "day" | "shift" | "person">,
		exceptEntityId: string | null,
	): Promise<void> {
		const key = personKey(slot.person);
		const near = await this.slots.find({
			day: { $in: [addDays(slot.day, -1), slot.day, addDays(slot.day, 1)] },
			voided: false,
		});
		const settings = await this.#settingsOf([slot.endpointId, ...near.map((s) => s.endpointId)]);
		const at = (s: Pick<DutySlotRecord, "endpointId" | "day" | "shift">) =>
			shiftInterval(s.day, s.shift, settings.get(s.endpointId) ?? this.defaults);
		const mine = at(slot);
		const clash = near.find((s) => {
			if (s.entityId === exceptEntityId || personKey(s.person) !== key) return false;
			const theirs = at(s);
			return mine.start < theirs.end && theirs.start < mine.end;
		});
		if (clash) {
			const message = `${slot.person.name} is already on duty then (${clash.endpointId}, ${clash.day}, ${clash.shift})`;
			throw new ValidationError(message, [{ path: "body.person", message }]);
		}
	}
}
