import { createHash } from "node:crypto";
import { type Request, type Response, Router } from "express";
import {
	type TaskCounts,
	type TaskQuery,
	taskChangeInput,
	taskCreateInput,
	taskProgressInput,
	taskQuery,
	taskResultInput,
} from "../../domain/api/register.js";
import { ConflictError, ValidationError } from "../../domain/errors.js";
import { caseEndpoints, TASK_STATES, taskState } from "../../domain/register.js";
import { type ApiServices, authorised, type RequestContext } from "../http/RequestContext.js";
import { ref, visible } from "../http/references.js";
import { revisionRoutes, revisionView, sendWritten } from "../http/routes/revisionRoutes.js";
import { validate } from "../http/validate.js";
import type { AuditActor } from "../records/AuditLog.js";
import type { Records } from "../records/Records.js";
import type { TaskRecord } from "./models/Task.js";
import type { TaskReminders } from "./TaskReminders.js";

export function countTasks(tasks: readonly TaskRecord[], now: Date): TaskCounts {
	const counts = Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as TaskCounts;
	for (const task of tasks) counts[taskState(task, now)] += 1;
	return counts;
}

/** A new task about a case, given to an agency: its name on the day, and who follows it. */
export async function taskFields(records: Records, input: Record<string, unknown>): Promise<Record<string, unknown>> {
	const [heard, agency] = await Promise.all([
		records.cases.current(String(input.caseId)),
		records.agencies.current(String(input.agencyId)),
	]);
	if (!agency.active) {
		throw new ValidationError("invalid body: body.agencyId: the agency is no longer active", [
			{ path: "body.agencyId", message: "the agency is no longer active" },
		]);
	}
	return {
		...input,
		registerNumber: heard.registerNumber,
		agencyName: input.agencyName ?? agency.name,
		provinceId: agency.provinceId,
		scopeEndpointIds: [...new Set([...caseEndpoints(heard), agency.provinceId])],
	};
}

/** The tasks of an outcome's assignments that name an agency, each made once (its id derives from the outcome's). */
export async function tasksFromOutcome(records: Records, outcome: Record<string, unknown>, actor: AuditActor) {
	const assignments = (outcome.assignments ?? []) as {
		agencyId?: string;
		task: string;
		deadline: unknown;
		reportTo: string;
	}[];
	for (const [i, a] of assignments.entries()) {
		if (!a.agencyId) continue;
		const id = createHash("sha256")
			.update(`${String(outcome.entityId)}:${i}`)
			.digest("hex")
			.slice(0, 24);
		if (await records.tasks.revision(id)) continue;
		const fields = await taskFields(records, {
			caseId: outcome.caseId,
			outcomeId: outcome.entityId,
			sessionId: outcome.sessionId,
			agencyId: a.agencyId,
			description: a.task,
			deadline: new Date(String(a.deadline)),
			reportTo: a.reportTo,
		});
		await records.tasks.create({ ...fields, progress: [], result: null }, actor, id);
	}
}

/**
 * `/api/tasks`: tasks given to agencies, listed per agency, province or case with their computed
 * state (open, due soon, overdue, done) and counts; progress notes and the closing result are revisions.
 */
