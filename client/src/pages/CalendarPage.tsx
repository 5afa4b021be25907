import { useApp, useLoad } from "../AppContext.js";
import { AppLink } from "../components/AppLink.js";
import { provinceOf } from "../endpointTree.js";
import { formatDate, formatTime } from "../format.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";

interface CalendarEntryView {
	id: string;
	title: string;
	start: string;
	end: string;
	place: string;
	chair: { name: string; positionTitle?: string };
	coChairs: { name: string; positionTitle?: string }[];
	endpoints: string[];
}

const WEEKDAYS = {
	vi: ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
	en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};

/** The weekday in Vietnam's time (UTC+7 all year). */
const weekday = (iso: string, language: "vi" | "en") =>
	WEEKDAYS[language][new Date(new Date(iso).getTime() + 7 * 3_600_000).getUTCDay()];

/**
 * A province's published reception calendar: the periodic receptions coming up, with the printable
 * PDF and the iCal feed (both public, as the calendar itself).
 */
export function CalendarPage({ code }: { code?: string }) {
	const { t, language } = useI18n();
	const { api, identity, endpoints } = useApp();
	const provinces = [...endpoints.values()].filter((e) => e.level === "province");
	const unit = code ?? provinceOf(endpoints, identity.endpointId)?.code ?? provinces[0]?.code ?? "";
	const calendar = useLoad(
		() => api.get<{ unit: { name: string }; entries: CalendarEntryView[] }>(`/api/calendar/${unit}?months=12`),
		`calendar-${unit}`,
	);
	const name = calendar.data?.unit.name ?? "";
	const entries = calendar.data?.entries ?? [];
	return (
		<div class="stack" data-testid="calendar">
			<h2>{fill(t("calendarOf"), { unit: name })}</h2>
			{provinces.length > 1 && (
				<label>
					{t("calendarUnit")}
					<select value={unit} onChange={(e) => navigate(`/calendar/${(e.currentTarget as HTMLSelectElement).value}`)}>
						{provinces.map((p) => (
							<option key={p.id} value={p.code}>
								{p.name}
							</option>
						))}
					</select>
				</label>
			)}
			<p class="actions">
				<a class="button secondary" href={`/api/calendar/${unit}.pdf`} target="_blank" rel="noopener">
					{t("calendarPdf")}
				</a>
				<a class="button secondary" href={`/api/calendar/${unit}.ics`} data-testid="ical-link">
					{t("calendarIcs")}
				</a>
			</p>
			{calendar.data && entries.length === 0 && <p class="muted">{t("calendarNone")}</p>}
			<ol class="stack" data-testid="calendar-entries">
				{entries.map((e) => (
					<li key={e.id} class="card">
						<strong>
							{fill(t("calendarEntry"), {
								weekday: weekday(e.start, language) ?? "",
								date: formatDate(e.start),
								from: formatTime(e.start),
								to: formatTime(e.end),
							})}
						</strong>
						<br />
						<AppLink href={`/sessions/${e.id}`}>{e.title}</AppLink>
						<br />
						{e.chair.name}
						{e.chair.positionTitle ? `, ${e.chair.positionTitle}` : ""} — {e.place}
						{e.endpoints.length > 0 && (
							<>
								<br />
								<small class="muted">{fill(t("connectedWith"), { endpoints: e.endpoints.join(", ") })}</small>
							</>
						)}
					</li>
				))}
			</ol>
		</div>
	);
}
