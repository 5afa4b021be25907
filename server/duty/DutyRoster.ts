import {
	addDays,
	candidateDays,
	covers,
	type Day,
	DUTY_ROLES,
	type DutyGap,
	type DutyRole,
	type DutyUnit,
	daysBetween,
	findGaps,
	type Shift,
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
	DutyPublicationRecord,
	DutySlotRecord,
	PeakPeriodRecord,
	ShiftSettingsRecord,
	SituationReportRecord,
} from "./models.js";

type OnDutyRole = { role: DutyRole; endpointId: string; person: DutyPerson; shift: string; day: Day };

/**
 * Who is on duty at an endpoint now: each role's people at its own reception point, from the nearest
 * endpoint up that has them; and the people on duty at each of its agencies that keeps a roster.
 */
export interface OnDuty {
	endpointId: string;
	at: string;
	roles: OnDutyRole[];
	agencies: { agencyId: string; agencyName: string; roles: OnDutyRole[] }[];
}

/** What a new slot names: one person, one shift of one day, one endpoint or one of its agencies. */
export type SlotInput = DutyUnit & { day: Day; shift: Shift; role: DutyRole; person: DutyPerson };

const personKey = (p: DutyPerson) => p.userId ?? p.phone.replace(/\D/g, "");

/** Peak periods, rosters and situation reports: the duty records and their rules (docs/duty.md). */
export class DutyRoster {
	readonly periods: RevisionStore<PeakPeriodRecord>;
	readonly slots: RevisionStore<DutySlotRecord>;
	readonly reports: RevisionStore<SituationReportRecord>;
	/** Ordinary rosters published over some days (a period's are on the period). */
	readonly publications: RevisionStore<DutyPublicationRecord>;
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
		this.publications = new RevisionStore(records.models, "DutyPublication", records.writer);
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

	/**
	 * A new slot: nobody on two shifts at once, a correction once published. Named under a period, its
	 * day must lie in the period and its endpoint in the period's subtree; without one, any day.
	 */
	async addSlot(
		period: PeakPeriodRecord | null,
		input: SlotInput,
		correction: { reason: string } | undefined,
		actor: AuditActor,
	): Promise<WriteOutcome> {
		if (period && (input.day < period.from || input.day > period.to)) {
			throw new ValidationError(`the shift's day ${input.day} is outside the period ${period.from}–${period.to}`, [
				{ path: "body.day", message: "outside the peak period" },
			]);
		}
		const endpoint = await this.#records.endpoints.current(input.endpointId);
		if (period && !ancestryOf(endpoint).includes(period.endpointId)) {
			throw new ValidationError(`endpoint ${input.endpointId} is outside the period's units`, [
				{ path: "body.endpointId", message: "outside the peak period's units" },
			]);
		}
		await this.#requireCorrectionOncePublished(input.endpointId, input.day, correction);
		await this.#requireFree(input, null);
		const { agencyId, ...rest } = input;
		const outcome = await this.slots.create(
			{ ...rest, ...(agencyId ? { agencyId } : {}), voided: false, scopeEndpointIds: [input.endpointId] },
			actor,
		);
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
		change: { person?: DutyPerson; voided?: true },
		correction: { reason: string } | undefined,
		actor: AuditActor,
	): Promise<WriteOutcome> {
		await this.#requireCorrectionOncePublished(slot.endpointId, slot.day, correction);
		if (change.person) await this.#requireFree({ ...slot, person: change.person }, slot.entityId);
		return this.slots.revise(
			slot.entityId,
			{ ...(change.person ? { person: change.person } : {}), ...(change.voided ? { voided: true } : {}) },
			correction ? { kind: "correction", reason: correction.reason } : { kind: "update" },
			actor,
		);
	}

	/** Publishes an endpoint's ordinary roster over some days: read-only from then on except by correction. */
	publish(endpoint: EndpointRecord, from: Day, to: Day, actor: AuditActor): Promise<WriteOutcome> {
		const scopeEndpointIds = [endpoint.entityId, ...endpoint.ancestors];
		return this.publications.create({ endpointId: endpoint.entityId, from, to, scopeEndpointIds }, actor);
	}

	/** Current slots of these endpoints over some days. */
	slotsOf(endpointIds: readonly string[], from: Day, to: Day): Promise<DutySlotRecord[]> {
		return this.slots.find(
			{ endpointId: { $in: [...endpointIds] }, day: { $gte: from, $lte: to }, voided: false },
			{ day: 1 },
		);
	}

	/**
	 * What each endpoint's shifts require on each day from `from` to `to`: its province's roles for a
	 * peak period on a day a period covers it, the ordinary ones on any other day.
	 */
	async requirements(
		endpointIds: readonly string[],
		from: Day,
		to: Day,
	): Promise<(endpointId: string, day: Day) => Record<Shift, readonly DutyRole[]>> {
		const settings = await this.#settingsOf(endpointIds);
		const peakDays = new Map<string, Set<Day>>();
		for (const id of new Set(endpointIds)) {
			const endpoint = await this.#records.endpoints.current(id);
			const periods = await this.periods.find({
				endpointId: { $in: ancestryOf(endpoint) },
				from: { $lte: to },
				to: { $gte: from },
			});
			peakDays.set(id, new Set(periods.flatMap((p) => daysBetween(p.from, p.to))));
		}
		return (endpointId, day) => {
			const own = settings.get(endpointId) ?? this.defaults;
			return peakDays.get(endpointId)?.has(day) ? own.requiredInPeak : own.required;
		};
	}

