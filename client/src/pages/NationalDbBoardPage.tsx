import { useState } from "preact/hooks";
import type { CompletenessBoard } from "../../../domain/api/nationalDb.js";
import { FIX_RESOURCE } from "../../../domain/nationalDb.js";
import { can } from "../../../domain/permissions.js";
import { useApp, useLoad } from "../AppContext.js";
import { NationalDbBatches } from "../components/NationalDbBatches.js";
import { formatDateTime } from "../format.js";
import { fill } from "../i18n/fill.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";

/** How long a record has waited, in the largest whole unit. */
function age(seconds: number | null, t: (k: MessageKey) => string): string {
	if (seconds === null) return "—";
	if (seconds < 3600) return fill(t("durationMinutes"), { n: Math.floor(seconds / 60) });
	if (seconds < 86_400) return fill(t("durationHours"), { n: Math.floor(seconds / 3600) });
	return fill(t("durationDays"), { n: Math.floor(seconds / 86_400) });
}

/**
 * The directive's "check data entry": per province and commune, what reached the national database,
 * what waits, what it rejected and why; a rejected record opens the screen that fixes it.
 */
export function NationalDbBoardPage() {
	const { t } = useI18n();
	const { api, identity } = useApp();
	const board = useLoad(() => api.get<CompletenessBoard>("/api/nationaldb/board"), "nationaldb-board");
	const mayWrite = can(identity, "write", { type: "nationaldb" });
	const data = board.data;
	const [batchesMade, setBatchesMade] = useState(0);

	const retry = async (key: string) => {
		await api.post(`/api/nationaldb/items/${encodeURIComponent(key)}/retry`, {});
		board.reload();
	};
	const exportBatch = async () => {
		const batch = await api.post<{ id: string }>("/api/nationaldb/batches", {});
		for (const file of ["json", "xml", "manifest"]) {
			const blob = await api.blob(`/api/nationaldb/batches/${batch.id}/${file}`);
			const a = document.createElement("a");
			a.href = URL.createObjectURL(blob);
			a.download = file === "manifest" ? `${batch.id}.manifest.json` : `${batch.id}.${file}`;
			a.click();
		}
		setBatchesMade((n) => n + 1);
		board.reload();
	};

	return (
		<div class="stack" data-testid="nationaldb-board">
			<h2>{t("nationalDb")}</h2>
			{board.error !== null && (
				<p role="alert" class="error">
					{t("loadFailed")}
				</p>
			)}
			{data && (
				<>
					<p>
						{t("nationalDbMode")}: {t(`nationalDbMode_${data.mode}` as MessageKey)}
					</p>
					{mayWrite && data.mode === "export" && data.totals.unsynchronised > 0 && (
						<p class="actions">
							<button type="button" onClick={() => void exportBatch()}>
								{t("nationalDbExport")}
							</button>
						</p>
					)}
					<section class="card">
						<table data-testid="completeness">
							<thead>
								<tr>
									<th>{t("nationalDbProvince")}</th>
									<th>{t("nationalDbCommune")}</th>
									<th>{t("nationalDbAcknowledged")}</th>
									<th>{t("nationalDbUnsynchronised")}</th>
									<th>{t("nationalDbRejected")}</th>
									<th>{t("nationalDbOldest")}</th>
								</tr>
							</thead>
							<tbody>
								{data.rows.map((r) => (
									<tr key={`${r.provinceId}/${r.communeId}`} class={r.rejected > 0 ? "warn" : ""}>
										<td>{r.provinceName}</td>
										<td>{r.communeName ?? "—"}</td>
										<td class="num">{r.acknowledged}</td>
										<td class="num">{r.unsynchronised}</td>
										<td class="num">{r.rejected}</td>
										<td>{age(r.oldestPendingSeconds, t)}</td>
									</tr>
								))}
								<tr class="total">
									<th colSpan={2}>{t("reportTotal")}</th>
									<td class="num">{data.totals.acknowledged}</td>
									<td class="num">{data.totals.unsynchronised}</td>
									<td class="num">{data.totals.rejected}</td>
									<td>{age(data.totals.oldestPendingSeconds, t)}</td>
								</tr>
							</tbody>
						</table>
					</section>
					<section class="card stack" aria-labelledby="rejected-title">
						<h3 id="rejected-title">{t("nationalDbRejectedList")}</h3>
						{data.rejected.length === 0 ? (
							<p class="muted">{t("nationalDbNothing")}</p>
						) : (
							<table data-testid="rejected">
								<tbody>
									{data.rejected.map((r) => (
										<tr key={r.key}>
											<td>{t(`nationalDbKind_${r.kind}` as MessageKey)}</td>
											<td>{r.provinceName}</td>
											<td>{r.communeName ?? "—"}</td>
											<td>{formatDateTime(r.rejectedAt)}</td>
											<td>
												{t("nationalDbReason")}: {r.reason}
											</td>
											<td>
												{/* IT staff cannot open a case: the fix is the office's, named instead of a dead link. */}
												{can(identity, "write", { type: FIX_RESOURCE[r.kind] }) ? (
													<a
														href={r.fixPath}
														onClick={(e) => {
															e.preventDefault();
															navigate(r.fixPath);
														}}
													>
														{t("nationalDbFix")}
													</a>
												) : (
													<span class="muted">{t("nationalDbFixByOffice")}</span>
												)}
												{mayWrite && (
													<>
														{" · "}
														<button type="button" class="link" onClick={() => void retry(r.key)}>
															{t("nationalDbRetry")}
														</button>
													</>
												)}
											</td>
										</tr>
									))}
								</tbody>
							</table>
						)}
					</section>
					{data.mode === "export" && (
						<NationalDbBatches mayWrite={mayWrite} generation={batchesMade} onSettled={board.reload} />
					)}
				</>
			)}
		</div>
	);
}
