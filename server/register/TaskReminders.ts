import type { Connection } from "mongoose";
import type { Logger } from "pino";
import { reminderDueAt, TASK_REMINDERS, type TaskReminder } from "../../domain/register.js";
import type { Alerts } from "../alerts/Alerts.js";
import { InFlight } from "../InFlight.js";
import { isDuplicateKey } from "../records/AuditLog.js";
import type { Records } from "../records/Records.js";
import type { TaskRecord } from "./models/Task.js";

export interface ReminderRecord {
	_id: string;
	taskId: string;
	kind: TaskReminder;
	deadline: Date;
	at: Date;
	provinceId: string;
}

export interface TaskRemindersOptions {
	records: Records;
	connection: Connection;
	alerts: Alerts;
	now(): Date;
	everyMs: number;
	logger: Logger;
}

/**
 * Reminds of task deadlines three days before and on the day: each reminder is recorded once (its `_id`
 * is the task and the kind, so two platform processes never both send it) and raised as an in-app
 * alert at the agency's province. Delivery by e-mail is the duty module's.
 */
export class TaskReminders {
	readonly #options: TaskRemindersOptions;
	#timer: NodeJS.Timeout | null = null;
	readonly #inFlight = new InFlight();

	constructor(options: TaskRemindersOptions) {
		this.#options = options;
	}

	get #collection() {
		return this.#options.connection.collection<ReminderRecord>("taskreminders");
	}

	start(): void {
		this.#timer = setInterval(() => {
			this.#inFlight
				.track(this.check())
				.catch((err: unknown) => this.#options.logger.warn({ err }, "task reminders not checked"));
		}, this.#options.everyMs);
		this.#timer.unref();
	}

	/** Stops checking and waits for a check under way (before the database closes). */
	async stop(): Promise<void> {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		await this.#inFlight.close();
	}

	/** Records and raises every reminder due by now; returns those recorded by this call. */
	async check(): Promise<ReminderRecord[]> {
		const now = this.#options.now();
		const { records } = this.#options;
		// Open tasks whose earliest reminder is due: deadline within three days from now, or past.
		const horizon = new Date(now.getTime() + 3 * 86_400_000);
		const tasks = await records.tasks.find({ deadline: { $lte: horizon }, result: null }, { deadline: 1 });
		const recorded: ReminderRecord[] = [];
		for (const task of tasks) {
			for (const kind of TASK_REMINDERS) {
				if (reminderDueAt(kind, task.deadline) > now) continue;
				// A task found long after its deadline gets only its latest reminder, not a stale "in 3 days".
				if (kind === "three-days-before" && reminderDueAt("on-deadline", task.deadline) <= now) continue;
				const reminder = await this.#record(task, kind, now);
				if (reminder) recorded.push(reminder);
			}
		}
		return recorded;
	}

	/**
	 * A task closed: its province's deadline alert clears once no reminded task there is still open.
	 * While one is, the alert names it instead of the closed task.
	 */
	async closed(task: TaskRecord): Promise<void> {
		const { records, alerts } = this.#options;
		const reminded = await this.#collection
			.find({ provinceId: task.provinceId, taskId: { $ne: task.entityId } })
			.sort({ at: -1 })
			.toArray();
		const open = new Map(
			(await records.tasks.find({ entityId: { $in: [...new Set(reminded.map((r) => r.taskId))] }, result: null })).map(
				(t) => [t.entityId, t],
			),
		);
		const latest = reminded.find((r) => open.has(r.taskId));
		const still = latest && open.get(latest.taskId);
		if (!latest || !still) {
			await alerts.clear("task-deadline", task.provinceId, null);
			return;
		}
		const [shown] = await alerts
			.list({ endpointIds: [task.provinceId], open: true, limit: 50 })
			.then((list) => list.filter((a) => a.kind === "task-deadline" && a.sessionId === null));
		if (shown?.kind === "task-deadline" && shown.facts.taskId === task.entityId) await this.#raise(still, latest.kind);
	}

	/** The reminders recorded for one task, oldest first. */
	of(taskId: string): Promise<ReminderRecord[]> {
		return this.#collection.find({ taskId }).sort({ at: 1 }).toArray();
	}

	async #record(task: TaskRecord, kind: TaskReminder, now: Date): Promise<ReminderRecord | null> {
		const reminder: ReminderRecord = {
			_id: `${task.entityId}:${kind}`,
			taskId: task.entityId,
			kind,
			deadline: task.deadline,
			at: now,
			provinceId: task.provinceId,
		};
		try {
			await this.#collection.insertOne(reminder);
		} catch (err) {
			if (isDuplicateKey(err)) return null;
			throw err;
		}
		await this.#raise(task, kind);
		return reminder;
	}

	#raise(task: TaskRecord, kind: TaskReminder) {
		return this.#options.alerts.raise("task-deadline", task.provinceId, null, {
			taskId: task.entityId,
			caseId: task.caseId,
			registerNumber: task.registerNumber,
			agencyName: task.agencyName,
			deadline: task.deadline.toISOString(),
			reminder: kind,
		});
	}
}