	/** Shifts of these units from `from` to `to` lacking roles their day requires (peak or ordinary). */
	async gaps(units: readonly DutyUnit[], from: Day, to: Day): Promise<DutyGap[]> {
		const endpointIds = [...new Set(units.map((u) => u.endpointId))];
		const slots = (await this.slotsOf(endpointIds, from, to)).map((s) => ({ ...s, userId: personKey(s.person) }));
		return findGaps(units, daysBetween(from, to), slots, await this.requirements(endpointIds, from, to));
	}

	/** How the agencies these slots name are called (a printed roster, a feed). */
	async agencyNames(slots: readonly Pick<DutySlotRecord, "agencyId">[]): Promise<(agencyId: string) => string> {
		const names = new Map<string, string>();
		for (const id of new Set(slots.flatMap((s) => (s.agencyId ? [s.agencyId] : []))))
			names.set(id, (await this.#records.agencies.current(id)).name);
		return (id) => names.get(id) ?? id;
	}

	/** The units of these slots: each endpoint's own point and each agency that keeps a roster there. */
	static unitsOf(slots: readonly Pick<DutySlotRecord, "endpointId" | "agencyId">[]): DutyUnit[] {
		const units = new Map<string, DutyUnit>();
		for (const { endpointId, agencyId } of slots)
			units.set(`${endpointId}|${agencyId ?? ""}`, agencyId ? { endpointId, agencyId } : { endpointId });
		return [...units.values()];
	}

	/**
	 * Who is on duty at `at` for the endpoint: per role, at its own reception point or the nearest
	 * endpoint up the hierarchy that has someone; and at each of its own agencies with people on duty
	 * (an agency's people never stand in for the endpoint's, nor the endpoint's for an agency's).
	 */
	async onDuty(endpointId: string, at: Date): Promise<OnDuty> {
		const endpoint = await this.#records.endpoints.current(endpointId);
		const chain = ancestryOf(endpoint);
		const days = candidateDays(at);
		const settings = await this.#settingsOf(chain);
		const slots = (await this.slotsOf(chain, days[0] as Day, days[1] as Day)).filter((s) =>
			covers(s, at, settings.get(s.endpointId) ?? this.defaults),
		);
		const view = (s: DutySlotRecord): OnDutyRole => ({
			role: s.role,
			endpointId: s.endpointId,
			person: s.person,
			shift: s.shift,
			day: s.day,
		});
		const own = slots.filter((s) => !s.agencyId);
		const roles: OnDutyRole[] = [];
		for (const role of DUTY_ROLES) {
			const nearest = chain.find((id) => own.some((s) => s.endpointId === id && s.role === role));
			roles.push(...own.filter((x) => x.endpointId === nearest && x.role === role).map(view));
		}
		const agencies: OnDuty["agencies"] = [];
		const atAgencies = slots.filter((s) => s.agencyId && s.endpointId === endpointId);
		for (const agencyId of new Set(atAgencies.map((s) => s.agencyId as string))) {
			const agency = await this.#records.agencies.current(agencyId);
			const people = atAgencies.filter((s) => s.agencyId === agencyId);
			const ordered = DUTY_ROLES.flatMap((role) => people.filter((s) => s.role === role).map(view));
			agencies.push({ agencyId, agencyName: agency.name, roles: ordered });
		}
		return { endpointId, at: at.toISOString(), roles, agencies };
	}

	/** Whether an endpoint's roster of a day is published: by a period covering it, or as an ordinary roster. */
	async isPublished(endpointId: string, day: Day): Promise<boolean> {
		const periods = await this.periodsCovering(endpointId, day);
		if (periods.some((p) => p.publishedEndpointIds.includes(endpointId))) return true;
		const published = await this.publications.find({ endpointId, from: { $lte: day }, to: { $gte: day } });
		return published.length > 0;
	}

	/** Which of these endpoints have their roster published on some day from `from` to `to`. */
	async publishedIn(endpointIds: readonly string[], from: Day, to: Day): Promise<string[]> {
		const ids = [...endpointIds];
		const overlapping = { from: { $lte: to }, to: { $gte: from } };
		const published = new Set(
			(await this.publications.find({ endpointId: { $in: ids }, ...overlapping })).map((p) => p.endpointId),
		);
		for (const period of await this.periods.find(overlapping))
			for (const id of period.publishedEndpointIds) if (ids.includes(id)) published.add(id);
		return ids.filter((id) => published.has(id));
	}

	async #requireCorrectionOncePublished(endpointId: string, day: Day, correction: unknown): Promise<void> {
		if (!correction && (await this.isPublished(endpointId, day))) {
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
			const where = clash.agencyId ? `${clash.endpointId}, agency ${clash.agencyId}` : clash.endpointId;
			const message = `${slot.person.name} is already on duty then (${where}, ${clash.day}, ${clash.shift})`;
			throw new ValidationError(message, [{ path: "body.person", message }]);
		}
	}
}
