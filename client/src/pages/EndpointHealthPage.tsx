import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useApp, useLoad } from "../AppContext.js";
import { formatDateTime, OFFICIAL_TIME_ZONE, officialDateTemplate } from "../format.js";
import { useI18n } from "../i18n/index.js";

interface Sample {
	at: string;
	status: string;
	client: { rttMs?: number; packetLossPct?: number; recvBitrateKbps?: number; sendBitrateKbps?: number };
}

/** One endpoint's round-trip time, loss and bitrate over the last day. */
export function EndpointHealthPage({ endpointId }: { endpointId: string }) {
	const { t, language } = useI18n();
	const numberLocale = language === "vi" ? "vi-VN" : "en-GB";
	const { api, endpoints, presence } = useApp();
	const history = useLoad(
		() => api.get<{ items: Sample[] }>(`/api/health/endpoints/${endpointId}/history`),
		`h-${endpointId}`,
	);
	const charts = useRef<HTMLDivElement>(null);

	useEffect(() => {
		const host = charts.current;
		const samples = [...(history.data?.items ?? [])].reverse();
		if (!host || samples.length === 0) return;
		const times = samples.map((s) => new Date(s.at).getTime() / 1000);
		const series = (label: string, pick: (s: Sample) => number | undefined, stroke: string) =>
			new uPlot(
				{
					title: label,
					width: Math.min(host.clientWidth || 900, 1200),
					height: 180,
					// The axis in official time too, not the computer's zone.
					tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), OFFICIAL_TIME_ZONE),
					fmtDate: (template) => uPlot.fmtDate(officialDateTemplate(template)),
					// The legend in the reader's words and formats: "Thời điểm: 03/12/2026 14:05", "12,5".
					series: [
						{ label: t("chartTime"), value: (_u, v) => (v == null ? "—" : formatDateTime(v * 1000)) },
						{ label, stroke, width: 2, value: (_u, v) => (v == null ? "—" : v.toLocaleString(numberLocale)) },
					],
					axes: [{}, { values: (_u, ticks) => ticks.map((v) => v.toLocaleString(numberLocale)) }],
				},
				[times, samples.map((s) => pick(s) ?? null)],
				host,
			);
		const plots = [
			series(t("chartRtt"), (s) => s.client.rttMs, "#1a5fb4"),
			series(t("chartLoss"), (s) => s.client.packetLossPct, "#d0312d"),
			series(t("chartBitrate"), (s) => s.client.recvBitrateKbps, "#2e9d4f"),
		];
		return () => {
			for (const p of plots) p.destroy();
		};
	}, [history.data]);

	const state = presence.endpoints.find((e) => e.endpointId === endpointId);
	return (
		<section class="card stack" aria-labelledby="endpoint-title" data-testid="endpoint-health">
			<h2 id="endpoint-title">{endpoints.get(endpointId)?.name ?? endpointId}</h2>
			{state && (
				<p>
					{t(`state_${state.state}`)} · {t("lastSeen")}: {formatDateTime(state.lastSeen, language)}
				</p>
			)}
			{(history.data?.items ?? []).length === 0 && <p class="muted">{t("noHistory")}</p>}
			<div ref={charts} />
		</section>
	);
}
