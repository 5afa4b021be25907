import type { Platform, PlatformOptions } from "../../server/Platform.js";
import { DEMO_PASSWORD, type SeedResult, seedDemo } from "../../server/records/demoTopology.js";
import { startPlatform } from "./platform.js";

export interface ApiResponse<T = Record<string, unknown>> {
	status: number;
	body: T;
	headers: Headers;
}

/** A signed-in HTTP client of the platform's API. */
export interface ApiClient {
	username: string;
	accessToken: string;
	request<T = Record<string, unknown>>(
		method: string,
		path: string,
		body?: unknown,
		headers?: Record<string, string>,
	): Promise<ApiResponse<T>>;
}

export interface RecordsFixture {
	platform: Platform;
	seed: SeedResult;
	base: string;
	/** Signs a demo user in over HTTP and returns a client carrying the access token. */
	as(username: string): Promise<ApiClient>;
}

export async function call<T>(
	base: string,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
	// Bytes (an uploaded file) go as they are; anything else as JSON.
	const raw = body instanceof Uint8Array;
	const type: Record<string, string> =
		body === undefined ? {} : { "content-type": raw ? "application/octet-stream" : "application/json" };
	const res = await fetch(`${base}${path}`, {
		method,
		headers: { ...type, ...headers },
		body: body === undefined ? undefined : raw ? new Uint8Array(body) : JSON.stringify(body),
	});
	const answered = res.headers.get("content-type") ?? "";
	const parsed = answered.includes("json") ? await res.json() : Buffer.from(await res.arrayBuffer());
	return { status: res.status, body: parsed as T, headers: res.headers };
}

/** A platform with the demo topology loaded (cheap password hashing) and a way to sign in as anyone. */
export async function startRecordsFixture(
	env: Record<string, string> = {},
	options: PlatformOptions = {},
): Promise<RecordsFixture> {
	const platform = await startPlatform({ BCRYPT_ROUNDS: "4", ...env }, undefined, options);
	const seed = await seedDemo(platform.records, 4);
	const base = `http://127.0.0.1:${platform.port}/api`;
	const clients = new Map<string, ApiClient>();
	return {
		platform,
		seed,
		base,
		async as(username) {
			const known = clients.get(username);
			if (known) return known;
			const login = await call<{ accessToken: string }>(base, "POST", "/auth/login", {
				username,
				password: DEMO_PASSWORD,
			});
			if (login.status !== 200) throw new Error(`login of ${username} failed: ${JSON.stringify(login.body)}`);
			const accessToken = login.body.accessToken;
			const client: ApiClient = {
				username,
				accessToken,
				request: (method, path, body, headers = {}) =>
					call(base, method, path, body, { authorization: `Bearer ${accessToken}`, ...headers }),
			};
			clients.set(username, client);
			return client;
		},
	};
}

/** A register entry the API accepts: one citizen with a valid CCCD, a land petition. */
export function sampleCase(endpointId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		receivedAt: new Date().toISOString(),
		endpointId,
		citizens: [{ fullName: "Lê Thị Hồng", address: "Phường Nha Trang, Khánh Hòa", idNumber: "056185009876" }],
		peopleCount: 1,
		summary: "Đề nghị giải quyết tranh chấp ranh giới thửa đất với hộ liền kề.",
		contentType: "petition",
		field: "admin.land",
		request: "Đề nghị UBND phường hòa giải.",
		...extra,
	};
}
