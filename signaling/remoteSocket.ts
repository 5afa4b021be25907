import type { SocketRef } from "./SessionHosting.js";
import type { SeatSocket, SessionServer } from "./sockets.js";

/**
 * A client's socket held by another node of the cluster, reached by its id through the Socket.IO
 * adapter: notifications, rooms and disconnection work as on a local socket.
 */
export function remoteSocket(io: SessionServer, ref: SocketRef): SeatSocket {
	return {
		id: ref.id,
		nodeId: ref.nodeId,
		data: { claims: ref.claims },
		emit: (event, ...args) => io.to(ref.id).emit(event, ...args),
		join: (room) => io.in(ref.id).socketsJoin(room),
		leave: (room) => io.in(ref.id).socketsLeave(room),
		disconnect: () => io.in(ref.id).disconnectSockets(true),
	};
}
