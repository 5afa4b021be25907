import { type Connection, type InferSchemaType, type Model, Schema } from "mongoose";
import type { Logger } from "pino";
import type { Alert } from "../../domain/alerts.js";
import { type DutyRole, escalationChain } from "../../domain/duty.js";
import type { Alerts } from "../alerts/Alerts.js";
import { InFlight } from "../InFlight.js";
import { isDuplicateKey } from "../records/AuditLog.js";
import { alertMail } from "./alertMail.js";
import type { DutyRoster } from "./DutyRoster.js";
import type { Mailer } from "./Mailer.js";
import type { DutyPerson } from "./models.js";

/** `not-in-app`: the person on duty has no account that may read the alert (the e-mail still goes). */
export const DELIVERY_STATUSES = ["sent", "failed", "shown-in-app", "not-in-app", "nobody-on-duty"] as const;

const deliverySchema = new Schema(
	{
		/**
		 * One delivery per alert, level, channel and person (`deliveryKey`): a second node, or a second
		 * sweep, finds it taken and sends nothing.
		 */
		_id: { type: String, required: true },
		alertId: { type: String, required: true },
		kind: { type: String, required: true },
		endpointId: { type: String, required: true },
		/** 0: the first responder on duty; 1, …: each escalation. */
		level: { type: Number, required: true },
		role: { type: String, required: true },
		channel: { type: String, enum: ["email", "app"], required: true },
		status: { type: String, enum: DELIVERY_STATUSES, required: true },
		person: { _id: false, userId: String, name: String, email: String, phone: String },
		error: { type: String },
		at: { type: Date, required: true },
	},
	{ versionKey: false, collection: "alertdeliveries" },
);
deliverySchema.index({ alertId: 1, at: -1 });
deliverySchema.index({ "person.userId": 1 });

export type AlertDelivery = InferSchemaType<typeof deliverySchema>;

/** Open alerts read per page by a sweep. */
const SWEEP_PAGE = 200;

function personKey(person: DutyPerson): string {
	return person.userId ? `user:${person.userId}` : person.email ? `mail:${person.email}` : `name:${person.name}`;
}

function deliveryKey(alertId: string, level: number, channel: "app" | "email", person: string): string {
	return `${alertId}:${level}:${channel}:${person}`;
}

export interface AlertDispatcherOptions {
	connection: Connection;
	alerts: Alerts;
	roster: DutyRoster;
	mailer: Mailer;
	/** Unacknowledged this long after a delivery: the next role on duty is told. */
	escalateAfterMs: number;
	sweepEveryMs: number;
	endpointName: (endpointId: string) => Promise<string>;
	/** Whether this user, named on duty, may read the alert in the app (`can`, given the delivery). */
	mayRead: (userId: string, alert: Alert) => Promise<boolean>;
	/** In a cluster, the lease of the one node that dispatches (`ClusterLocks.lease`). */
	lease?: { held(): Promise<boolean> };
	logger: Logger;
	now?: () => Date;
}

/**
 * Takes every alert to whoever is on duty for its endpoint and role (in the app and by e-mail), and
 * escalates it to the next role on duty while nobody acknowledges it. Every delivery is recorded.
 */
export class AlertDispatcher {
	readonly deliveries: Model<AlertDelivery>;
	readonly #options: AlertDispatcherOptions;
	readonly #now: () => Date;
	readonly #busy = new Set<string>();
	readonly #timer: NodeJS.Timeout;

	readonly #inFlight = new InFlight();

