import type { DelegationRule, RegisterField } from "../../domain/register.js";

/** What the register's routes need beyond the records: the configured vocabularies and the clock. */
export interface RegisterServices {
	/** Standard fields plus REGISTER_EXTRA_FIELDS. */
	fields: readonly RegisterField[];
	delegationRule: DelegationRule;
	/** The clock of deadlines and reminders (a test moves it). */
	now(): Date;
}
