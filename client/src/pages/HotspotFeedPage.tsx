import { useState } from "preact/hooks";
import type { FeedItem } from "../../../domain/api/hotspots.js";
import { FEED_KINDS } from "../../../domain/hotspots.js";
import { can } from "../../../domain/permissions.js";
import { useApp, useLoad } from "../AppContext.js";
import { ErrorIssues } from "../components/ErrorIssues.js";
import { VocabularySelect } from "../components/VocabularySelect.js";
import { formatDateTime } from "../format.js";
import { feedItemText } from "../hotspots/hotspotText.js";
import { useHotspotChanges } from "../hotspots/useHotspotChanges.js";
import { fill } from "../i18n/fill.js";
import { type MessageKey, useI18n } from "../i18n/index.js";

/**
 * What the central office is kept informed of (and a province's inspectorate): second-instance
 * decisions, conclusion notices, watch status changes, developments; a central officer acknowledges
 * each, and the province sees who did.
 */
export function HotspotFeedPage() {
	const { t, language } = useI18n();
	const { api, identity, endpoints } = useApp();
	const [kind, setKind] = useState("");
	const [open, setOpen] = useState(false);
	const query = `?limit=200${kind ? `&kind=${kind}` : ""}${open ? "&unacknowledged=true" : ""}`;
	const feed = useLoad(() => api.get<{ items: FeedItem[] }>(`/api/hotspots/feed${query}`), query);
	useHotspotChanges(() => feed.reload());
	const [error, setError] = useState<unknown>(null);
	const mayAcknowledge = can(identity, "acknowledge", { type: "feed" });

	const acknowledge = async (item: FeedItem) => {
		setError(null);
		try {
			await api.post("/api/hotspots/feed/acknowledgements", { itemId: item.id });
			feed.reload();
		} catch (err) {
			setError(err);
		}
	};

	return (
		<div class="stack" data-testid="hotspot-feed">
			<h2>{t("hotspotFeed")}</h2>
			<div class="filters card">
				<VocabularySelect
					label="hotspotKind"
					values={FEED_KINDS}
					prefix="feedKind"
					value={kind}
					onChange={setKind}
					any
				/>
				<label class="check">
					<input type="checkbox" checked={open} onChange={(e) => setOpen(e.currentTarget.checked)} />
					{t("hotspotOnlyUnacknowledged")}
				</label>
			</div>
			{error !== null && <ErrorIssues error={error} />}
			{feed.data && feed.data.items.length === 0 && <p class="muted">{t("hotspotFeedNone")}</p>}
			<ul class="stack" data-testid="feed-items">
				{(feed.data?.items ?? []).map((item) => (
					<li key={item.id} class="card" data-item={item.id}>
						<p>
							<strong>{t(`feedKind_${item.kind}` as MessageKey)}</strong> — {formatDateTime(item.at, language)}
							{item.provinceId && ` — ${endpoints.get(item.provinceId)?.name ?? item.provinceId}`}
						</p>
						<p>{feedItemText(t, item)}</p>
						{item.acknowledged ? (
							<p class="muted" data-testid="acknowledged">
								{fill(t("hotspotAcknowledged"), {
									name: item.acknowledged.name,
									time: formatDateTime(item.acknowledged.at, language),
								})}
							</p>
						) : mayAcknowledge ? (
							<button type="button" onClick={() => acknowledge(item)}>
								{t("hotspotAcknowledge")}
							</button>
						) : (
							<p class="muted">{t("hotspotNotAcknowledged")}</p>
						)}
					</li>
				))}
			</ul>
		</div>
	);
}
