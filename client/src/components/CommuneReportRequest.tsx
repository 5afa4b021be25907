import { useState } from "preact/hooks";
import { useApp, useLoad } from "../AppContext.js";
import type { EndpointView } from "../api/records.js";
import { formatDate } from "../format.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { DayField } from "./DateFields.js";

/** A province's request to its communes for daily reports, as the API answers it. */
export interface CommuneRequestView {
	id: string;
	rev: number;
	provinceId: string;
	all: boolean;
	communeIds: string[];
	from: string;
	to: string;
}

const dayText = (day: string) => formatDate(`${day}T12:00:00+07:00`);

/** The requests of a period the caller's scope reaches (a commune sees the one naming it). */
export function useCommuneRequests(periodId: string, key: string) {
	const { api } = useApp();
	return useLoad(
		() => api.get<{ items: CommuneRequestView[] }>(`/api/duty/periods/${periodId}/commune-requests`),
		`communes${periodId}${key}`,
	);
}

/** The communes below a province (those whose ancestry holds it). */
export function communesOf(endpoints: ReadonlyMap<string, EndpointView>, provinceId: string): EndpointView[] {
	return [...endpoints.values()].filter(
		(e) => e.ancestors.includes(provinceId) && e.level !== "province" && e.level !== "central" && e.active !== false,
	);
}

/** The request asked of a commune on a day, if any. */
export function requestOf(requests: readonly CommuneRequestView[], communeId: string, day: string) {
	return requests.find((r) => r.communeIds.includes(communeId) && r.from <= day && day <= r.to);
}

/**
 * A province asks its communes (all, or chosen ones) for daily reports on some days of the period, and
 * sees what it asked last.
 */
export function CommuneRequestForm({
	period,
	request,
	onAsked,
	onFail,
}: {
	period: { id: string; from: string; to: string };
	request: CommuneRequestView | undefined;
	onAsked: (message: string) => void;
	onFail: (err: unknown) => void;
}) {
	const { t } = useI18n();
	const { api, identity, endpoints } = useApp();
	const communes = communesOf(endpoints, identity.endpointId);
	const [all, setAll] = useState(request?.all ?? true);
	const [chosen, setChosen] = useState(new Set(request && !request.all ? request.communeIds : []));
	const [from, setFrom] = useState(request?.from ?? period.from);
	const [to, setTo] = useState(request?.to ?? period.to);
	const name = (id: string) => endpoints.get(id)?.name ?? id;
	const toggle = (id: string, on: boolean) =>
		setChosen((prev) => {
			const next = new Set(prev);
			if (on) next.add(id);
			else next.delete(id);
			return next;
		});
	const ask = (event: Event) => {
		event.preventDefault();
		api
			.post(`/api/duty/periods/${period.id}/commune-requests`, {
				provinceId: identity.endpointId,
				...(all ? {} : { communeIds: [...chosen] }),
				from,
				to,
			})
			.then(() => onAsked(t("communeReportsAsked")))
			.catch(onFail);
	};
	return (
		<form class="stack" onSubmit={ask} aria-label={t("communeReportsAsk")}>
			<p data-testid="commune-request">
				{request
					? fill(t("communeReportsCurrent"), {
							communes: request.communeIds.map(name).join(", "),
							from: dayText(request.from),
							to: dayText(request.to),
						})
					: t("communeReportsNone")}
			</p>
			<label class="check">
				<input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />{" "}
				{t("communeReportsAll")}
			</label>
			{!all &&
				communes.map((c) => (
					<label key={c.id} class="check">
						<input type="checkbox" checked={chosen.has(c.id)} onChange={(e) => toggle(c.id, e.currentTarget.checked)} />{" "}
						{c.name}
					</label>
				))}
			<div class="filters">
				<label>
					{t("dutyFrom")}
					<DayField value={from} onChange={setFrom} />
				</label>
				<label>
					{t("dutyTo")}
					<DayField value={to} onChange={setTo} />
				</label>
			</div>
			<button type="submit">{t("communeReportsAsk")}</button>
		</form>
	);
}
