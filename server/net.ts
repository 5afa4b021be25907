import net from "node:net";

/** A TCP port free on loopback right now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Whether something accepts connections on this loopback port or Unix socket. */
export function canConnect(to: number | { port: number } | { path: string }): Promise<boolean> {
	const options = typeof to === "number" ? { port: to } : to;
	return new Promise((resolve) => {
		const socket = "path" in options ? net.connect(options.path) : net.connect(options.port, "127.0.0.1");
		socket.once("connect", () => {
			socket.destroy();
			resolve(true);
		});
		socket.once("error", () => resolve(false));
	});
}
