import { createHash } from "node:crypto";
import { ConflictError, NotFoundError, ValidationError } from "../../../domain/errors.js";
import { sha256Hex } from "../../documents/BlobStore.js";
import type { DocumentFonts } from "../../documents/fonts.js";
import { renderOfficialPdf } from "../../documents/renderOfficialPdf.js";
import type { AuditActor } from "../../records/AuditLog.js";
import type { OutcomeRecord } from "../../records/models/Outcome.js";
import type { ReceptionSessionRecord } from "../../records/models/ReceptionSession.js";
import type { Records } from "../../records/Records.js";
import type { WriteOutcome } from "../../records/RecordWriter.js";
import { RevisionStore } from "../../records/RevisionStore.js";
import { transitionChanges } from "../../records/SessionLifecycle.js";
import { NoticeFrozenError } from "../errors.js";
import type { IssuedNoticeRecord } from "../models/IssuedNotice.js";
import { noticeContent } from "./NoticeContent.js";
import { NOTICE_KIND, noticeDocument } from "./noticeDocument.js";
import type { NoticeContent, NoticeDetails } from "./noticeShape.js";

/** A changed decision about one case, made by a correction of the issued notice. */
export interface OutcomeCorrection {
	caseId: string;
	direction?: OutcomeRecord["direction"];
	conclusion?: string;
	agencyViews?: OutcomeRecord["agencyViews"];
	assignments?: OutcomeRecord["assignments"];
}

export interface NoticeCorrection {
	reason: string;
	/** The version the corrector saw; a newer one means someone corrected it meanwhile. */
	expectedVersion?: number;
	outcomes?: OutcomeCorrection[];
	notice?: Partial<NoticeDetails>;
}

/** Stable ids, so a retried issue finds what an interrupted one wrote instead of forking. */
const noticeId = (sessionId: string, version: number) =>
	createHash("sha256").update(`notice\n${sessionId}\n${version}`).digest("hex").slice(0, 24);

/**
 * Issues a session's conclusion notice and keeps it frozen: the PDF is rendered once, stored by its
 * SHA-256 and recorded (hash, number, content) through the audited writer; every later download
 * returns those bytes. A correction issues the next version with its reason, superseding the last.
 */
export class NoticeIssuer {
	readonly #records: Records;
	readonly #fonts: DocumentFonts;
	readonly #notices: RevisionStore<IssuedNoticeRecord>;

	constructor(records: Records, fonts: DocumentFonts) {
		this.#records = records;
		this.#fonts = fonts;
		this.#notices = new RevisionStore(records.models, "IssuedNotice", records.writer);
	}

	/** Every issued version of the session's notice, oldest first. */
	async versions(sessionId: string): Promise<IssuedNoticeRecord[]> {
		return this.#records.models.IssuedNotice.find({ sessionId }).sort({ rev: 1 }).lean<IssuedNoticeRecord[]>();
	}

	/** The notice as it would be issued now, marked as a draft. */
	draft(session: ReceptionSessionRecord): Promise<NoticeContent> {
		const number = session.notice?.number ?? "";
		return noticeContent(this.#records, session, { number }, { draft: true, date: new Date() });
	}

	render(content: NoticeContent): Promise<Buffer> {
		return renderOfficialPdf(noticeDocument(content), this.#fonts, {
			title: `${NOTICE_KIND} ${content.issuer.number ?? ""}`.trim(),
			subject: content.excerpt,
		});
	}

	/** One version's stored PDF, checked against the hash its record carries. */
	async pdf(sessionId: string, version: number): Promise<{ data: Buffer; notice: IssuedNoticeRecord }> {
		const notice = (await this.versions(sessionId)).find((n) => n.rev === version);
		if (!notice) throw new NotFoundError(`version ${version} of the notice of session ${sessionId}`);
		const blob = await this.#records.blobs.get(notice.sha256);
		if (!blob) throw new NotFoundError(`the PDF of version ${version} of the notice of session ${sessionId}`);
		return { data: blob.data, notice };
	}

