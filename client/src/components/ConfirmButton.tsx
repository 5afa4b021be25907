import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { useI18n } from "../i18n/index.js";

export interface ConfirmButtonProps {
	/** The button's label. */
	children: ComponentChildren;
	class?: string;
	/** The dialog's question and what will happen, in words. */
	title: string;
	body: string;
	confirmLabel: string;
	onConfirm: () => void;
	testId?: string;
}

/**
 * A button for an action that cannot be undone (ending a session, removing a participant, admitting
 * everyone): it asks first, in a modal dialog that says what will happen.
 */
export function ConfirmButton({
	children,
	class: className,
	title,
	body,
	confirmLabel,
	onConfirm,
	testId,
}: ConfirmButtonProps) {
	const { t } = useI18n();
	const [open, setOpen] = useState(false);
	const dialog = useRef<HTMLDialogElement>(null);
	useEffect(() => {
		if (open && dialog.current && !dialog.current.open) dialog.current.showModal();
	}, [open]);
	const close = () => {
		dialog.current?.close();
		setOpen(false);
	};
	return (
		<>
			<button type="button" class={className} onClick={() => setOpen(true)} data-testid={testId}>
				{children}
			</button>
			{open && (
				<dialog ref={dialog} class="confirm" aria-labelledby="confirm-title" onClose={() => setOpen(false)}>
					<h2 id="confirm-title">{title}</h2>
					<p>{body}</p>
					<div class="actions">
						<button type="button" class="secondary" onClick={close}>
							{t("cancel")}
						</button>
						<button
							type="button"
							class={className}
							onClick={() => {
								close();
								onConfirm();
							}}
						>
							{confirmLabel}
						</button>
					</div>
				</dialog>
			)}
		</>
	);
}
