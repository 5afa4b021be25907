import { useState } from "preact/hooks";
import type { CaseView } from "../../../domain/api/register.js";
import {
	type DelegationRule,
	RESOLUTION_STAGES,
	type RegisterField,
	representativeBounds,
} from "../../../domain/register.js";
import { CASE_CONTENT_TYPES, CASE_STATUSES } from "../../../domain/vocabulary.js";
import { useApp, useLoad } from "../AppContext.js";
import { ApiError } from "../api/ApiClient.js";
import { dateTimeInput } from "../format.js";
import { fill } from "../i18n/fill.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { DateTimeField, DayField } from "./DateFields.js";
import { EndpointSelect } from "./EndpointSelect.js";
import { VocabularySelect } from "./VocabularySelect.js";

interface CitizenDraft {
	fullName: string;
	idNumber: string;
	address: string;
	isRepresentative: boolean;
}

const FLAGS = ["complex", "hotSpotRisk", "ethnicReligious"] as const;

export interface CaseFormProps {
	/** The case being corrected; a new case when absent. */
	initial?: CaseView;
	/** The session the case is entered during. */
	sessionId?: string;
	/** Sends the request body; throws an ApiError to show. */
	onSubmit(body: Record<string, unknown>, reason: string, voided: boolean): Promise<void>;
}

