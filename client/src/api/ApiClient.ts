import type { TokensAnswer } from "../../../domain/api/auth.js";
import { type ErrorCode, type ErrorIssue, isErrorCode } from "../../../domain/errors.js";
import type { IdentityClaims } from "../../../domain/identity.js";

/**
 * An API refusal: the catalogue's code (domain/errors.ts: UNAUTHENTICATED, FORBIDDEN, …), the fields
 * it refused, and its English message (for the console, never shown).
 */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: ErrorCode,
		message: string,
		readonly issues: ErrorIssue[] = [],
	) {
		super(message);
		this.name = "ApiError";
	}
}

/** What signing in and refreshing answer (domain/api/auth.ts). */
export type SignedIn = TokensAnswer;

const STORAGE_KEY = "reception-bridge.auth";

/**
 * The records API with the signed-in user's tokens: refreshes an expired access token once and
 * retries, and keeps the sign-in for this browser tab only (a shared office computer).
 */
export class ApiClient {
	#auth: SignedIn | null;
	#onSignedOut: () => void = () => undefined;

	constructor() {
		const stored = sessionStorage.getItem(STORAGE_KEY);
		this.#auth = stored ? (JSON.parse(stored) as SignedIn) : null;
	}

	get identity(): IdentityClaims | null {
		return this.#auth?.identity ?? null;
	}

	get accessToken(): string {
		return this.#auth?.accessToken ?? "";
	}

	onSignedOut(listener: () => void): void {
		this.#onSignedOut = listener;
	}

	async signIn(username: string, password: string): Promise<IdentityClaims> {
		const auth = await this.#send<SignedIn>("POST", "/api/auth/login", { username, password }, false);
		this.#store(auth);
		return auth.identity;
	}

	signOut(): void {
		this.#store(null);
		this.#onSignedOut();
	}

	get<T>(path: string): Promise<T> {
		return this.#send<T>("GET", path);
	}

	/** A document (a PDF) the API serves to a signed-in user, as a blob to open. */
	async blob(path: string): Promise<Blob> {
		const get = () => fetch(path, { headers: { authorization: `Bearer ${this.accessToken}` } });
		let res = await get();
		if (res.status === 401 && this.#auth && (await this.#refresh())) res = await get();
		if (!res.ok) {
			const payload = (await res.json().catch(() => ({}))) as { error?: { code: unknown; message: string } };
			const code = isErrorCode(payload.error?.code) ? payload.error.code : "INTERNAL_ERROR";
			throw new ApiError(res.status, code, payload.error?.message ?? res.statusText);
		}
		return res.blob();
	}

	post<T>(path: string, body: unknown, idempotencyKey?: string): Promise<T> {
		return this.#send<T>("POST", path, body, true, idempotencyKey);
	}

	patch<T>(path: string, body: unknown): Promise<T> {
		return this.#send<T>("PATCH", path, body);
	}

	put<T>(path: string, body: unknown): Promise<T> {
		return this.#send<T>("PUT", path, body);
	}

	async #send<T>(method: string, path: string, body?: unknown, authed = true, idempotencyKey?: string): Promise<T> {
		const attempt = () =>
			fetch(path, {
				method,
				headers: {
					...(body !== undefined ? { "content-type": "application/json" } : {}),
					...(authed && this.#auth ? { authorization: `Bearer ${this.#auth.accessToken}` } : {}),
					...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
				},
				...(body !== undefined ? { body: JSON.stringify(body) } : {}),
			});
		let res = await attempt();
		if (res.status === 401 && authed && this.#auth && (await this.#refresh())) res = await attempt();
		const payload = (await res.json().catch(() => ({}))) as {
			error?: { code: unknown; message: string; issues?: ErrorIssue[] };
		};
		if (!res.ok) {
			if (res.status === 401 && authed) this.signOut();
			const code = isErrorCode(payload.error?.code) ? payload.error.code : "INTERNAL_ERROR";
			throw new ApiError(res.status, code, payload.error?.message ?? res.statusText, payload.error?.issues ?? []);
		}
		return payload as T;
	}

	async #refresh(): Promise<boolean> {
		try {
			const auth = await this.#send<SignedIn>(
				"POST",
				"/api/auth/refresh",
				{ refreshToken: this.#auth?.refreshToken },
				false,
			);
			this.#store(auth);
			return true;
		} catch {
			return false;
		}
	}

	#store(auth: SignedIn | null): void {
		this.#auth = auth;
		if (auth) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(auth));
		else sessionStorage.removeItem(STORAGE_KEY);
	}
}
