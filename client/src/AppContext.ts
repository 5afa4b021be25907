import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { IdentityClaims } from "../../domain/identity.js";
import type { SessionChange } from "../../signaling/presenceProtocol.js";
import type { ApiClient } from "./api/ApiClient.js";
import type { EndpointView } from "./api/records.js";
import type { PresenceClient } from "./health/PresenceClient.js";

export interface AppServices {
	api: ApiClient;
	identity: IdentityClaims;
	/** The signed-in endpoint's presence connection (heartbeats; for watchers, every endpoint's state). */
	presence: PresenceClient;
	endpoints: Map<string, EndpointView>;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
	const app = useContext(AppContext);
	if (!app) throw new Error("useApp outside a signed-in app");
	return app;
}

/** Loads once per `key`; `reload` fetches again (after a write). */
export function useLoad<T>(
	load: () => Promise<T>,
	key: string,
): {
	data: T | null;
	error: unknown;
	reload: () => void;
} {
	const [state, setState] = useState<{ data: T | null; error: unknown }>({ data: null, error: null });
	const [generation, setGeneration] = useState(0);
	useEffect(() => {
		let live = true;
		load()
			.then((data) => live && setState({ data, error: null }))
			.catch((error: unknown) => live && setState({ data: null, error }));
		return () => {
			live = false;
		};
	}, [key, generation]);
	return { ...state, reload: () => setGeneration((g) => g + 1) };
}

/**
 * `useLoad` that loads again whenever the server pushes a change that `affects` what it shows
 * (a session stepped, an outcome saved, someone joined): the page follows without a reload.
 */
export function useLiveLoad<T>(
	load: () => Promise<T>,
	key: string,
	affects: (change: SessionChange) => boolean,
): ReturnType<typeof useLoad<T>> {
	const loaded = useLoad(load, key);
	const { presence } = useApp();
	useEffect(
		() =>
			presence.on("sessionChanged", (change) => {
				if (affects(change)) loaded.reload();
			}),
		[presence, key],
	);
	return loaded;
}
