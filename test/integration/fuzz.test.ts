import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import type { OpenApiDocument } from "../../domain/api/openapi.js";
import type { Action, ResourceType } from "../../domain/permissions.js";
import { roleMay } from "../../domain/permissions.js";
import type { Role } from "../../domain/roles.js";
import { checkRequestSchemas } from "../../signaling/checkProtocol.js";
import { CHECK_NAMESPACE, HOTSPOTS_NAMESPACE, PRESENCE_NAMESPACE } from "../../signaling/namespaces.js";
import { presenceRequestSchemas } from "../../signaling/presenceProtocol.js";
import { CHAIR_REQUESTS, requestSchemas } from "../../signaling/protocol.js";
import { connectSocket } from "../support/EndpointPeer.js";
import { type Json, RAW_BODIES, RAW_PAYLOADS, resolver, schemaVariants } from "../support/fuzz.js";
import { heapAfterGc, MB } from "../support/heap.js";
import { type ApiClient, call, type RecordsFixture, sampleCase, startRecordsFixture } from "../support/records.js";

/**
 * Every /api route of the OpenAPI document, as every role and without a token, and every Socket.IO
 * request of every namespace, gets malformed, oversized, wrongly typed, operator-laden,
 * prototype-polluting payloads and another province's ids. Nothing may answer 5xx or outside the
 * JSON error form, tell a stack or a path, succeed outside the role's rights or the caller's scope,
 * pollute prototypes, drop a socket over a bad request, stop the process, or keep the memory.
 */

let fx: RecordsFixture;
let doc: OpenApiDocument;
/** Khánh Hòa's and the central office's staff: every role, each tried against Lâm Đồng's records. */
const USERS: Record<string, { role: Role; central: boolean }> = {
	trunguong: { role: "central", central: true },
	"lanhdao.tw": { role: "central", central: true },
	"thanhtra.cp": { role: "inspector", central: true },
	"thanhtra.kh": { role: "inspector", central: false },
	"quansat.kh": { role: "observer", central: false },
	"cntt.kh": { role: "it", central: false },
	"canbo.nhatrang": { role: "operator", central: false },
	"phochutich.kh": { role: "chair", central: false },
	"vanphong.kh": { role: "secretariat", central: false },
	"chutich.kh": { role: "chair", central: false },
};
/** Lâm Đồng's records, out of every Khánh Hòa user's scope. */
const ld: Record<string, string> = {};

beforeAll(async () => {
	fx = await startRecordsFixture({
		SESSION_LOBBY: "off",
		SOCKET_REQUEST_BURST: "100000",
		HOTSPOT_WRITES_PER_MINUTE: "100000",
	});
	doc = (await call<OpenApiDocument>(fx.base, "GET", "/openapi.json")).body;
	const operator = await fx.as("canbo.xuanhuong");
	const created = await operator.request("POST", "/cases", sampleCase(fx.seed.endpoints["LD-XUANHUONG"] ?? ""));
	expect(created.status).toBe(201);
	ld.case = String(created.body.id);
	const secretariat = await fx.as("vanphong.ld");
	const session = await secretariat.request("POST", "/sessions", {
		kind: "unscheduled",
		origin: { type: "scheduled" },
		title: "Tiếp công dân tại Lâm Đồng",
		plannedStart: new Date().toISOString(),
		plannedEnd: new Date(Date.now() + 3_600_000).toISOString(),
		hostEndpointId: fx.seed.endpoints.LD,
		chairUserId: fx.seed.users["chutich.ld"],
		participantEndpointIds: [fx.seed.endpoints["LD-XUANHUONG"]],
		caseIds: [ld.case],
	});
	expect(session.status).toBe(201);
	ld.session = String(session.body.id);
	ld.user = fx.seed.users["chutich.ld"] ?? "";
	ld.endpoint = fx.seed.endpoints["LD-XUANHUONG"] ?? "";
	// The Khánh Hòa session is live, so the room's requests reach their handlers.
	const kh = await fx.as("vanphong.kh");
	for (const to of ["open", "live"]) {
		const step = await kh.request("POST", `/sessions/${fx.seed.sessionId}/transitions`, { to });
		expect(step.status).toBe(201);
	}
}, 60_000);

afterAll(async () => {
	await fx?.platform.stop();
});