	/** Concludes an ended session by issuing version 1 of its notice. */
	async issue(
		session: ReceptionSessionRecord,
		details: NoticeDetails,
		actor: AuditActor,
		expectedRev?: number,
	): Promise<WriteOutcome> {
		if (session.status === "concluded") throw new NoticeFrozenError(session.entityId, "it changes");
		if (session.status !== "ended") throw new ConflictError(`a ${session.status} session cannot become concluded`);
		const id = noticeId(session.entityId, 1);
		// An earlier attempt may have issued it and stopped before concluding the session: finish that one.
		const issued =
			(await this.#notices.revision(id)) ??
			(await this.#write(session, details, actor, { version: 1, date: new Date() }));
		return this.#records.sessions.revise(
			session.entityId,
			transitionChanges(session, { to: "concluded", notice: this.#ref(issued, details) }),
			{ kind: "transition", expectedRev },
			actor,
		);
	}

	/**
	 * Changes what an issued notice states: the corrected outcomes are revised as corrections with the
	 * reason, then the next version is issued, naming the one it replaces. Everything is checked first.
	 */
	async correct(
		session: ReceptionSessionRecord,
		correction: NoticeCorrection,
		actor: AuditActor,
	): Promise<WriteOutcome> {
		if (session.status !== "concluded") {
			throw new ConflictError(`session ${session.entityId} is ${session.status}: its notice is not issued yet`);
		}
		const versions = await this.versions(session.entityId);
		const last = versions.at(-1);
		if (!last) throw new ConflictError(`session ${session.entityId} has no issued notice to correct`);
		if (correction.expectedVersion !== undefined && correction.expectedVersion !== last.rev) {
			throw new ConflictError(`the notice is at version ${last.rev}, not ${correction.expectedVersion}`);
		}
		const writes = await this.#outcomeWrites(session, correction.outcomes ?? []);
		for (const write of writes) await write(actor, correction.reason);
		const details: NoticeDetails = { ...last.details, ...correction.notice };
		const issued = await this.#write(session, details, actor, {
			version: last.rev + 1,
			date: new Date(),
			previous: last,
			reason: correction.reason,
		});
		return this.#records.sessions.revise(
			session.entityId,
			{ notice: this.#ref(issued, details) },
			{ kind: "correction", reason: correction.reason },
			actor,
		);
	}

	/** Checks every outcome correction against the record, then returns the writes to make. */
	async #outcomeWrites(
		session: ReceptionSessionRecord,
		corrections: OutcomeCorrection[],
	): Promise<((actor: AuditActor, reason: string) => Promise<unknown>)[]> {
		const outcomes = await this.#records.outcomes.find({ sessionId: session.entityId });
		return corrections.map((c, i) => {
			if (!session.caseIds.includes(c.caseId)) {
				throw new ValidationError(`outcomes.${i}.caseId: case ${c.caseId} is not on this session's agenda`, [
					{ path: `body.outcomes.${i}.caseId`, message: "not on this session's agenda" },
				]);
			}
			const { caseId, ...changes } = c;
			const existing = outcomes.find((o) => o.caseId === caseId);
			if (existing) {
				return (actor, reason) =>
					this.#records.outcomes.revise(existing.entityId, changes, { kind: "correction", reason }, actor);
			}
			if (!c.direction || !c.conclusion) {
				throw new ValidationError(`outcomes.${i}: a new outcome needs its direction and conclusion`, [
					{ path: `body.outcomes.${i}.direction`, message: "required for a case without an outcome" },
				]);
			}
			return (actor) =>
				this.#records.outcomes.create(
					{
						agencyViews: [],
						assignments: [],
						...changes,
						sessionId: session.entityId,
						caseId,
						followUpStatus: "pending",
						scopeEndpointIds: session.scopeEndpointIds,
					},
					actor,
				);
		});
	}

	/** Renders, stores the bytes, and records the version with its hash (through the audit chain). */
	async #write(
		session: ReceptionSessionRecord,
		details: NoticeDetails,
		actor: AuditActor,
		at: { version: number; date: Date; previous?: IssuedNoticeRecord; reason?: string },
	): Promise<IssuedNoticeRecord> {
		const previous = at.previous;
		const content = await noticeContent(this.#records, session, details, {
			draft: false,
			date: at.date,
			...(previous && at.reason
				? {
						correction: {
							replacesNumber: previous.number,
							replacesDate: new Date(previous.issuedAt),
							replacesVersion: previous.rev,
							reason: at.reason,
						},
					}
				: {}),
		});
		const pdf = await this.render(content);
		const sha256 = await this.#records.blobs.put(pdf, "application/pdf");
		if (sha256 !== sha256Hex(pdf)) throw new Error("the stored notice does not hash to its bytes");
		const record = {
			sessionId: session.entityId,
			number: details.number,
			issuedAt: at.date,
			sha256,
			size: pdf.byteLength,
			content,
			details,
			...(previous ? { replaces: { version: previous.rev, number: previous.number, sha256: previous.sha256 } } : {}),
			scopeEndpointIds: session.scopeEndpointIds,
		};
		const id = noticeId(session.entityId, at.version);
		const written = previous
			? await this.#notices.revise(
					previous.entityId,
					record,
					{ kind: "correction", reason: at.reason, expectedRev: previous.rev },
					actor,
					id,
				)
			: await this.#notices.create(record, actor, id);
		return written.document as unknown as IssuedNoticeRecord;
	}

	#ref(issued: IssuedNoticeRecord, details: NoticeDetails) {
		return {
			number: issued.number,
			...(details.place ? { place: details.place } : {}),
			version: issued.rev,
			sha256: issued.sha256,
			noticeId: String(issued._id),
		};
	}
}
