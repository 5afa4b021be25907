/** dd/mm/yyyy of a `YYYY-MM-DD` day, as official documents write dates. */
export function formatDate(day: string): string {
	const [y, m, d] = day.slice(0, 10).split("-");
	return `${d}/${m}/${y}`;
}

/** "03/2026" of a `YYYY-MM` month. */
export function formatMonth(month: string): string {
	const [y, m] = month.split("-");
	return `${m}/${y}`;
}
