import { type Reference, ref } from "../http/references.js";

/** Every id a session names besides its host: each must be within the writer's scope. */
export function sessionReferences(input: Record<string, unknown>): Reference[] {
	return [
		ref("endpoints", "participantEndpointIds", input.participantEndpointIds),
		ref("cases", "caseIds", input.caseIds),
		ref("users", "chairUserId", input.chairUserId),
		ref("users", "coChairUserIds", input.coChairUserIds),
		ref("users", "secretariatUserIds", input.secretariatUserIds),
	];
}
