import { useEffect, useState } from "preact/hooks";
import type { WatchView } from "../../../domain/api/hotspots.js";
import { DESTINATION_CITIES, DESTINATION_KINDS } from "../../../domain/hotspots.js";
import { can } from "../../../domain/permissions.js";
import { useApp, useLoad } from "../AppContext.js";
import { AppLink } from "../components/AppLink.js";
import { DayField } from "../components/DateFields.js";
import { DialogueRequestForm } from "../components/DialogueRequestForm.js";
import { EndpointSelect } from "../components/EndpointSelect.js";
import { VocabularySelect } from "../components/VocabularySelect.js";
import { dayInput, WatchForm } from "../components/WatchForm.js";
import { formatDate, formatDateTime } from "../format.js";
import { type BoardAnswer, boardQuery } from "../hotspots/hotspotApi.js";
import { useHotspotChanges } from "../hotspots/useHotspotChanges.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";

const EMPTY = { city: "", kind: "", province: "", from: "", to: "" };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The hot-spot boards: the central office's national board (every province, counts per province,
 * what changed since it last looked) and a province's watchlist are this page over the caller's
 * scope, overdue reviews first, then risk, then expected date; live over `/hotspots`.
 */
export function HotspotBoardPage() {
	const { t, language } = useI18n();
	const { api, identity, endpoints } = useApp();
	const national = identity.endpointLevel === "central";
	const [filters, setFilters] = useState(EMPTY);
	const [query, setQuery] = useState("");
	const [asking, setAsking] = useState<WatchView | null>(null);
	const [opening, setOpening] = useState(false);
	const board = useLoad(() => api.get<BoardAnswer>(`/api/hotspots/board${query}`), query);
	useHotspotChanges(() => board.reload());
	useEffect(() => () => void api.post("/api/hotspots/board/seen", {}).catch(() => undefined), []);

	const apply = (next: typeof EMPTY) => {
		setFilters(next);
		setQuery(
			boardQuery({
				...next,
				from: next.from ? dayInput(next.from) : "",
				to: next.to ? dayInput(next.to) : "",
			}),
		);
	};
	const name = (id: string) => endpoints.get(id)?.name ?? id;
	const provinces = [...endpoints.values()].filter((e) => e.level === "province");
	const data = board.data;
	const changed = new Set(data?.changedSince ?? []);
	const mayAsk = can(identity, "request", { type: "sessions" });

	return (
		<div class="stack" data-testid="hotspot-board">
			<h2>{t(national ? "hotspotBoardNational" : "hotspotBoardProvince")}</h2>
			<p class="actions">
				<button type="button" class="secondary" onClick={() => navigate("/hotspots/feed")}>
					{t("hotspotFeed")}
				</button>
				{can(identity, "write", { type: "watches" }) && (
					<button type="button" class="secondary" onClick={() => setOpening(!opening)}>
						{t("hotspotOpenWatch")}
					</button>
				)}
			</p>
			{opening && <WatchForm onCreated={(id) => navigate(`/hotspots/watches/${id}`)} />}
			<form
				class="filters card"
				aria-label={t("hotspotFilters")}
				onSubmit={(e) => {
					e.preventDefault();
					apply(filters);
				}}
			>
				<VocabularySelect
					label="hotspotCity"
					values={DESTINATION_CITIES}
					prefix="city"
					value={filters.city}
					onChange={(city) => setFilters({ ...filters, city })}
					any
				/>
				<VocabularySelect
					label="hotspotKind"
					values={DESTINATION_KINDS}
					prefix="destinationKind"
					value={filters.kind}
					onChange={(kind) => setFilters({ ...filters, kind })}
					any
				/>
				{national && (
					<EndpointSelect
						label="province"
						endpoints={provinces}
						value={filters.province}
						onChange={(province) => setFilters({ ...filters, province })}
						empty="hotspotAllProvinces"
					/>
				)}
				<label>
					{t("hotspotFrom")}
					<DayField value={filters.from} onChange={(v) => setFilters({ ...filters, from: v })} />
				</label>
				<label>
					{t("hotspotTo")}
					<DayField value={filters.to} onChange={(v) => setFilters({ ...filters, to: v })} />
				</label>
				<p class="actions">
					<button type="submit">{t("hotspotFilters")}</button>
					<button type="button" class="secondary" onClick={() => apply({ ...filters, from: day(0), to: day(8) })}>
						{t("hotspotNext7Days")}
					</button>
					<button type="button" class="secondary" onClick={() => apply(EMPTY)}>
						{t("hotspotClearFilters")}
					</button>
				</p>
			</form>
			{board.error !== null && (
				<p role="alert" class="error">
					{t("loadFailed")}
				</p>
			)}
			{national && data && data.counts.length > 0 && (
				<section class="card" aria-labelledby="counts-title">
					<h3 id="counts-title">{t("hotspotCountsTitle")}</h3>
					<table data-testid="province-counts">
						<thead>
							<tr>
								<th scope="col">{t("province")}</th>
								<th scope="col">{t("risk_critical")}</th>
								<th scope="col">{t("risk_high")}</th>
								<th scope="col">{t("risk_watch")}</th>
								<th scope="col">{t("hotspotTotal")}</th>
							</tr>
						</thead>
						<tbody>
							{data.counts.map((c) => (
								<tr key={c.provinceId}>
									<td>{name(c.provinceId)}</td>
									<td>{c.critical}</td>
									<td>{c.high}</td>
									<td>{c.watch}</td>
									<td>{c.total}</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>
			)}
			<section class="card" aria-labelledby="watches-title">
				<h3 id="watches-title">{t("hotspots")}</h3>
				{data?.lastSeenAt && (
					<p class="muted">
						{fill(t("hotspotLastSeen"), { time: formatDateTime(data.lastSeenAt, language) })}{" "}
						<button
							type="button"
							class="secondary"
							onClick={() => api.post("/api/hotspots/board/seen", {}).then(board.reload)}
						>
							{t("hotspotMarkSeen")}
						</button>
					</p>
				)}
				{data && data.items.length === 0 && <p class="muted">{t("hotspotNone")}</p>}
				{data && data.items.length > 0 && (
					<table data-testid="watches">
						<thead>
							<tr>
								<th scope="col">{t("hotspotCase")}</th>
								<th scope="col">{t("province")}</th>
								<th scope="col">{t("hotspotRisk")}</th>
								<th scope="col">{t("hotspotDestination")}</th>
								<th scope="col">{t("hotspotExpected")}</th>
								<th scope="col">{t("hotspotPeople")}</th>
								<th scope="col">{t("hotspotNextReview")}</th>
								<th scope="col">{t("hotspotStatus")}</th>
								<th scope="col">
									<span class="visually-hidden">{t("actions")}</span>
								</th>
							</tr>
						</thead>
						<tbody>
							{data.items.map((w) => (
								<tr key={w.id} data-watch={w.id} class={`risk-${w.risk.level}`}>
									<td>
										<AppLink href={`/hotspots/watches/${w.id}`}>{w.case.registerNumber}</AppLink>{" "}
										{w.case.summary.slice(0, 120)}
										{changed.has(w.id) && <span class="tag">{t("hotspotChangedSince")}</span>}
									</td>
									<td>{name(w.provinceId)}</td>
									<td>{t(`risk_${w.risk.level}`)}</td>
									<td>
										{t(`destinationKind_${w.destination.kind}`)} ({t(`city_${w.destination.city}`)})
									</td>
									<td>
										{formatDate(w.expectedFrom, language)}
										{w.expectedTo.slice(0, 10) !== w.expectedFrom.slice(0, 10) &&
											` – ${formatDate(w.expectedTo, language)}`}
									</td>
									<td>{w.expectedPeople}</td>
									<td>
										{formatDate(w.nextReviewAt, language)}
										{w.reviewOverdue && <span class="tag overdue">{t("hotspotReviewOverdue")}</span>}
									</td>
									<td>{t(`watchStatus_${w.status}`)}</td>
									<td>
										{mayAsk && (
											<button type="button" onClick={() => setAsking(w)}>
												{t("hotspotAskDialogue")}
											</button>
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
			</section>
			{asking && <DialogueRequestForm key={asking.id} watch={asking} onDone={board.reload} />}
		</div>
	);
}