interface Op {
	method: string;
	path: string;
	id: string;
	permission?: { resource: ResourceType; action: Action };
	anonymous: boolean;
	body?: Json;
}

function operations(): Op[] {
	const resolve = resolver(doc as unknown as Json);
	return Object.entries(doc.paths).flatMap(([path, item]) =>
		Object.entries(item as Record<string, Json>).map(([method, op]) => {
			const content = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
			const body = content?.["application/json"]?.schema;
			return {
				method: method.toUpperCase(),
				path,
				id: String(op.operationId),
				permission: op["x-permission"] as Op["permission"],
				anonymous: Array.isArray(op.security) && op.security.length === 0,
				body: body ? resolve(body) : undefined,
			};
		}),
	);
}

/** Another province's record for each id a path carries. */
function foreignParams(path: string): { path: string; foreign: boolean } {
	let foreign = false;
	const filled = path.replace(/\{(\w+)\}/g, (_, name: string, offset: number) => {
		const before = path.slice(0, offset);
		const kind = /\/sessions\/$/.test(before)
			? "session"
			: /\/cases\/$/.test(before)
				? "case"
				: /\/users\/$/.test(before)
					? "user"
					: /endpoints\/$/.test(before)
						? "endpoint"
						: name === "code"
							? "code"
							: null;
		if (kind === "code") return "LD";
		if (!kind || !ld[kind]) return name === "version" ? "1" : "khong-co";
		foreign = true;
		return ld[kind] ?? "";
	});
	return { path: filled, foreign };
}

const MALFORMED_PARAMS = [
	"$ne",
	"..%2F..%2F..%2Fetc%2Fpasswd",
	"x".repeat(3_000),
	"__proto__",
	"%00",
	"constructor",
	"%E0%A4%A",
];

interface Sent {
	what: string;
	status: number;
	text: string;
	type: string;
}

async function send(
	client: ApiClient | null,
	method: string,
	path: string,
	body?: string,
	headers: Record<string, string> = {},
): Promise<Sent> {
	const res = await fetch(`${fx.base}${path}`, {
		method,
		headers: {
			...(body === undefined ? {} : { "content-type": "application/json" }),
			...(client ? { authorization: `Bearer ${client.accessToken}` } : {}),
			...headers,
		},
		body,
	});
	const text = Buffer.from(await res.arrayBuffer()).toString("utf8");
	return {
		what: `${client?.username ?? "anonymous"} ${method} ${path.slice(0, 120)} ${body?.slice(0, 80) ?? ""}`,
		status: res.status,
		text,
		type: res.headers.get("content-type") ?? "",
	};
}

/** What is wrong with an answer whatever the request: a 5xx, a non-JSON error, a leaked stack or path. */
function badAnswer(a: Sent): string | null {
	if (a.status >= 500) return `${a.status}: ${a.text.slice(0, 200)}`;
	if (/\/work\/|node_modules|\n\s+at |\.ts:\d+/.test(a.text)) return `leaks: ${a.text.slice(0, 200)}`;
	if (a.status >= 400) {
		if (!a.type.startsWith("application/json")) return `error not in JSON: ${a.type} ${a.text.slice(0, 100)}`;
		const code = (JSON.parse(a.text) as { error?: { code?: unknown } }).error?.code;
		if (typeof code !== "string") return `error without a code: ${a.text.slice(0, 100)}`;
	}
	return null;
}

/** Runs `tasks` a few at a time. */
async function pool<T>(tasks: (() => Promise<T>)[], width = 6): Promise<T[]> {
	const out: T[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < tasks.length) {
				const task = tasks[next++];
				if (task) out.push(await task());
			}
		}),
	);
	return out;
}

