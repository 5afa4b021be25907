import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { type CellCase, type FormResult, REPORT_SECTIONS, type ReportSection } from "../../../domain/api/reports.js";
import { scopeReach } from "../../../domain/permissions.js";
import { formatMonth } from "../../../domain/reportDates.js";
import { headerCells } from "../../../domain/reportLayout.js";
import { PERIOD_KINDS, type PeriodKind } from "../../../domain/reportPeriods.js";
import { useApp } from "../AppContext.js";
import type { EndpointView } from "../api/records.js";
import { DayField } from "../components/DateFields.js";
import { errorText } from "../errorText.js";
import { formatDate } from "../format.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";

const INDEXES: Partial<Record<PeriodKind, number>> = { month: 12, quarter: 4, "half-year": 2 };
const CONTENT_PREFIXES = ["complaint", "denunciation", "petition", "mixed"];

interface Filters {
	kind: PeriodKind;
	year: number;
	index: number;
	from: string;
	to: string;
	under: string;
}

function queryOf(f: Filters): string {
	const p = new URLSearchParams({ kind: f.kind });
	if (f.kind === "custom") {
		p.set("from", f.from);
		p.set("to", f.to);
	} else {
		p.set("year", String(f.year));
		if (INDEXES[f.kind]) p.set("index", String(f.index));
	}
	if (f.under) p.set("under", f.under);
	return p.toString();
}

/**
 * Endpoints the signed-in user may report on: theirs and those under it (all for the central office),
 * communes included, each listed after its province (the names of its ancestors order it).
 */
function scopeEndpoints(endpoints: Map<string, EndpointView>, own: string, everywhere: boolean): EndpointView[] {
	const line = (e: EndpointView): EndpointView[] => {
		const up: EndpointView[] = [];
		for (let at: EndpointView | undefined = e; at; at = at.parentId ? endpoints.get(at.parentId) : undefined)
			up.unshift(at);
		return up;
	};
	const order = (e: EndpointView) =>
		line(e)
			.map((a) => `${a.level === "central" ? 0 : 1}${a.name}`)
			.join("\u0000");
	return [...endpoints.values()]
		.filter((e) => everywhere || line(e).some((a) => a.id === own))
		.sort((a, b) => order(a).localeCompare(order(b), "vi"));
}

