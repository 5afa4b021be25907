import { useEffect } from "preact/hooks";
import type { Socket } from "socket.io-client";
import { io } from "socket.io-client";
import { can } from "../../../domain/permissions.js";
import type { HotspotChange, HotspotServerToClientEvents } from "../../../signaling/hotspotsProtocol.js";
import { HOTSPOTS_NAMESPACE } from "../../../signaling/namespaces.js";
import { useApp } from "../AppContext.js";

/**
 * Calls `onChange` for every change to a watched case in the user's scope, pushed on `/hotspots`,
 * while the page is shown: boards reload what they show instead of polling.
 */
export function useHotspotChanges(onChange: (change: HotspotChange) => void): void {
	const { api, identity } = useApp();
	useEffect(() => {
		if (!can(identity, "watch", { type: "watches" })) return;
		const socket: Socket<HotspotServerToClientEvents> = io(HOTSPOTS_NAMESPACE, {
			auth: { token: api.accessToken },
			transports: ["websocket", "polling"],
		});
		socket.on("hotspotChanged", onChange);
		return () => {
			socket.disconnect();
		};
	}, [identity]);
}
