import { hashPassword } from "../../server/auth/passwords.js";
import type { AuditActor } from "../../server/records/AuditLog.js";
import type { Records } from "../../server/records/Records.js";
import type { WriteOutcome } from "../../server/records/RecordWriter.js";

export const BENCH_PASSWORD = "Bench@2026-capacity";
const actor: AuditActor = { userId: "bench", origin: "seed" };

/** A write the database did not take in time is journalled and lands later: wait for it. */
async function landed(outcome: WriteOutcome, read: (id: string) => Promise<unknown>): Promise<string> {
	const id = String(outcome.document.entityId);
	for (let waited = 0; outcome.pending; waited += 100) {
		if (
			await read(id).then(
				() => true,
				() => false,
			)
		)
			break;
		if (waited > 30_000) throw new Error(`record ${id} never reached the database`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return id;
}

export interface BenchUser {
	username: string;
	endpointId: string;
}

/** Runs `make(i)` for i < count, eight at a time, keeping the order. */
async function inParallel<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
	const results: T[] = new Array(count);
	let next = 0;
	const lane = async () => {
		for (let i = next++; i < count; i = next++) results[i] = await make(i);
	};
	await Promise.all(Array.from({ length: 8 }, lane));
	return results;
}

/**
 * The benchmark's country: the central office, 34 provinces (each with a chair) and as many commune
 * endpoints as asked (each with an operator), all signing in with one password. Written through the
 * records like any seed, so sign-in and session tokens go through the real HTTP API.
 */
export class BenchTopology {
	readonly central: BenchUser;
	readonly provinces: BenchUser[];
	readonly communes: BenchUser[];
	readonly #records: Records;
	#sessions = 0;

	private constructor(records: Records, central: BenchUser, provinces: BenchUser[], communes: BenchUser[]) {
		this.#records = records;
		this.central = central;
		this.provinces = provinces;
		this.communes = communes;
	}

	static async seed(records: Records, communeCount: number, bcryptRounds: number): Promise<BenchTopology> {
		const passwordHash = await hashPassword(BENCH_PASSWORD, bcryptRounds);
		const endpoint = async (code: string, level: string, parent: { id: string; ancestors: string[] } | null) => {
			const outcome = await records.endpoints.create(
				{
					code,
					name: `Điểm cầu ${code}`,
					level,
					address: code,
					parentId: parent?.id ?? null,
					ancestors: parent ? [...parent.ancestors, parent.id] : [],
					contacts: [],
					active: true,
				},
				actor,
			);
			const id = await landed(outcome, (e) => records.endpoints.current(e));
			return { id, ancestors: parent ? [...parent.ancestors, parent.id] : [] };
		};
		const user = async (username: string, role: string, endpointId: string): Promise<BenchUser> => {
			const outcome = await records.users.create(
				{ username, name: username, role, endpointIds: [endpointId], passwordHash },
				actor,
			);
			await landed(outcome, (u) => records.users.current(u));
			return { username, endpointId };
		};
		const tw = await endpoint("TW", "central", null);
		const central = await user("bench.tw", "central", tw.id);
		const code = (prefix: string, i: number, width: number) => `${prefix}${String(i + 1).padStart(width, "0")}`;
		const provinceEndpoints = await inParallel(34, (i) => endpoint(code("P", i, 2), "province", tw));
		const provinces = await inParallel(34, (i) =>
			user(`bench.chair.${code("P", i, 2)}`, "chair", provinceEndpoints[i]?.id ?? tw.id),
		);
		const communes = await inParallel(communeCount, async (i) => {
			const e = await endpoint(code("X", i, 3), "commune", provinceEndpoints[i % provinceEndpoints.length] ?? tw);
			return user(`bench.op.${code("X", i, 3)}`, "operator", e.id);
		});
		return new BenchTopology(records, central, provinces, communes);
	}

	/** The same users and endpoints through another platform's records (after a restart). */
	on(records: Records): BenchTopology {
		return new BenchTopology(records, this.central, this.provinces, this.communes);
	}

	/** An open session hosted by the first user (who must be a chair or the central office) with these participants. */
	async session(title: string, chair: BenchUser, participants: BenchUser[]): Promise<string> {
		const now = Date.now();
		const endpoints = [...new Set(participants.map((p) => p.endpointId))];
		const chairRecord = (await this.#records.users.find({ username: chair.username }))[0];
		const outcome = await this.#records.sessions.create(
			{
				kind: "periodic",
				origin: { type: "scheduled" },
				title: `${title} ${++this.#sessions}`,
				plannedStart: new Date(now),
				plannedEnd: new Date(now + 3 * 60 * 60 * 1000),
				hostEndpointId: chair.endpointId,
				chairUserId: String(chairRecord?.entityId),
				secretariatUserIds: [],
				participantEndpointIds: endpoints,
				agenda: [],
				caseIds: [],
				// Open: joinable (the chair opened the waiting room), as docs/protocol.md requires.
				status: "open",
				scopeEndpointIds: endpoints,
			},
			actor,
		);
		return landed(outcome, (id) => this.#records.sessions.current(id));
	}
}
