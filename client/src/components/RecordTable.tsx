import type { ComponentChildren } from "preact";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { ErrorIssues } from "./ErrorIssues.js";

/**
 * A screen's table of records: the load's refusal, the last save's note, the headed columns (and an
 * empty last one for each row's actions), then the rows.
 */
export function RecordTable({
	testId,
	columns,
	actions = false,
	error = null,
	savedNote = null,
	children,
}: {
	testId: string;
	columns: readonly MessageKey[];
	actions?: boolean;
	error?: unknown;
	savedNote?: MessageKey | null;
	children: ComponentChildren;
}) {
	const { t } = useI18n();
	return (
		<>
			{error !== null && <ErrorIssues error={error} />}
			{savedNote && <p role="status">{t(savedNote)}</p>}
			<table data-testid={testId}>
				<thead>
					<tr>
						{columns.map((c) => (
							<th key={c}>{t(c)}</th>
						))}
						{actions && <th />}
					</tr>
				</thead>
				<tbody>{children}</tbody>
			</table>
		</>
	);
}
