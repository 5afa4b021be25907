import { type ComplianceSettings, DEFAULT_PERIODIC_DUTIES, type DutyPeriod } from "../../../domain/sessions.js";
import type { Config } from "../../config.js";

/** The configured duties: the defaults' basis, with the days and period the settings give. */
export function complianceSettings(config: Config): ComplianceSettings {
	const setting = { province: config.PERIODIC_RECEPTION_PROVINCE, commune: config.PERIODIC_RECEPTION_COMMUNE };
	return {
		duties: DEFAULT_PERIODIC_DUTIES.map((duty) => {
			const [days, period] = setting[duty.level].split("/");
			const changed = Number(days) !== duty.days || period !== duty.period;
			return {
				...duty,
				days: Number(days),
				period: period as DutyPeriod,
				...(changed
					? { basis: `configuration (PERIODIC_RECEPTION_${duty.level.toUpperCase()})`, verified: false }
					: {}),
			};
		}),
		countDelegated: config.PERIODIC_RECEPTION_COUNT_DELEGATED === "true",
	};
}
