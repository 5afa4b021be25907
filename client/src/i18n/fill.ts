/** Puts values into a message's `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}
