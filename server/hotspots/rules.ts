import type { ErrorIssue } from "../../domain/errors.js";
import { ValidationError } from "../../domain/errors.js";
import { DESTINATION_CITIES_OF, type DestinationCity, type DestinationKind } from "../../domain/hotspots.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Asia/Ho_Chi_Minh has no daylight saving: a fixed UTC+7. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar day in Vietnam, as a number of days: dates are compared as officials read them. */
export const vnDayNumber = (d: Date): number => Math.floor((d.getTime() + VN_OFFSET_MS) / DAY_MS);

/** dd/mm/yyyy in Vietnam's zone. */
export function vnDate(d: Date): string {
	const shifted = new Date(d.getTime() + VN_OFFSET_MS);
	const two = (n: number) => String(n).padStart(2, "0");
	return `${two(shifted.getUTCDate())}/${two(shifted.getUTCMonth() + 1)}/${shifted.getUTCFullYear()}`;
}

/** Collects the problems of one input, each naming its field, and refuses them all at once. */
export class Problems {
	readonly #issues: ErrorIssue[] = [];
	readonly #prefix: string;

	constructor(prefix: string) {
		this.#prefix = prefix;
	}

	check(ok: boolean, field: string, message: string): void {
		if (!ok) this.#issues.push({ path: `${this.#prefix}.${field}`, message });
	}

	throwIfAny(what: string): void {
		if (this.#issues.length === 0) return;
		throw new ValidationError(
			`invalid ${what}: ${this.#issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
			this.#issues,
		);
	}
}

export interface WatchDates {
	destination: { kind: DestinationKind; city: DestinationCity };
	expectedFrom: Date;
	expectedTo: Date;
	nextReviewAt: Date;
}

/**
 * A watch entry's facts against each other and against its case: the expected date on or after the
 * day the case was received, the window in order, the city possible for the destination, and a
 * next review (when set now) still ahead.
 */
export function checkWatch(
	watch: WatchDates,
	caseReceivedAt: Date,
	now: Date,
	options: { prefix: string; reviewSetNow: boolean },
): void {
	const p = new Problems(options.prefix);
	p.check(
		vnDayNumber(watch.expectedFrom) >= vnDayNumber(caseReceivedAt),
		"expectedFrom",
		`the expected date ${vnDate(watch.expectedFrom)} is before the case was received (${vnDate(caseReceivedAt)})`,
	);
	p.check(
		watch.expectedTo.getTime() >= watch.expectedFrom.getTime(),
		"expectedTo",
		"the expected window ends before it starts",
	);
	p.check(
		DESTINATION_CITIES_OF[watch.destination.kind].includes(watch.destination.city),
		"destination.city",
		`a ${watch.destination.kind} destination is not in ${watch.destination.city}`,
	);
	if (options.reviewSetNow) {
		p.check(watch.nextReviewAt.getTime() > now.getTime(), "nextReviewAt", "the next review date has already passed");
	}
	p.throwIfAny("watch entry");
}

export interface GroupFacts {
	deployment: { from: Date; until?: Date | null };
	returnDeadline: Date;
	received: number;
	persuaded: number;
	returns: { count: number }[];
}

export const returnedCount = (group: Pick<GroupFacts, "returns">): number =>
	group.returns.reduce((sum, r) => sum + r.count, 0);

/** A working group's numbers and dates against each other. */
export function checkGroup(group: GroupFacts, prefix: string): void {
	const p = new Problems(prefix);
	p.check(
		group.returnDeadline.getTime() >= group.deployment.from.getTime(),
		"returnDeadline",
		"the return deadline is before the group is deployed",
	);
	p.check(
		!group.deployment.until || group.deployment.until.getTime() >= group.deployment.from.getTime(),
		"deployment.until",
		"the deployment ends before it starts",
	);
	p.check(group.persuaded <= group.received, "persuaded", "more people persuaded than received");
	p.check(returnedCount(group) <= group.received, "returns", "more people returned than received");
	p.throwIfAny("working group");
}