	constructor(options: AlertDispatcherOptions) {
		this.#options = options;
		this.#now = options.now ?? (() => new Date());
		this.deliveries =
			(options.connection.models.AlertDelivery as Model<AlertDelivery> | undefined) ??
			options.connection.model<AlertDelivery>("AlertDelivery", deliverySchema);
		options.alerts.on("changed", (alert) => {
			if (alert.cleared || alert.acknowledged || this.#inFlight.closed) return;
			this.#settle(this.#leased(() => this.#advance(alert)));
		});
		this.#timer = setInterval(() => this.#settle(this.sweep()), options.sweepEveryMs);
		this.#timer.unref();
	}

	/**
	 * Delivers what is due, on the node holding the lease: new alerts to their first responder,
	 * unacknowledged ones to the next role. Whether it ran here.
	 */
	sweep(): Promise<boolean> {
		return this.#leased(async () => {
			for await (const alert of this.#options.alerts.open(SWEEP_PAGE)) {
				if (!alert.acknowledged) await this.#advance(alert);
			}
		});
	}

	/** The users the alert was shown to in the app: they may read and acknowledge it (`can`'s `addressees`). */
	async addressees(alertId: string): Promise<string[]> {
		return (await this.addresseesOf([alertId])).get(alertId) ?? [];
	}

	async addresseesOf(alertIds: readonly string[]): Promise<Map<string, string[]>> {
		const shown = await this.deliveries
			.find({ alertId: { $in: [...alertIds] }, status: "shown-in-app" }, { alertId: 1, person: 1 })
			.lean<AlertDelivery[]>();
		const map = new Map<string, string[]>();
		for (const d of shown) if (d.person?.userId) map.set(d.alertId, [...(map.get(d.alertId) ?? []), d.person.userId]);
		return map;
	}

	/** The alerts shown to this user in the app. */
	async shownTo(userId: string): Promise<string[]> {
		const shown = await this.deliveries
			.find({ "person.userId": userId, status: "shown-in-app" }, { alertId: 1 })
			.lean<AlertDelivery[]>();
		return [...new Set(shown.map((d) => d.alertId))];
	}

	/** The deliveries of one alert, oldest first. */
	async of(alertId: string): Promise<AlertDelivery[]> {
		return this.deliveries.find({ alertId }).sort({ at: 1 }).lean<AlertDelivery[]>();
	}

	/** Stops sweeping and waits for deliveries under way (before the database closes). */
	async close(): Promise<void> {
		clearInterval(this.#timer);
		await this.#inFlight.close();
	}

	async #advance(alert: Alert): Promise<void> {
		if (this.#busy.has(alert.id)) return;
		this.#busy.add(alert.id);
		try {
			const last = await this.deliveries.findOne({ alertId: alert.id }).sort({ at: -1 }).lean<AlertDelivery>();
			const chain = escalationChain(alert.kind);
			if (!last) return await this.#deliver(alert, 0, chain);
			const due = this.#now().getTime() - last.at.getTime() >= this.#options.escalateAfterMs;
			if (due && last.level + 1 < chain.length) await this.#deliver(alert, last.level + 1, chain);
		} finally {
			this.#busy.delete(alert.id);
		}
	}

	async #deliver(alert: Alert, level: number, chain: readonly DutyRole[]): Promise<void> {
		const role = chain[level] as DutyRole;
		const at = this.#now();
		const onDuty = await this.#options.roster.onDuty(alert.endpointId, at);
		const people = onDuty.roles.filter((r) => r.role === role).map((r) => r.person);
		const base = { alertId: alert.id, kind: alert.kind, endpointId: alert.endpointId, level, role, at };
		const key = (channel: "app" | "email", person?: DutyPerson) =>
			deliveryKey(alert.id, level, channel, person ? personKey(person) : "");
		if (people.length === 0) {
			if (await this.#record({ _id: key("app"), ...base, channel: "app", status: "nobody-on-duty" })) {
				this.#options.logger.warn({ alertId: alert.id, role }, "alert: nobody on duty for this role");
			}
			return;
		}
		const mail = alertMail(alert, await this.#options.endpointName(alert.endpointId), level > 0);
		for (const person of people) {
			const inApp = person.userId ? await this.#options.mayRead(person.userId, alert) : false;
			// The person's first row claims their delivery: whoever finds it taken sends nothing.
			const claimed = await this.#record({
				_id: key("app", person),
				...base,
				channel: "app",
				status: inApp ? "shown-in-app" : "not-in-app",
				person,
			});
			if (!claimed || !person.email || !this.#options.mailer.configured) continue;
			const email = { _id: key("email", person), ...base, channel: "email" as const, person };
			try {
				await this.#options.mailer.send({ to: person.email, ...mail });
				await this.#record({ ...email, status: "sent" });
			} catch (err) {
				await this.#record({ ...email, status: "failed", error: String(err) });
				this.#options.logger.warn({ err, alertId: alert.id }, "alert e-mail not sent");
			}
		}
	}

	/** Records a delivery; false when it was already recorded (by another node, or an earlier sweep). */
	async #record(delivery: AlertDelivery): Promise<boolean> {
		try {
			await this.deliveries.create(delivery);
			return true;
		} catch (err) {
			if (isDuplicateKey(err)) return false;
			throw err;
		}
	}

	async #leased(work: () => Promise<void>): Promise<boolean> {
		if (this.#options.lease && !(await this.#options.lease.held())) return false;
		await work();
		return true;
	}

	#settle(work: Promise<unknown>): void {
		this.#inFlight
			.track(work)
			.catch((err: unknown) => this.#options.logger.warn({ err }, "alert delivery failed; retried at the next sweep"));
	}
}