it("answers every /api route, for every role, with refusals only within its rights and scope", {
	timeout: 600_000,
}, async () => {
	const heapBefore = await heapAfterGc();
	const resolve = resolver(doc as unknown as Json);
	const foreignIds = [ld.session, ld.case, ld.user, ld.endpoint].map(String);
	const problems: string[] = [];
	const clients = await Promise.all(Object.keys(USERS).map((u) => fx.as(u)));
	const tasks: (() => Promise<void>)[] = [];
	for (const op of operations()) {
		if (op.path === "/auth/logout" || op.path === "/auth/refresh") continue; // no rights to check; below
		const { path, foreign } = foreignParams(op.path);
		const bodies =
			op.method === "GET"
				? [undefined]
				: [undefined, ...(op.body ? schemaVariants(op.body, resolve, foreignIds) : [{}])].map((b) =>
						b === undefined ? undefined : JSON.stringify(b),
					);
		for (const client of [null, ...clients]) {
			const who = client ? USERS[client.username] : undefined;
			for (const body of bodies) {
				tasks.push(async () => {
					const a = await send(
						client,
						op.method,
						path,
						body,
						op.method === "GET" ? {} : { "idempotency-key": `fuzz-${tasks.length}-${Math.random()}` },
					);
					const bad = badAnswer(a);
					if (bad) problems.push(`${a.what} → ${bad}`);
					if (a.status >= 300) return;
					if (!client && !op.anonymous) problems.push(`${a.what} → ${a.status} without a token`);
					if (who && op.permission && !roleMay(who.role, op.permission.action, op.permission.resource)) {
						problems.push(`${a.what} → ${a.status} outside the role's rights (${who.role})`);
					}
					const everyone = op.anonymous || op.permission?.resource === "endpoints";
					if (who && !who.central && foreign && !everyone) {
						problems.push(`${a.what} → ${a.status} on another province's record: ${a.text.slice(0, 120)}`);
					}
				});
			}
		}
		// Once per route: bodies and ids no client should send, as the central office (widest rights).
		const central = clients[0] ?? null;
		for (const raw of op.method === "GET" ? [] : RAW_BODIES) {
			tasks.push(async () => {
				const a = await send(central, op.method, path, raw, {
					"idempotency-key": `raw-${tasks.length}-${Math.random()}`,
				});
				const bad = badAnswer(a);
				if (bad) problems.push(`${a.what} → ${bad}`);
			});
		}
		if (op.method !== "GET") {
			tasks.push(async () => {
				const a = await send(central, op.method, path, `{"x":"${"x".repeat(5 * MB)}"}`);
				if (a.status !== 413 || badAnswer(a)) problems.push(`${a.what} (5 MB) → ${a.status} ${a.text.slice(0, 100)}`);
			});
		}
		for (const param of op.path.includes("{") ? MALFORMED_PARAMS : []) {
			tasks.push(async () => {
				const a = await send(
					central,
					op.method,
					op.path.replace(/\{\w+\}/g, param),
					op.method === "GET" ? undefined : "{}",
				);
				const bad = badAnswer(a);
				if (bad && a.status !== 404) problems.push(`${a.what} → ${bad}`);
			});
		}
		for (const query of [
			"?limit=-1&offset=abc",
			"?status[$ne]=x",
			`?q=${"x".repeat(10_000)}`,
			"?limit=1e309",
			"?__proto__[x]=1",
		]) {
			tasks.push(async () => {
				const a = await send(central, op.method, `${path}${query}`, op.method === "GET" ? undefined : "{}");
				const bad = badAnswer(a);
				if (bad) problems.push(`${a.what} → ${bad}`);
			});
		}
	}
	await pool(tasks);
	for (const raw of RAW_BODIES) {
		for (const route of ["/auth/login", "/auth/refresh", "/auth/logout"]) {
			const bad = badAnswer(await send(null, "POST", route, raw));
			if (bad) problems.push(`POST ${route} ${raw.slice(0, 40)} → ${bad}`);
		}
	}
	expect(problems.slice(0, 60), `${problems.length} problems`).toEqual([]);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect((await fetch(`http://127.0.0.1:${fx.platform.port}/readyz`)).status).toBe(200);
	expect((await heapAfterGc()) - heapBefore).toBeLessThan(96 * MB);
});

/** An acknowledged request, or the reason there was none. */
function ask(socket: Socket, name: string, payload: unknown): Promise<unknown> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve({ timeout: true }), 10_000);
		const done = (ack: unknown) => {
			clearTimeout(timer);
			resolve(ack);
		};
		if (payload === undefined) socket.emit(name, done);
		else socket.emit(name, payload, done);
	});
}

function connect(namespace: string, token: string): Promise<Socket> {
	return connectSocket(`http://127.0.0.1:${fx.platform.port}${namespace}`, token) as unknown as Promise<Socket>;
}

