import type { Request, Response } from "express";
import type { IdentityClaims } from "../../domain/identity.js";
import { type Action, type ResourceType, requireCan } from "../../domain/permissions.js";
import type { EndpointLevel } from "../../domain/roles.js";
import type { Scope } from "../../domain/Scope.js";
import type { ComplianceSettings } from "../../domain/sessions.js";
import type { RefreshTokens } from "../auth/RefreshTokens.js";
import type { TokenService } from "../auth/TokenService.js";
import type { DocumentFonts } from "../documents/fonts.js";
import type { NationalDbExchange } from "../nationaldb/NationalDbExchange.js";
import type { AuditActor } from "../records/AuditLog.js";
import type { EndpointTree } from "../records/EndpointTree.js";
import type { Records } from "../records/Records.js";
import type { RegisterServices } from "../register/RegisterSettings.js";
import type { Reports } from "../reports/Reports.js";
import { actorOf, identityOf } from "./authenticate.js";
import type { IdempotentAnswers } from "./IdempotentAnswers.js";

/** What a route knows about the caller once authorised. */
export interface RequestContext {
	identity: IdentityClaims;
	actor: AuditActor;
	scope: Scope;
	records: Records;
	tree: EndpointTree;
}

export interface ApiServices {
	records: Records;
	tree: EndpointTree;
	tokens: TokenService;
	/** What the record's changes mean for live rooms and sockets. */
	live: LiveControl;
	/** Issued refresh tokens by id, and their revocation. */
	refreshTokens: RefreshTokens;
	/** First answers of writes that carried an Idempotency-Key, for their retries. */
	idempotentAnswers: IdempotentAnswers;
	/** The register's vocabularies and numbering. */
	register: RegisterServices;
	nationalDb: NationalDbExchange;
	/** Statistics and report documents (server/reports/). */
	reports: Reports;
	/** Endpoint levels in use (configuration). */
	levels: readonly EndpointLevel[];
	bcryptRounds: number;
	/**
	 * Failed sign-ins allowed per address and username, and per username from any address, within
	 * `windowMs`; at most `maxTrackedKeys` counters are kept (the oldest are forgotten).
	 */
	loginLimit: { attempts: number; accountAttempts: number; windowMs: number; maxTrackedKeys: number };
	/** The faces every printed document is set in (server/documents/). */
	documentFonts: DocumentFonts;
	/** The periodic receptions heads owe, for the compliance view (server/sessions/compliance/). */
	compliance: ComplianceSettings;
}

export interface LiveControl {
	/** The session was ended or cancelled in the record: its room ends and stays closed. */
	closeSession(sessionId: string, how: "ended" | "cancelled"): Promise<void>;
	/** The user was disabled or their rights changed: their sockets close. */
	disconnectUser(userId: string): void;
}

/** Checks the role may do `action` on `resource`, then works out the caller's endpoint scope. */
export async function authorised(
	services: ApiServices,
	req: Request,
	res: Response,
	resource: ResourceType,
	action: Action,
): Promise<RequestContext> {
	const identity = identityOf(res);
	requireCan(identity, action, { type: resource });
	return {
		identity,
		actor: actorOf(req, res),
		scope: await services.tree.scopeOf(identity),
		records: services.records,
		tree: services.tree,
	};
}
