import { useState } from "preact/hooks";
import type { NationalDbBatchView, NationalDbReceiptAnswer } from "../../../domain/api/nationalDb.js";
import { RECEIPT_MAX_BYTES } from "../../../domain/nationalDb.js";
import { useApp, useLoad } from "../AppContext.js";
import { errorText } from "../errorText.js";
import { formatDateTime } from "../format.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { openWithToken } from "../openWithToken.js";

const FILES = [
	{ file: "json", label: "JSON", name: (id: string) => `${id}.json` },
	{ file: "xml", label: "XML", name: (id: string) => `${id}.xml` },
	{ file: "manifest", label: "Manifest", name: (id: string) => `${id}.manifest.json` },
] as const;

/** What a receipt file must hold before it is sent (the server checks it again, field by field). */
function receiptOf(text: string): { batchId: string; results: unknown[] } | null {
	try {
		const parsed = JSON.parse(text) as { batchId?: unknown; results?: unknown };
		return typeof parsed.batchId === "string" && Array.isArray(parsed.results)
			? { batchId: parsed.batchId, results: parsed.results }
			: null;
	} catch {
		return null;
	}
}

/**
 * The export batches in the caller's scope: each batch's files to download again, and the national
 * database's receipt to import, which settles its records (acknowledged, or rejected with a reason).
 */
export function NationalDbBatches({
	mayWrite,
	generation,
	onSettled,
}: {
	mayWrite: boolean;
	/** Changes when a batch was made, so the list loads again. */
	generation: number;
	onSettled: () => void;
}) {
	const i18n = useI18n();
	const { t, language } = i18n;
	const { api } = useApp();
	const batches = useLoad(
		() => api.get<{ items: NationalDbBatchView[] }>("/api/nationaldb/batches"),
		`nationaldb-batches-${generation}`,
	);
	const [outcome, setOutcome] = useState<{ batchId: string; answer: NationalDbReceiptAnswer } | null>(null);
	const [failure, setFailure] = useState<string | null>(null);

	const importReceipt = async (batchId: string, input: HTMLInputElement) => {
		const file = input.files?.[0];
		input.value = "";
		if (!file) return;
		setOutcome(null);
		setFailure(null);
		if (file.size > RECEIPT_MAX_BYTES) {
			setFailure(fill(t("nationalDbReceiptTooLarge"), { limit: (RECEIPT_MAX_BYTES / 1_000_000).toString() }));
			return;
		}
		const receipt = receiptOf(await file.text());
		if (!receipt) {
			setFailure(t("nationalDbReceiptUnreadable"));
			return;
		}
		try {
			const answer = await api.post<NationalDbReceiptAnswer>(
				`/api/nationaldb/batches/${encodeURIComponent(batchId)}/receipt`,
				receipt,
			);
			setOutcome({ batchId, answer });
			batches.reload();
			onSettled();
		} catch (err) {
			setFailure(errorText(i18n, err));
		}
	};

	const items = batches.data?.items ?? [];
	return (
		<section class="card stack" aria-labelledby="batches-title" data-testid="nationaldb-batches">
			<h3 id="batches-title">{t("nationalDbBatches")}</h3>
			{failure && (
				<p role="alert" class="error">
					{failure}
				</p>
			)}
			{outcome && (
				<div role="status" data-testid="receipt-outcome">
					<p>
						{fill(t("nationalDbReceiptDone"), {
							acknowledged: outcome.answer.acknowledged.toLocaleString(language),
							rejected: outcome.answer.rejected.toLocaleString(language),
						})}
						{outcome.answer.unanswered > 0 &&
							` ${fill(t("nationalDbReceiptUnanswered"), { n: outcome.answer.unanswered.toLocaleString(language) })}`}
					</p>
					{outcome.answer.rejections.length > 0 && (
						<ul>
							{outcome.answer.rejections.map((r) => (
								<li key={r.key}>
									<code>{r.key}</code> — {t("nationalDbReason")}: {r.reason}
								</li>
							))}
						</ul>
					)}
				</div>
			)}
			{items.length === 0 ? (
				<p class="muted">{t("nationalDbNoBatches")}</p>
			) : (
				<table data-testid="batches">
					<thead>
						<tr>
							<th>{t("nationalDbBatchMade")}</th>
							<th>{t("nationalDbBatchRecords")}</th>
							<th>{t("nationalDbBatchFiles")}</th>
							<th>{t("nationalDbBatchReceipt")}</th>
						</tr>
					</thead>
					<tbody>
						{items.map((b) => (
							<tr key={b.id} data-batch={b.id}>
								<td>{formatDateTime(b.createdAt)}</td>
								<td class="num">{b.recordCount.toLocaleString(language)}</td>
								<td>
									{b.adapter === "export"
										? FILES.map((f, n) => (
												<span key={f.file}>
													{n > 0 && " · "}
													<a
														href={`/api/nationaldb/batches/${b.id}/${f.file}`}
														onClick={(e) =>
															openWithToken(
																e,
																api.accessToken,
																`/api/nationaldb/batches/${b.id}/${f.file}`,
																f.name(b.id),
															).catch((err: unknown) => setFailure(errorText(i18n, err)))
														}
													>
														{f.label}
													</a>
												</span>
											))
										: "—"}
								</td>
								<td>
									{b.receiptAt
										? fill(t("nationalDbReceiptAt"), { at: formatDateTime(b.receiptAt) })
										: t("nationalDbAwaitingReceipt")}
									{mayWrite && b.adapter === "export" && (
										<label class="file">
											{" "}
											{t("nationalDbImportReceipt")}{" "}
											<input
												type="file"
												accept="application/json,.json"
												onChange={(e) => void importReceipt(b.id, e.currentTarget)}
											/>
										</label>
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</section>
	);
}
