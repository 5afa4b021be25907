/**
 * A stand-in for the national database's HTTP interface, run as its own process by the tests. It
 * implements the contract of docs/nationaldb.md ("HTTP push") from the document, not from the
 * platform's code: Basic credentials, the batch format version, per-record verdicts (accepted,
 * duplicate, rejected with a reason), keeping what it accepted in an fsynced file across restarts.
 * A test-only control route scripts misbehaviour for the next batches: refusals, slow answers,
 * a crash in the middle of a batch.
 *
 * Environment: RECEIVER_PORT (0: any), RECEIVER_STORE (file), RECEIVER_USER, RECEIVER_PASSWORD.
 */
import { appendFileSync, closeSync, fsyncSync, openSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

type Step = "ok" | "refuse-503" | "unauthorised" | "slow" | `crash-after-${number}`;

const store = process.env.RECEIVER_STORE ?? "";
const expectedAuth = `Basic ${Buffer.from(`${process.env.RECEIVER_USER}:${process.env.RECEIVER_PASSWORD}`).toString("base64")}`;
/** The contract's version this receiver implements (written here, not imported from the platform). */
const SCHEMA_VERSION = "1.1";
const KINDS = new Set(["case", "outcome", "resolution-decision", "follow-up-result"]);

/** Every key accepted as new, in order, one line each (a restart reads them back). */
const accepted: string[] = (() => {
	try {
		return readFileSync(store, "utf8").split("\n").filter(Boolean);
	} catch {
		return [];
	}
})();
const known = new Set(accepted);
let script: Step[] = [];
let slowMs = 0;
let batches = 0;

function keep(key: string): void {
	const fd = openSync(store, "a");
	appendFileSync(fd, `${key}\n`);
	fsyncSync(fd);
	closeSync(fd);
	accepted.push(key);
	known.add(key);
}

/** The checks the contract lists for one record; the first that fails is the reason. */
function problemOf(r: Record<string, unknown>): string | null {
	const key = String(r.key ?? "");
	if (!KINDS.has(String(r.kind))) return `kind: unknown kind ${String(r.kind)}`;
	if (key !== `rb:${String(r.kind)}:${String(r.entityId)}:${String(r.rev)}`)
		return "key: does not match kind, entityId and rev";
	const province = r.province as { code?: string } | null;
	if (!province?.code) return "province: missing (each record must belong to a province)";
	const data = (r.data ?? {}) as Record<string, unknown>;
	if (r.kind === "case") {
		const citizens = Array.isArray(data.citizens) ? (data.citizens as Record<string, unknown>[]) : [];
		if (citizens.length === 0) return "data.citizens: at least one citizen";
		const afterCmnd = String(data.receivedAt ?? "") >= "2025-01-01";
		for (const [i, c] of citizens.entries()) {
			const id = String(c.idNumber ?? "");
			if (!/^\d{9}(\d{3})?$/.test(id)) return `data.citizens[${i}].idNumber: not a 9- or 12-digit identity number`;
			if (afterCmnd && id.length === 9)
				return `data.citizens[${i}].idNumber: a 9-digit CMND is void after 31/12/2024; a 12-digit CCCD is required`;
		}
	}
	if (r.kind === "follow-up-result") {
		if (!data.caseId) return "data.caseId: a follow-up result names its case";
		const result = data.result as Record<string, unknown> | null | undefined;
		if (!result?.documentNumber || !result.date) return "data.result: the closing document's number and date";
	}
	return null;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	res.writeHead(status, { "content-type": "application/json", ...headers });
	res.end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
	let text = "";
	for await (const chunk of req) text += chunk;
	return text;
}

const server = http.createServer(async (req, res) => {
	const body = await readBody(req);
	if (req.url === "/_control" && req.method === "POST") {
		const control = JSON.parse(body) as { script?: Step[]; slowMs?: number };
		script = control.script ?? [];
		slowMs = control.slowMs ?? 0;
		send(res, 200, { ok: true });
		return;
	}
	if (req.url === "/_stats") {
		const counts: Record<string, number> = {};
		for (const k of accepted) counts[k] = (counts[k] ?? 0) + 1;
		send(res, 200, { accepted: counts, batches, pid: process.pid });
		return;
	}
	if (req.url !== "/batches" || req.method !== "POST") {
		send(res, 404, { error: { code: "NOT_FOUND", message: "POST /batches" } });
		return;
	}
	batches++;
	const step = script.shift() ?? "ok";
	if (req.headers.authorization !== expectedAuth || step === "unauthorised") {
		send(res, 401, { error: { code: "UNAUTHORISED", message: "wrong credentials" } });
		return;
	}
	if (step === "refuse-503") {
		send(res, 503, { error: { code: "BUSY", message: "try again later" } }, { "retry-after": "0" });
		return;
	}
	let batch: { schemaVersion?: string; batchId?: string; records?: Record<string, unknown>[] };
	try {
		batch = JSON.parse(body);
	} catch {
		send(res, 400, { error: { code: "MALFORMED", message: "not JSON" } });
		return;
	}
	if (batch.schemaVersion !== SCHEMA_VERSION) {
		send(res, 400, { error: { code: "UNSUPPORTED_VERSION", message: `schemaVersion ${batch.schemaVersion}` } });
		return;
	}
	if (!batch.batchId || !Array.isArray(batch.records)) {
		send(res, 400, { error: { code: "MALFORMED", message: "batchId and records are required" } });
		return;
	}
	const crashAfter = step.startsWith("crash-after-") ? Number(step.slice("crash-after-".length)) : null;
	const results = [];
	for (const [i, r] of batch.records.entries()) {
		// A restart mid-batch: some records are kept, the answer never leaves.
		if (crashAfter !== null && i === crashAfter) process.exit(3);
		const key = String(r.key ?? "");
		const problem = problemOf(r);
		if (problem) results.push({ key, status: "rejected", reason: problem });
		else if (known.has(key)) results.push({ key, status: "duplicate" });
		else {
			keep(key);
			results.push({ key, status: "accepted" });
		}
	}
	// A slow answer: the records are kept, the sender may give up waiting before it arrives.
	if (step === "slow") await new Promise((r) => setTimeout(r, slowMs));
	send(res, 200, { schemaVersion: SCHEMA_VERSION, batchId: batch.batchId, results });
});

server.listen(Number(process.env.RECEIVER_PORT ?? 0), "127.0.0.1", () => {
	process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