const NAMESPACES: { name: string; schemas: Record<string, z.ZodType>; token: "access" | "session" }[] = [
	{ name: "/", schemas: requestSchemas, token: "session" },
	{ name: CHECK_NAMESPACE, schemas: checkRequestSchemas, token: "access" },
	{ name: PRESENCE_NAMESPACE, schemas: presenceRequestSchemas, token: "access" },
	// Push only: it takes no requests, so anything sent to it is ignored (checked below).
	{ name: HOTSPOTS_NAMESPACE, schemas: {}, token: "access" },
];

it("answers every Socket.IO request of every namespace, for every role, without dropping the socket", {
	timeout: 600_000,
}, async () => {
	const heapBefore = await heapAfterGc();
	const foreignIds = [ld.session, ld.case, ld.user, ld.endpoint].map(String);
	const problems: string[] = [];
	// The presiding chair last: its own valid `endSession` ends the room.
	const users = Object.keys(USERS)
		.filter((u) => u !== "chutich.kh")
		.concat("chutich.kh");
	for (const ns of NAMESPACES) {
		const names = Object.keys(ns.schemas).sort((a, b) => Number(a === "endSession") - Number(b === "endSession"));
		for (const username of users) {
			const client = await fx.as(username);
			let token = client.accessToken;
			if (ns.token === "session") {
				const issued = await client.request<{ token?: string }>("POST", `/sessions/${fx.seed.sessionId}/token`);
				if (!issued.body.token) continue; // not in this session's scope: the HTTP fuzz covers the refusal
				token = issued.body.token;
			}
			const socket = await connect(ns.name, token).catch(() => null);
			if (!socket) continue; // a namespace refused to this role at the handshake
			if (ns.name === "/") await ask(socket, "join", {});
			for (const name of names) {
				const schema = z.toJSONSchema(ns.schemas[name] as z.ZodType, { unrepresentable: "any", io: "input" }) as Json;
				const payloads = [...RAW_PAYLOADS, ...schemaVariants(schema, resolver(schema), foreignIds)];
				for (const payload of payloads) {
					const ack = (await ask(socket, name, payload)) as {
						data?: unknown;
						error?: { code?: string };
						timeout?: boolean;
					};
					const what = `${username} ${ns.name} ${name} ${JSON.stringify(payload)?.slice(0, 80)}`;
					if (ack.timeout) problems.push(`${what}: no answer`);
					else if (ack.error) {
						if (ack.error.code === "INTERNAL_ERROR" || typeof ack.error.code !== "string") {
							problems.push(`${what}: ${JSON.stringify(ack.error)}`);
						}
					} else if (!("data" in ack))
						problems.push(`${what}: not in the answer form: ${JSON.stringify(ack).slice(0, 100)}`);
					else if (
						(CHAIR_REQUESTS as readonly string[]).includes(name) &&
						ns.name === "/" &&
						username !== "chutich.kh"
					) {
						problems.push(`${what}: a chair's request succeeded for ${username}`);
					}
					if (!socket.connected) {
						problems.push(`${what}: the socket was dropped`);
						break;
					}
				}
				// A message over the limit is answered, not dropped.
				const big = (await ask(socket, name, { x: "x".repeat(300_000) })) as { error?: { code?: string } };
				if (big.error?.code !== "PAYLOAD_TOO_LARGE" && big.error?.code !== "SESSION_ENDED") {
					problems.push(`${username} ${ns.name} ${name} 300 kB: ${JSON.stringify(big).slice(0, 100)}`);
				}
			}
			// Events no namespace serves, with any payload: ignored, the socket kept.
			for (const payload of RAW_PAYLOADS) socket.emit("noSuchRequest", payload);
			socket.emit("__proto__", { polluted: "yes" });
			await new Promise((r) => setTimeout(r, 100));
			if (!socket.connected) problems.push(`${username} ${ns.name}: dropped over an unknown event`);
			socket.close();
		}
	}
	expect(problems.slice(0, 60), `${problems.length} problems`).toEqual([]);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect((await fetch(`http://127.0.0.1:${fx.platform.port}/readyz`)).status).toBe(200);
	expect((await heapAfterGc()) - heapBefore).toBeLessThan(96 * MB);
});