export function taskRoutes(services: ApiServices, reminders: TaskReminders): Router {
	const router = Router();
	const { tasks } = services.records;
	const now = () => services.register.now();
	const view = (t: Record<string, unknown>) => ({
		...t,
		state: taskState(t as unknown as TaskRecord, now()),
	});
	const filterOf = async (q: TaskQuery, ctx: RequestContext) => {
		const clauses: Record<string, unknown>[] = [ctx.scope.filter("scopeEndpointIds")];
		if (q.agency) clauses.push({ agencyId: q.agency });
		if (q.province) clauses.push({ provinceId: { $in: await ctx.tree.subtree(q.province) } });
		if (q.caseId) clauses.push({ caseId: q.caseId });
		return { $and: clauses.filter((c) => Object.keys(c).length > 0) };
	};
	// A task outside the caller's scope is answered as absent (404), like one that does not exist.
	const inScope = async (req: Request, res: Response, action: "read" | "write") => {
		const ctx = await authorised(services, req, res, "tasks", action);
		const id = String(req.params.id);
		const task = await visible(tasks.current(id), (t) => t.scopeEndpointIds, ctx, `tasks ${id}`);
		return { ctx, task };
	};
	const writable = (req: Request, res: Response) => inScope(req, res, "write");

	// The list with its figures: every matching task's state at the server's clock.
	router.get("/", async (req, res) => {
		const ctx = await authorised(services, req, res, "tasks", "read");
		const q = validate(taskQuery, req.query, "query");
		const all = await tasks.find(await filterOf(q, ctx), { deadline: 1 });
		const at = now();
		const items = q.state ? all.filter((t) => taskState(t, at) === q.state) : all;
		res.json({
			items: items.slice(0, 500).map((t) => revisionView(view(t as unknown as Record<string, unknown>))),
			total: items.length,
			counts: countTasks(all, at),
		});
	});

	// Figures per agency (of a province, or everything in scope): open, due soon, overdue, done.
	router.get("/by-agency", async (req, res) => {
		const ctx = await authorised(services, req, res, "tasks", "read");
		const q = validate(taskQuery, req.query, "query");
		const all = await tasks.find(await filterOf(q, ctx), { deadline: 1 });
		const byAgency = new Map<string, TaskRecord[]>();
		for (const t of all) byAgency.set(t.agencyId, [...(byAgency.get(t.agencyId) ?? []), t]);
		const at = now();
		res.json({
			items: [...byAgency.entries()].map(([agencyId, list]) => ({
				agencyId,
				agencyName: list[list.length - 1]?.agencyName,
				counts: countTasks(list, at),
			})),
			counts: countTasks(all, at),
		});
	});

	router.get("/:id/reminders", async (req, res) => {
		const { task } = await inScope(req, res, "read");
		res.json({ items: await reminders.of(task.entityId) });
	});

	router.post("/:id/progress", async (req, res) => {
		const { ctx, task } = await writable(req, res);
		const { note } = validate(taskProgressInput, req.body, "body");
		if (task.result) throw new ConflictError(`task ${task.entityId} is closed`);
		const entry = { at: now(), byUserId: ctx.identity.sub, byName: ctx.identity.name, note };
		const written = await tasks.revise(
			task.entityId,
			{ progress: [...task.progress, entry] },
			{ kind: "update" },
			ctx.actor,
		);
		sendWritten(res, written, (r) => revisionView(view(r)));
	});

	router.post("/:id/result", async (req, res) => {
		const { ctx, task } = await writable(req, res);
		const result = validate(taskResultInput, req.body, "body");
		if (task.result) throw new ConflictError(`task ${task.entityId} is already closed: correct it instead`);
		const written = await tasks.revise(
			task.entityId,
			{ result: { ...result, recordedAt: now() } },
			{ kind: "update", reason: "closing result recorded" },
			ctx.actor,
		);
		// The deadline alert raised for it ends with it.
		await reminders.closed(task);
		sendWritten(res, written, (r) => revisionView(view(r)));
	});

	router.use(
		revisionRoutes<TaskRecord, TaskQuery>(services, {
			resource: "tasks",
			store: (s) => s.records.tasks,
			createSchema: taskCreateInput,
			changeSchema: taskChangeInput,
			querySchema: taskQuery,
			sort: { deadline: 1 },
			filter: filterOf,
			readableBy: (t) => t.scopeEndpointIds,
			// A case or an agency outside the caller's scope is answered as absent.
			references: (input) => [ref("cases", "caseId", input.caseId), ref("agencies", "agencyId", input.agencyId)],
			// Given about a case: by whoever follows the case (its receiving endpoint or the citizens' province).
			ownedBy: async (record, ctx) =>
				record.entityId
					? (record.scopeEndpointIds as string[])
					: caseEndpoints(await ctx.records.cases.current(String(record.caseId))),
			prepare: async (input, ctx) => ({
				progress: [],
				result: null,
				...(await taskFields(ctx.records, input)),
			}),
			view,
		}),
	);
	return router;
}
