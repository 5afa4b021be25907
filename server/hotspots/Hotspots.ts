import type { Connection } from "mongoose";
import type { Logger } from "pino";
import type { TokenClaims } from "../../domain/identity.js";
import type { Scope } from "../../domain/Scope.js";
import { type HotspotsServerNamespace, serveHotspots } from "../../signaling/HotspotsNamespace.js";
import { HOTSPOTS_NAMESPACE } from "../../signaling/namespaces.js";
import type { SessionServer } from "../../signaling/sockets.js";
import type { Alerts } from "../alerts/Alerts.js";
import type { TokenService } from "../auth/TokenService.js";
import type { Records } from "../records/Records.js";
import { Developments } from "./Developments.js";
import { type CreateDialogueSession, DialogueRequests } from "./DialogueRequests.js";
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
	/** Session creation, owned by the sessions module; the dialogue asked for from the board goes through it. */
	createSession: CreateDialogueSession;
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

	constructor(options: HotspotsOptions) {
		const { records, now } = options;
		this.news = new HotspotNews(options.logger, now);
		const deps = { records, news: this.news, now };
		this.watches = new Watches(deps);
		this.developments = new Developments(deps, this.watches);
		this.groups = new WorkingGroups(deps, this.watches);
		this.feed = new HotspotFeed(deps, this.watches);
		this.board = new HotspotBoard(options.connection, records, this.watches, now);
		this.dialogues = new DialogueRequests(records, this.watches, options.createSession);
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

	close(): void {
		this.monitor.close();
	}
}