/** Entering a case, or correcting one with a reason: the register's fields, Vietnamese first. */
export function CaseForm({ initial, sessionId, onSubmit }: CaseFormProps) {
	const { t } = useI18n();
	const { api, identity, endpoints } = useApp();
	const catalogue = useLoad(
		() => api.get<{ items: RegisterField[]; delegationRule: DelegationRule }>("/api/cases/fields"),
		"fields",
	);
	const correcting = initial !== undefined;
	const [endpointId, setEndpointId] = useState(initial?.endpointId ?? identity.endpointId);
	const [receivedAt, setReceivedAt] = useState(dateTimeInput(initial ? new Date(initial.receivedAt) : new Date()));
	const [citizens, setCitizens] = useState<CitizenDraft[]>(
		initial?.citizens.map((c) => ({ ...c })) ?? [{ fullName: "", idNumber: "", address: "", isRepresentative: false }],
	);
	const [peopleCount, setPeopleCount] = useState(initial?.peopleCount ?? 1);
	const [provinceId, setProvinceId] = useState(initial?.home.provinceId ?? "");
	const [communeId, setCommuneId] = useState(initial?.home.communeId ?? "");
	const [contentType, setContentType] = useState<string>(initial?.contentType ?? "petition");
	const [field, setField] = useState(initial?.field ?? "admin.land");
	const [summary, setSummary] = useState(initial?.summary ?? "");
	const [request, setRequest] = useState(initial?.request ?? "");
	const [notes, setNotes] = useState(initial?.notes ?? "");
	const [status, setStatus] = useState<string>(initial?.status ?? "received");
	const [stage, setStage] = useState<string>(initial?.resolution.stage ?? "not-handled");
	const [documentNumber, setDocumentNumber] = useState(initial?.resolution.documentNumber ?? "");
	const [documentDate, setDocumentDate] = useState(initial?.resolution.date?.slice(0, 10) ?? "");
	const [issuer, setIssuer] = useState(initial?.resolution.issuer ?? "");
	const [flags, setFlags] = useState<Record<string, boolean>>(
		Object.fromEntries(FLAGS.map((f) => [f, initial?.[f] ?? false])),
	);
	const [reason, setReason] = useState("");
	const [voided, setVoided] = useState(false);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<ApiError | null>(null);

	const all = [...endpoints.values()];
	const provinces = all.filter((e) => e.level === "province");
	const communes = all.filter((e) => e.parentId === provinceId);
	const rule = catalogue.data?.delegationRule;
	const bounds = rule ? representativeBounds(peopleCount, rule) : null;

	const setCitizen = (i: number, change: Partial<CitizenDraft>) =>
		setCitizens(citizens.map((c, k) => (k === i ? { ...c, ...change } : c)));

	const submit = async (e: Event) => {
		e.preventDefault();
		setBusy(true);
		setError(null);
		const unchangedTime = initial && receivedAt === dateTimeInput(new Date(initial.receivedAt));
		const body: Record<string, unknown> = {
			// A correction that leaves the time alone keeps it to the second.
			...(unchangedTime ? {} : { receivedAt: new Date(receivedAt).toISOString() }),
			citizens: citizens.map((c) => ({
				fullName: c.fullName,
				idNumber: c.idNumber,
				address: c.address,
				isRepresentative: c.isRepresentative,
			})),
			peopleCount,
			home: { ...(provinceId ? { provinceId } : {}), ...(communeId ? { communeId } : {}) },
			contentType,
			field,
			summary,
			request,
			notes,
			status,
			resolution:
				stage === "not-handled"
					? { stage }
					: { stage, documentNumber, ...(documentDate ? { date: documentDate } : {}), issuer },
			...flags,
			...(correcting ? {} : { endpointId, ...(sessionId ? { sessionId } : {}) }),
		};
		try {
			await onSubmit(body, reason, voided);
		} catch (err) {
			setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL_ERROR", String(err)));
		} finally {
			setBusy(false);
		}
	};

	return (
		<form class="card stack case-form" onSubmit={submit} data-testid="case-form">
			{!correcting && (
				<EndpointSelect label="receivingEndpoint" endpoints={all} value={endpointId} onChange={setEndpointId} />
			)}
			<label>
				{t("receivedAt")}
				<DateTimeField required value={receivedAt} onChange={(v) => setReceivedAt(v)} />
			</label>
			<fieldset>
				<legend>{t("citizens")}</legend>
				{citizens.map((c, i) => (
					<div class="citizen" key={String(i)} data-testid="citizen">
						<strong>{fill(t("citizen"), { n: i + 1 })}</strong>
						<label>
							{t("fullName")}
							<input required value={c.fullName} onInput={(e) => setCitizen(i, { fullName: e.currentTarget.value })} />
						</label>
						<label>
							{t("idNumber")}
							<input
								required
								inputMode="numeric"
								value={c.idNumber}
								onInput={(e) => setCitizen(i, { idNumber: e.currentTarget.value.trim() })}
							/>
						</label>
						<label>
							{t("address")}
							<input required value={c.address} onInput={(e) => setCitizen(i, { address: e.currentTarget.value })} />
						</label>
						<label class="check">
							<input
								type="checkbox"
								checked={c.isRepresentative}
								onChange={(e) => setCitizen(i, { isRepresentative: e.currentTarget.checked })}
							/>
							{t("isRepresentative")}
						</label>
						{citizens.length > 1 && (
							<button type="button" class="link" onClick={() => setCitizens(citizens.filter((_, k) => k !== i))}>
								{t("removeCitizen")}
							</button>
						)}
					</div>
				))}
				<button
					type="button"
					class="secondary"
					onClick={() =>
						setCitizens([...citizens, { fullName: "", idNumber: "", address: "", isRepresentative: false }])
					}
				>
					{t("addCitizen")}
				</button>
			</fieldset>
			<label>
				{t("peopleCount")}
				<input
					type="number"
					min={1}
					value={peopleCount}
					onInput={(e) => setPeopleCount(Number(e.currentTarget.value))}
				/>
			</label>
			{bounds && rule && (
				<p class="muted" data-testid="delegation-hint">
					{fill(t("delegationHint"), { min: rule.minPeople, source: rule.source })}
					{!rule.verified && ` ${t("delegationUnverified")}`}
				</p>
			)}
			<EndpointSelect
				label="homeProvince"
				endpoints={provinces}
				value={provinceId}
				onChange={(id) => {
					setProvinceId(id);
					setCommuneId("");
				}}
				empty="homeSameAsEndpoint"
			/>
			{communes.length > 0 && (
				<EndpointSelect label="homeCommune" endpoints={communes} value={communeId} onChange={setCommuneId} empty="—" />
			)}
			<VocabularySelect
				label="contentType"
				values={CASE_CONTENT_TYPES}
				prefix="contentType"
				value={contentType}
				onChange={setContentType}
			/>
			<FieldSelect fields={catalogue.data?.items ?? []} value={field} onChange={setField} />
			<label>
				{t("summary")}
				<textarea required rows={4} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
			</label>
			<label>
				{t("citizenRequest")}
				<textarea required rows={2} value={request} onInput={(e) => setRequest(e.currentTarget.value)} />
			</label>
			<fieldset>
				<legend>{t("flags")}</legend>
				{FLAGS.map((f) => (
					<label class="check" key={f}>
						<input
							type="checkbox"
							checked={flags[f] ?? false}
							onChange={(e) => setFlags({ ...flags, [f]: e.currentTarget.checked })}
						/>
						{t(`flag_${f}` as MessageKey)}
					</label>
				))}
			</fieldset>
			<VocabularySelect
				label="resolutionStage"
				values={RESOLUTION_STAGES}
				prefix="stage"
				value={stage}
				onChange={setStage}
			/>
			{stage !== "not-handled" && (
				<div class="inline-fields">
					<label>
						{t("documentNumber")}
						<input value={documentNumber} onInput={(e) => setDocumentNumber(e.currentTarget.value)} />
					</label>
					<label>
						{t("documentDate")}
						<DayField value={documentDate} onChange={(v) => setDocumentDate(v)} />
					</label>
					<label>
						{t("issuer")}
						<input value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} />
					</label>
				</div>
			)}
			<VocabularySelect
				label="caseStatus"
				values={CASE_STATUSES}
				prefix="caseStatus"
				value={status}
				onChange={setStatus}
			/>
			<label>
				{t("notes")}
				<textarea rows={2} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
			</label>
			{correcting && (
				<>
					<label>
						{t("correctionReason")}
						<input required minLength={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
					</label>
					<label class="check">
						<input type="checkbox" checked={voided} onChange={(e) => setVoided(e.currentTarget.checked)} />
						{t("voidCase")}
					</label>
				</>
			)}
			{error && (
				<div role="alert" class="error">
					<p>{t(`error_${error.code}` as MessageKey)}</p>
					<ul>
						{(error.issues.length > 0 ? error.issues : [{ path: "", message: error.message }]).map((i) => (
							<li key={i.path}>
								{i.path && <code>{i.path}</code>} {i.message}
							</li>
						))}
					</ul>
				</div>
			)}
			<p>
				<button type="submit" disabled={busy}>
					{busy ? t("saving") : correcting ? t("correct") : t("save")}
				</button>
			</p>
		</form>
	);
}

export function FieldSelect({
	fields,
	value,
	onChange,
	any,
}: {
	fields: readonly RegisterField[];
	value: string;
	onChange(code: string): void;
	/** Offer "any" (a search filter). */
	any?: boolean;
}) {
	const { t, language } = useI18n();
	return (
		<label>
			{t("field")}
			<select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
				{any && <option value="">{t("anyValue")}</option>}
				{fields.map((f) => (
					<option key={f.code} value={f.code}>
						{f[language]}
					</option>
				))}
			</select>
		</label>
	);
}
