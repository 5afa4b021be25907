import { type Connection, type InferSchemaType, type Model, Schema } from "mongoose";
import type { Logger } from "pino";
import type { Alert } from "../../domain/alerts.js";
import { type DutyRole, escalationChain } from "../../domain/duty.js";
import type { Alerts } from "../alerts/Alerts.js";
import { InFlight } from "../InFlight.js";
import { alertMail } from "./alertMail.js";
import type { DutyRoster } from "./DutyRoster.js";
import type { Mailer } from "./Mailer.js";

export const DELIVERY_STATUSES = ["sent", "failed", "shown-in-app", "nobody-on-duty"] as const;

const deliverySchema = new Schema(
	{
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

export type AlertDelivery = InferSchemaType<typeof deliverySchema>;

export interface AlertDispatcherOptions {
	connection: Connection;
	alerts: Alerts;
	roster: DutyRoster;
	mailer: Mailer;
	/** Unacknowledged this long after a delivery: the next role on duty is told. */
	escalateAfterMs: number;
	sweepEveryMs: number;
	endpointName: (endpointId: string) => Promise<string>;
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
			this.#settle(this.#advance(alert));
		});
		this.#timer = setInterval(() => this.#settle(this.sweep()), options.sweepEveryMs);
		this.#timer.unref();
	}

	/** Delivers what is due: new alerts to their first responder, unacknowledged ones to the next role. */
	async sweep(): Promise<void> {
		const open = await this.#options.alerts.list({ endpointIds: null, open: true, limit: 500 });
		for (const alert of open) if (!alert.acknowledged) await this.#advance(alert);
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
		if (people.length === 0) {
			await this.deliveries.create({ ...base, channel: "app", status: "nobody-on-duty" });
			this.#options.logger.warn({ alertId: alert.id, role }, "alert: nobody on duty for this role");
			return;
		}
		const mail = alertMail(alert, await this.#options.endpointName(alert.endpointId), level > 0);
		for (const person of people) {
			await this.deliveries.create({ ...base, channel: "app", status: "shown-in-app", person });
			if (!person.email || !this.#options.mailer.configured) continue;
			try {
				await this.#options.mailer.send({ to: person.email, ...mail });
				await this.deliveries.create({ ...base, channel: "email", status: "sent", person });
			} catch (err) {
				await this.deliveries.create({ ...base, channel: "email", status: "failed", person, error: String(err) });
				this.#options.logger.warn({ err, alertId: alert.id }, "alert e-mail not sent");
			}
		}
	}

	#settle(work: Promise<void>): void {
		this.#inFlight
			.track(work)
			.catch((err: unknown) => this.#options.logger.warn({ err }, "alert delivery failed; retried at the next sweep"));
	}
}
