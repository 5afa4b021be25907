import { execFileSync } from "node:child_process";
import dgram from "node:dgram";
import { once } from "node:events";

/** A UDP port free on loopback right now. */
export async function freeUdpPort(): Promise<number> {
	const socket = dgram.createSocket("udp4");
	socket.bind(0, "127.0.0.1");
	await once(socket, "listening");
	const { port } = socket.address();
	socket.close();
	return port;
}

/**
 * Drops a share of the UDP packets arriving on loopback at one port, in the kernel (iptables'
 * statistic match), as a lossy network on the way to the media server would. Needs root.
 */
export class PacketLoss {
	readonly #rule: string[];
	#active = false;

	constructor(port: number, probability: number) {
		this.#rule = ["INPUT", "-i", "lo", "-p", "udp", "--dport", String(port), "-m", "statistic", "--mode", "random"];
		this.#rule.push("--probability", String(probability), "-j", "DROP");
	}

	start(): void {
		execFileSync("iptables", ["-I", ...this.#rule]);
		this.#active = true;
	}

	stop(): void {
		if (!this.#active) return;
		execFileSync("iptables", ["-D", ...this.#rule]);
		this.#active = false;
	}
}