/** Statistics in the national form's layout, each figure opening its cases, with charts and documents. */
export function ReportsPage() {
	const i18n = useI18n();
	const { t, language } = i18n;
	const { api, identity, endpoints } = useApp();
	const now = new Date();
	const [filters, setFilters] = useState<Filters>({
		kind: "quarter",
		year: now.getFullYear(),
		index: Math.floor(now.getMonth() / 3) + 1,
		from: "",
		to: "",
		under: "",
	});
	const [form, setForm] = useState<FormResult | null>(null);
	const [error, setError] = useState<string | null>(null);
	const [cell, setCell] = useState<{ title: string; items: CellCase[] } | null>(null);
	const [report, setReport] = useState<"periodic" | "ad-hoc">("periodic");
	const [sections, setSections] = useState<ReportSection[]>(["form"]);
	const scopes = useMemo(
		() => scopeEndpoints(endpoints, identity.endpointId, scopeReach(identity) === "everywhere"),
		[endpoints, identity],
	);
	const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));

	// Only the last question asked is shown: an earlier, slower answer (the page's first load) must
	// not replace it when it arrives late.
	const asked = useRef(0);
	const load = async (e?: Event) => {
		e?.preventDefault();
		const question = ++asked.current;
		setError(null);
		setCell(null);
		try {
			const answer = await api.get<FormResult>(`/api/reports/form?${queryOf(filters)}`);
			if (question === asked.current) setForm(answer);
		} catch (err) {
			if (question !== asked.current) return;
			setForm(null);
			setError(errorText(i18n, err));
		}
	};
	useEffect(() => {
		void load();
	}, []);

	const openCell = async (columnId: string, title: string, unit?: string) => {
		const extra = new URLSearchParams({ cell: columnId, ...(unit ? { unit } : {}) });
		const res = await api.get<{ items: CellCase[] }>(`/api/reports/form/cases?${queryOf(filters)}&${extra}`);
		setCell({ title, items: res.items });
	};
	const download = async (ext: "xlsx" | "pdf" | "csv") => {
		const extra = new URLSearchParams({ report });
		if (report === "ad-hoc") extra.set("sections", sections.join(","));
		const blob = await api.blob(`/api/reports/form.${ext}?${queryOf(filters)}&${extra}`);
		const a = document.createElement("a");
		a.href = URL.createObjectURL(blob);
		a.download = `bao-cao.${ext}`;
		a.click();
	};

	return (
		<div class="stack" data-testid="reports">
			<h2>{t("reports")}</h2>
			<form class="card filters" onSubmit={load} aria-label={t("reportPeriod")}>
				<label>
					{t("reportPeriod")}
					<select name="kind" value={filters.kind} onChange={(e) => set("kind", e.currentTarget.value as PeriodKind)}>
						{PERIOD_KINDS.map((k) => (
							<option key={k} value={k}>
								{t(`periodKind_${k}` as MessageKey)}
							</option>
						))}
					</select>
				</label>
				{filters.kind === "custom" ? (
					<>
						<label>
							{t("reportFrom")}
							<DayField value={filters.from} onChange={(v) => set("from", v)} required />
						</label>
						<label>
							{t("reportTo")}
							<DayField value={filters.to} onChange={(v) => set("to", v)} required />
						</label>
					</>
				) : (
					<>
						<label>
							{t("reportYear")}
							<input
								type="number"
								name="year"
								min={2000}
								max={2100}
								value={filters.year}
								onInput={(e) => set("year", Number(e.currentTarget.value))}
							/>
						</label>
						{INDEXES[filters.kind] && (
							<label>
								{t("reportIndex")}
								<select
									name="index"
									value={filters.index}
									onChange={(e) => set("index", Number(e.currentTarget.value))}
								>
									{Array.from({ length: INDEXES[filters.kind] ?? 0 }, (_, i) => (
										<option key={i} value={i + 1}>
											{i + 1}
										</option>
									))}
								</select>
							</label>
						)}
					</>
				)}
				<label>
					{t("reportScope")}
					<select value={filters.under} onChange={(e) => set("under", e.currentTarget.value)}>
						<option value="">{t("reportScopeOwn")}</option>
						{scopes.map((e) => (
							<option key={e.id} value={e.id}>
								{e.level === "commune" ? `\u2003${e.name}` : e.name}
							</option>
						))}
					</select>
				</label>
				<button type="submit">{t("reportShow")}</button>
			</form>
			{error && (
				<p role="alert" class="error">
					{error}
				</p>
			)}
			{form && (
				<>
					<section class="card stack" aria-labelledby="form-title">
						<h3 id="form-title">
							{form.scope.name} · {language === "vi" ? form.period.labelVi : form.period.labelEn} (
							{formatDate(`${form.period.firstDay}T12:00:00+07:00`)} –{" "}
							{formatDate(`${form.period.lastDay}T12:00:00+07:00`)})
						</h3>
						<FormTable form={form} onCell={openCell} />
						{form.columns.some((c) => !c.inOfficialForm) && <p class="muted">{t("reportNotInForm")}</p>}
					</section>
					{cell && (
						<section class="card stack" aria-labelledby="cell-title" data-testid="cell-cases">
							<h3 id="cell-title">
								{t("reportCellCases")}: {cell.title}
							</h3>
							{cell.items.length === 0 ? (
								<p class="muted">{t("reportCellEmpty")}</p>
							) : (
								<table>
									<tbody>
										{cell.items.map((c) => (
											<tr key={c.id}>
												<td>
													<a
														href={`/register/${c.id}`}
														onClick={(e) => {
															e.preventDefault();
															navigate(`/register/${c.id}`);
														}}
													>
														{c.registerNumber}
													</a>
												</td>
												<td>{formatDate(c.receivedAt)}</td>
												<td>{c.endpointName}</td>
												<td>{c.citizenName}</td>
												<td>{c.summary}</td>
												<td>
													{t("reportCounted")}: {c.counted}
												</td>
											</tr>
										))}
									</tbody>
								</table>
							)}
							<button type="button" class="secondary" onClick={() => setCell(null)}>
								{t("reportClose")}
							</button>
						</section>
					)}
					<Charts form={form} />
					<section class="card stack" aria-labelledby="download-title">
						<h3 id="download-title">{t("reportDownload")}</h3>
						<div class="filters">
							<label>
								{t("reportKindLabel")}
								<select value={report} onChange={(e) => setReport(e.currentTarget.value as "periodic" | "ad-hoc")}>
									<option value="periodic">{t("reportPeriodic")}</option>
									<option value="ad-hoc">{t("reportAdHoc")}</option>
								</select>
							</label>
							{report === "ad-hoc" &&
								REPORT_SECTIONS.map((s) => (
									<label key={s}>
										<input
											type="checkbox"
											checked={sections.includes(s)}
											onChange={(e) =>
												setSections((all) => (e.currentTarget.checked ? [...all, s] : all.filter((x) => x !== s)))
											}
										/>
										{t(`reportSection_${s}` as MessageKey)}
									</label>
								))}
						</div>
						<p class="actions">
							{(["xlsx", "pdf", "csv"] as const).map((ext) => (
								<button key={ext} type="button" onClick={() => void download(ext)} disabled={sections.length === 0}>
									{t("reportDownload")} {ext.toUpperCase()}
								</button>
							))}
						</p>
					</section>
				</>
			)}
		</div>
	);
}

