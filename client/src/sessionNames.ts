/** How a past record names an endpoint: as on the session's day (the server's `endpointNames`), else today. */
export function namesInSession(
	session: { endpointNames?: Readonly<Record<string, string>> } | null | undefined,
	endpoints: ReadonlyMap<string, { name: string }>,
): (endpointId: string) => string {
	return (id) => session?.endpointNames?.[id] ?? endpoints.get(id)?.name ?? id;
}
