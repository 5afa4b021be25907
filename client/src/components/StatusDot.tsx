import { useI18n } from "../i18n/index.js";

export type DotState = "online" | "degraded" | "offline" | "healthy" | "failing" | "unknown";

/** A coloured state with its words beside it: colour alone must not carry the meaning. */
export function StatusDot({ state, label }: { state: DotState; label?: string }) {
	const { t } = useI18n();
	return (
		<span class={`status status-${state}`}>
			<span class="dot" aria-hidden="true" />
			{label ?? t(`state_${state}`)}
		</span>
	);
}
