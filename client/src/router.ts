import { useEffect, useState } from "preact/hooks";

/** Client-side navigation with the history API; the server answers every app path with the app. */
export function navigate(path: string): void {
	history.pushState(null, "", path);
	dispatchEvent(new PopStateEvent("popstate"));
}

export function usePath(): string {
	const [path, setPath] = useState(location.pathname);
	useEffect(() => {
		const update = () => setPath(location.pathname);
		addEventListener("popstate", update);
		return () => removeEventListener("popstate", update);
	}, []);
	return path;
}

/** Matches `/sessions/:id/room`-style patterns; returns the named parts or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
	const names: string[] = [];
	const re = new RegExp(
		`^${pattern.replace(/:(\w+)/g, (_, name: string) => {
			names.push(name);
			return "([^/]+)";
		})}/?$`,
	);
	const m = re.exec(path);
	if (!m) return null;
	return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? "")]));
}
