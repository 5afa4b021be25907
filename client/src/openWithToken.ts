/**
 * The notice routes need the bearer token, so open them through fetch rather than a plain link. A
 * refusal rejects with its catalogue code (never opens an error's JSON as the document).
 */
export async function openWithToken(event: Event, token: string, path: string, download?: string): Promise<void> {
	event.preventDefault();
	const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
	if (!res.ok) {
		const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
		throw Object.assign(new Error(`HTTP ${res.status}`), { code: body.error?.code ?? "INTERNAL_ERROR" });
	}
	const url = URL.createObjectURL(await res.blob());
	if (download) {
		const a = document.createElement("a");
		a.href = url;
		a.download = download;
		a.click();
	} else {
		window.open(url, "_blank", "noopener");
	}
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
