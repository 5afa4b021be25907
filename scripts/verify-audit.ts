// npm run audit:verify: checks the audit log's hash chain and every audited record against it.
// Exits 1 when anything was tampered with or is missing.
import { loadConfig } from "../server/config.js";
import { createLogger } from "../server/logger.js";
import { withRecords } from "../server/records/standalone.js";

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const report = await withRecords(config, logger, (records) => records.verifyAudit());
if (report.ok) logger.info({ entries: report.entries, documents: report.documents }, "audit log verified");
else logger.error({ problems: report.problems }, "audit log verification FAILED");
process.exitCode = report.ok ? 0 : 1;
