/**
 * A generator of realistic register data for the statistics benchmark: a province's communes, and
 * for each case the fields the statistics count, drawn with a seeded generator so every run counts
 * the same cases. Shares are rough orders of magnitude of provincial reports (most visits are
 * petitions and complaints, about land; a few percent are delegations; about a third come back).
 */
import { RESOLUTION_STAGES, STANDARD_FIELDS } from "../../domain/register.js";
import type { ReportCase } from "../../server/reports/ReportFacts.js";

/** Mulberry32: small, fast, seeded. */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function pick<T>(rnd: () => number, weighted: [T, number][]): T {
	const total = weighted.reduce((n, [, w]) => n + w, 0);
	let x = rnd() * total;
	for (const [v, w] of weighted) {
		x -= w;
		if (x <= 0) return v;
	}
	return weighted[weighted.length - 1]?.[0] as T;
}

const CONTENT: [ReportCase["contentType"], number][] = [
	["petition", 45],
	["complaint", 40],
	["denunciation", 10],
	["mixed", 5],
];
const FIELDS: [string, number][] = [
	["admin.land", 40],
	["admin.compensation", 15],
	["admin.housing", 8],
	["admin.civil-service", 7],
	["admin.other", 15],
	["judicial", 6],
	["corruption", 3],
	["party", 1],
	["other", 5],
];
const STAGES: [ReportCase["resolutionStage"], number][] = RESOLUTION_STAGES.map((s, i) => [
	s,
	[60, 20, 8, 8, 4][i] ?? 1,
]);

export interface GeneratedCase {
	endpointId: string;
	receivedAt: Date;
}

/**
 * `count` cases spread over [from, to) across `endpointIds` (the province's own office takes a
 * tenth), as case facts (`ReportCase`).
 */
export function generateCases(
	count: number,
	endpointIds: string[],
	from: Date,
	to: Date,
	seed: number,
	idPrefix: string,
): ReportCase[] {
	const rnd = random(seed);
	const span = to.getTime() - from.getTime();
	const out: ReportCase[] = [];
	for (let i = 0; i < count; i++) {
		const endpointId =
			(rnd() < 0.1 ? endpointIds[0] : endpointIds[1 + Math.floor(rnd() * (endpointIds.length - 1))]) ?? "";
		const receivedAt = new Date(from.getTime() + Math.floor(rnd() * span));
		const manyPeople = rnd() < 0.03;
		const repeat = rnd() < 0.35;
		const field = pick(rnd, FIELDS);
		const id = `${idPrefix}${String(i).padStart(7, "0")}`;
		out.push({
			_id: id,
			entityId: id,
			rev: 1,
			receivedAt,
			endpointId,
			sessionId: null,
			receptionKind: rnd() < 0.15 ? "leaders" : "regular",
			peopleCount: manyPeople ? 5 + Math.floor(rnd() * 30) : 1 + Math.floor(rnd() * 2),
			manyPeople,
			lastPreviousVisitAt: repeat ? new Date(receivedAt.getTime() - Math.floor(rnd() * 200 * 86_400_000)) : null,
			contentType: pick(rnd, CONTENT),
			field,
			fieldGroup: STANDARD_FIELDS.find((f) => f.code === field)?.group ?? "other",
			resolutionStage: pick(rnd, STAGES),
			voided: rnd() < 0.005,
			registerNumber: `${i + 1}/2026`,
			endpointName: "",
			citizenName: "Nguyễn Văn A",
			summary: "Đề nghị xem xét giải quyết tranh chấp đất đai giữa hai hộ gia đình.",
		});
	}
	return out;
}
