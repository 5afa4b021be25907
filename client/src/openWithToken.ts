/** The notice routes need the bearer token, so open them through fetch rather than a plain link. */
export async function openWithToken(event: Event, token: string, path: string, download?: string): Promise<void> {
	event.preventDefault();
	const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
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
