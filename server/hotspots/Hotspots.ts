import type { Connection } from "mongoose";
import type { Logger } from "pino";
import type { TokenClaims } from "../../domain/identity.js";
import type { Scope } from "../../domain/Scope.js";
import { type HotspotsServerNamespace, serveHotspots } from "../../signaling/HotspotsNamespace.js";
import { HOTSPOTS_NAMESPACE } from "../../signaling/namespaces.js";
import type { SessionServer } from "../../signaling/sockets.js";
import type { Alerts } from "../alerts/Alerts.js";
import type { TokenService } from "../auth/TokenService.js";
import { InFlight } from "../InFlight.js";
import type { JsonValue } from "../records/canonicalJson.js";
import type { Records } from "../records/Records.js";
import { Developments } from "./Developments.js";
import { DialogueRequests } from "./DialogueRequests.js";
import { HotspotBoard } from "./HotspotBoard.js";
import { HotspotFeed } from "./HotspotFeed.js";
import { HotspotMonitor } from "./HotspotMonitor.js";
import { HotspotNews } from "./HotspotNews.js";
import { Watches } from "./Watches.js";
import { WorkingGroups } from "./WorkingGroups.js";

export interface HotspotsOptions {
	connection: Connection;
	records: Records;
	/** The one alert model: the clock's alerts go there, per province. */
	alerts: Alerts;
	logger: Logger;
	/** The clock every rule and alert reads (tests control it). */
	now: () => Date;
	checkEveryMs: number;
}

/** The hot-spot watch (docs/hotspots.md): watch entries, developments, working groups, boards, feed, alerts. */
export class Hotspots {
	readonly news: HotspotNews;
	readonly watches: Watches;
	readonly developments: Developments;
	readonly groups: WorkingGroups;
	readonly feed: HotspotFeed;
	readonly board: HotspotBoard;
	readonly dialogues: DialogueRequests;
	readonly monitor: HotspotMonitor;
	readonly #logger: Logger;
	readonly #inFlight = new InFlight();

	constructor(options: HotspotsOptions) {
		const { records, now } = options;
		this.#logger = options.logger;
		this.news = new HotspotNews(options.logger, now);
		const deps = { records, news: this.news, now };
		this.watches = new Watches(deps);
		this.developments = new Developments(deps, this.watches);
		this.groups = new WorkingGroups(deps, this.watches);
		this.feed = new HotspotFeed(deps, this.watches);
		this.board = new HotspotBoard(options.connection, records, this.watches, now);
		this.dialogues = new DialogueRequests(records, this.watches);
		records.writer.on("written", ({ model, document }) => this.#recordWritten(model, document));
		this.monitor = new HotspotMonitor({
			records,
			watches: this.watches,
			groups: this.groups,
			dialogues: this.dialogues,
			alerts: options.alerts,
			news: this.news,
			now,
			checkEveryMs: options.checkEveryMs,
			logger: options.logger,
		});
	}

	/**
	 * Other modules' writes that concern the watch: an outcome comes onto its dialogue's watch entry at
	 * once (the clock's pass catches any missed); a second-instance decision or an issued conclusion
	 * notice is news for the feed's readers.
	 */
	#recordWritten(model: string, document: Record<string, JsonValue>): void {
		const scope = (document.scopeEndpointIds ?? []) as string[];
		if (model === "Outcome") {
			if (this.#inFlight.closed) return;
			this.#inFlight
				.track(this.dialogues.applyOutcomes())
				.catch((err: unknown) => this.#logger.warn({ err }, "dialogue outcome not brought onto its watch"));
		} else if (
			model === "Case" &&
			(document.resolution as { stage?: string } | undefined)?.stage === "second-instance"
		) {
			this.news.publish("feed", scope, { caseId: String(document.entityId) });
		} else if (model === "ReceptionSession" && document.status === "concluded") {
			this.news.publish("feed", scope, {});
		}
	}

	/** Serves `/hotspots` on the platform's Socket.IO server: live boards for watchers in scope. */
	attach(
		io: SessionServer,
		tokens: TokenService,
		scopeOf: (claims: TokenClaims) => Promise<Scope>,
		logger: Logger,
	): void {
		const namespace = io.of(HOTSPOTS_NAMESPACE) as unknown as HotspotsServerNamespace;
		this.news.attach(serveHotspots(namespace, { tokens, scopeOf, logger }));
	}

	/** Stops the clock's passes and waits for work under way (before the database closes). */
	async close(): Promise<void> {
		await Promise.all([this.monitor.close(), this.#inFlight.close()]);
	}
}
