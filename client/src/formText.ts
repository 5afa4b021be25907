/**
 * A submitted form's fields as trimmed text (absent ones as ""), read from the form that fired
 * `event`; the browser's own submission is stopped.
 */
export function formText(event: Event): (name: string) => string {
	event.preventDefault();
	const form = new FormData(event.currentTarget as HTMLFormElement);
	return (name) => String(form.get(name) ?? "").trim();
}
