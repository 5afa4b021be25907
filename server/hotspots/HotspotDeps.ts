import type { Records } from "../records/Records.js";
import type { HotspotNews } from "./HotspotNews.js";

/** What every hot-spot service works with: the record, the live news of changes, and the clock. */
export interface HotspotDeps {
	records: Records;
	news: HotspotNews;
	now: () => Date;
}
