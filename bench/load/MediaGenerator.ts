import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** A mediasoup WebRtcTransport as `createTransport` answers it. */
export interface ServerTransport {
	transportId: string;
	iceParameters: unknown;
	iceCandidates: unknown;
}

/** What the sidecar measured of one consumer in the window since the last reset. */
export interface ConsumerReport {
	tag: string;
	/** Wall-clock ms of the first packet ever received; 0 if none yet. */
	firstAt?: number;
	packets: number;
	bytes: number;
	expected: number;
	lost: number;
	jitterMs: number;
	lagMeanMs: number;
	lagP50Ms: number;
	lagP95Ms: number;
	lagMaxMs: number;
	decryptErrors?: number;
	/** Packets per 1 ms lag bucket. */
	lagHistogram?: Record<string, number>;
}

export interface GeneratorStats {
	consumers: ConsumerReport[];
	/** Packets sent since the sidecar started. */
	sentPackets: number;
	/** Packets that arrived for no registered consumer (e.g. before registration). */
	unknownPackets: number;
}

interface Events {
	/** First packet of a consumer, wall-clock ms. */
	first: [tag: string, at: number];
}

/**
 * The Go media sidecar (bench/mediagen): the client end of WebRtcTransports, synthetic simulcast
 * senders and per-consumer receivers. Signalling stays here; media never passes through Node.
 */
export class MediaGenerator extends EventEmitter<Events> {
	readonly #child: ChildProcessWithoutNullStreams;
	readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	#seq = 0;
	#fingerprint: { algorithm: string; value: string } | null = null;

	private constructor(binary: string) {
		super();
		this.#child = spawn(binary, [], { stdio: ["pipe", "pipe", "pipe"] });
		this.#child.stderr.on("data", (d: Buffer) => process.stderr.write(`[mediagen] ${d}`));
		createInterface({ input: this.#child.stdout }).on("line", (line) => this.#onLine(line));
		this.#child.once("exit", (code, signal) => {
			const reason = new Error(`mediagen exited (${signal ?? code})`);
			if (code !== 0) process.stderr.write(`[mediagen] ${reason.message}\n`);
			for (const p of this.#pending.values()) p.reject(reason);
			this.#pending.clear();
		});
	}

	/** Builds the sidecar if needed (bench/build-mediagen.sh, Go module proxy) and starts it. */
	static async start(): Promise<MediaGenerator> {
		const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "build-mediagen.sh");
		const binary = execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
		const generator = new MediaGenerator(binary);
		const hello = (await generator.#call({ op: "hello" })) as { fingerprint: { algorithm: string; value: string } };
		generator.#fingerprint = hello.fingerprint;
		return generator;
	}

	get pid(): number {
		return this.#child.pid ?? 0;
	}

	/** The DTLS parameters to give `connectTransport`: the sidecar is always the DTLS client. */
	get dtlsParameters(): { role: "client"; fingerprints: { algorithm: string; value: string }[] } {
		if (!this.#fingerprint) throw new Error("mediagen not started");
		return { role: "client", fingerprints: [this.#fingerprint] };
	}

	/** Opens the client end (ICE answered), returns once the server's candidate answered. */
	async open(transport: ServerTransport): Promise<void> {
		await this.#call({
			op: "open",
			id: transport.transportId,
			ice: transport.iceParameters,
			candidates: transport.iceCandidates,
		});
	}

	/** The DTLS handshake, once the server knows our fingerprint (after `connectTransport`). */
	async handshake(transportId: string): Promise<void> {
		await this.#call({ op: "dtls", id: transportId });
	}

	sendAudio(transportId: string, ssrc: number, payloadType: number): Promise<unknown> {
		return this.#call({ op: "send", id: transportId, kind: "audio", ssrcs: [ssrc], pt: payloadType });
	}

	sendVideo(transportId: string, layers: { ssrc: number; bitrate: number }[], payloadType: number, fps: number) {
		return this.#call({
			op: "send",
			id: transportId,
			kind: "video",
			ssrcs: layers.map((l) => l.ssrc),
			bitrates: layers.map((l) => l.bitrate),
			pt: payloadType,
			fps,
		});
	}

	/** Counts and measures the stream with this SSRC arriving on the transport, under `tag`. */
	receive(transportId: string, tag: string, ssrc: number, clock: number): Promise<unknown> {
		return this.#call({ op: "recv", id: transportId, tag, ssrc, clock });
	}

	/** Every consumer's window since the last reset; `reset` starts a new one. */
	async stats(reset: boolean): Promise<GeneratorStats> {
		return (await this.#call({ op: "stats", reset })) as GeneratorStats;
	}

	/**
	 * Sets the receive buffer of a socket another process (a worker) listens on: what raising
	 * net.core.rmem_default on the host would give it. Returns the size the kernel took.
	 */
	async enlargeReceiveBuffer(pid: number, port: number, bytes: number): Promise<number> {
		return ((await this.#call({ op: "rcvbuf", pid, port, bytes })) as { bytes: number }).bytes;
	}

	close(transportId: string): Promise<unknown> {
		return this.#call({ op: "close", id: transportId });
	}

	async stop(): Promise<void> {
		if (this.#child.exitCode !== null) return;
		this.#child.stdin.write(`${JSON.stringify({ op: "quit" })}\n`);
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				this.#child.kill("SIGKILL");
				resolve();
			}, 3000);
			this.#child.once("exit", () => {
				clearTimeout(timer);
				resolve();
			});
		});
	}

	#call(command: Record<string, unknown>): Promise<unknown> {
		const seq = ++this.#seq;
		return new Promise((resolve, reject) => {
			this.#pending.set(seq, { resolve, reject });
			this.#child.stdin.write(`${JSON.stringify({ ...command, seq })}\n`);
		});
	}

	#onLine(line: string): void {
		const message = JSON.parse(line) as {
			seq?: number;
			data?: unknown;
			error?: string;
			ev?: string;
			tag?: string;
			at?: number;
		};
		if (message.ev === "first" && message.tag) {
			this.emit("first", message.tag, message.at ?? Date.now());
			return;
		}
		if (message.ev === "error") {
			process.stderr.write(`[mediagen] ${message.error}\n`);
			return;
		}
		const pending = message.seq === undefined ? undefined : this.#pending.get(message.seq);
		if (!pending || message.seq === undefined) return;
		this.#pending.delete(message.seq);
		if (message.error) pending.reject(new Error(`mediagen: ${message.error}`));
		else pending.resolve(message.data);
	}
}