function FormTable({
	form,
	onCell,
}: {
	form: FormResult;
	onCell: (column: string, title: string, unit?: string) => void;
}) {
	const { t, language } = useI18n();
	const { depth, cells } = headerCells(form.columns, language);
	const byRow = Array.from({ length: depth }, (_, r) => cells.filter((c) => c.row === r));
	const figure = (value: number, columnIndex: number, unit: { id?: string; name: string }) => {
		const column = form.columns[columnIndex];
		if (!column || value === 0) return <td class="num">{value}</td>;
		const title = `(${column.number}) ${column[language].join(" – ")} · ${unit.name}`;
		return (
			<td class="num">
				<button type="button" class="figure" title={title} onClick={() => onCell(column.id, title, unit.id)}>
					{value}
				</button>
			</td>
		);
	};
	return (
		<div class="table-scroll">
			<table class="report-form" data-testid="report-form">
				<thead>
					{byRow.map((row, r) => (
						<tr key={r}>
							{r === 0 && <th rowSpan={depth}>{t("reportUnit")}</th>}
							{row.map((h) => (
								<th key={`${h.row}-${h.col}`} colSpan={h.colSpan} rowSpan={h.rowSpan}>
									{h.text}
								</th>
							))}
						</tr>
					))}
					<tr>
						<th />
						{form.columns.map((c) => (
							<th key={c.id}>{c.number}</th>
						))}
					</tr>
				</thead>
				<tbody>
					{form.rows.map((row) => (
						<tr key={row.unitId}>
							<th scope="row">{row.name}</th>
							{row.values.map((v, i) => figure(v, i, { id: row.unitId, name: row.name }))}
						</tr>
					))}
					<tr class="total">
						<th scope="row">{t("reportTotal")}</th>
						{form.total.map((v, i) => figure(v, i, { name: t("reportTotal") }))}
					</tr>
				</tbody>
			</table>
		</div>
	);
}

/**
 * A chart over labelled categories (uPlot draws numbers on x; the labels replace them): bars, or a
 * line with points for a trend.
 */
function bars(
	title: string,
	/** What the categories are, and their full names: the legend names the one under the pointer. */
	category: { label: string; names?: string[] },
	labels: string[],
	series: { label: string; values: number[]; fill: string }[],
	host: HTMLElement,
	line = false,
) {
	const barPaths = line ? undefined : uPlot.paths.bars?.({ size: [0.6, 60] });
	return new uPlot(
		{
			title,
			width: Math.min(host.clientWidth || 900, 1100),
			height: 220,
			// Categories 0 … n-1, with half a slot of room each side so the end bars are whole.
			scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] } },
			axes: [{ splits: () => labels.map((_, i) => i), values: (_u, ticks) => ticks.map((i) => labels[i] ?? "") }, {}],
			series: [
				{ label: category.label, value: (_u, i) => (category.names ?? labels)[i] ?? "" },
				...series.map((s) =>
					line
						? { label: s.label, stroke: s.fill, width: 2, points: { show: true, size: 7 } }
						: { label: s.label, fill: s.fill, stroke: s.fill, paths: barPaths },
				),
			],
		},
		[labels.map((_, i) => i), ...series.map((s) => s.values)],
		host,
	);
}

function Charts({ form }: { form: FormResult }) {
	const { t, language } = useI18n();
	const host = useRef<HTMLDivElement>(null);
	useEffect(() => {
		const el = host.current;
		if (!el) return;
		const at = (id: string) => form.columns.findIndex((c) => c.id === id);
		const visitsOf = (values: number[]) => (values[at("regular.visits")] ?? 0) + (values[at("leaders.visits")] ?? 0);
		const content = form.columns
			.map((c, i) => ({ c, n: form.total[i] ?? 0 }))
			.filter(({ c }) => CONTENT_PREFIXES.some((p) => c.id.startsWith(p)));
		const plots = [
			bars(
				t("chartByMonth"),
				{ label: t("periodKind_month") },
				form.trend.months.map(formatMonth),
				[
					{ label: t("chartVisits"), values: form.trend.visits, fill: "#1a5fb4" },
					{ label: t("chartPeople"), values: form.trend.people, fill: "#2e9d4f" },
				],
				el,
				true,
			),
			bars(
				t("chartByUnit"),
				{ label: t("reportUnit"), names: form.rows.map((r) => r.name) },
				form.rows.map((r) => r.code),
				[{ label: t("chartVisits"), values: form.rows.map((r) => visitsOf(r.values)), fill: "#1a5fb4" }],
				el,
			),
			bars(
				t("chartByContent"),
				{ label: t("chartColumn") },
				content.map(({ c }) => String(c.number)),
				[{ label: t("chartMatters"), values: content.map(({ n }) => n), fill: "#c64600" }],
				el,
			),
		];
		return () => {
			for (const p of plots) p.destroy();
		};
	}, [form, language]);
	return <section class="card stack charts" ref={host} aria-label={t("chartByMonth")} data-testid="report-charts" />;
}
