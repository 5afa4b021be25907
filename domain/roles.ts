/** Who a user is in a reception (glossary: chair = presiding leader, secretariat = provincial office, …). */
export const ROLES = ["chair", "secretariat", "central", "operator", "it", "inspector", "observer"] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** Levels of a reception endpoint (điểm cầu). Which ones are in use is configuration (2025 reform). */
export const ENDPOINT_LEVELS = ["central", "province", "district", "commune"] as const;
export type EndpointLevel = (typeof ENDPOINT_LEVELS)[number];
