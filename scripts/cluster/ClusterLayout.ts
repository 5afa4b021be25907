import path from "node:path";
import { Nginx } from "./Nginx.js";
import { NodeProcess } from "./NodeProcess.js";
import { RedisServer } from "./RedisServer.js";

export interface ClusterLayoutOptions {
	/** Parent folder of every process's files. */
	dir: string;
	/** The database every node shares. */
	mongodbUri: string;
	jwtSecret: string;
	/** The audit chain's key every node shares (AUDIT_KEY). */
	auditKey: string;
	nodes?: number;
	/** Media ports: node i uses `mediaPortBase + i` (UDP and TCP). */
	mediaPortBase?: number;
	/** Further settings for every node (NODE_TTL_MS, SESSION_LOBBY, …). */
	env?: Record<string, string>;
	nginxPort?: number;
	balance?: "round-robin" | "ip_hash";
	log?: "inherit" | "ignore";
}

/**
 * docs/operations.md's layout on one machine, loopback only: Redis, N platform nodes as their own
 * processes on one database, and nginx in front. Used by `scripts/cluster-local.ts`, the cluster
 * tests and `bench/failover.ts`.
 */
export class ClusterLayout {
	readonly redis: RedisServer;
	readonly nodes: NodeProcess[];
	readonly nginx: Nginx;

	private constructor(redis: RedisServer, nodes: NodeProcess[], nginx: Nginx) {
		this.redis = redis;
		this.nodes = nodes;
		this.nginx = nginx;
	}

	static async start(options: ClusterLayoutOptions): Promise<ClusterLayout> {
		const redis = await RedisServer.start();
		const count = options.nodes ?? 2;
		const base = options.mediaPortBase ?? 20_000 + Math.floor(Math.random() * 10_000);
		const env = {
			REDIS_URL: redis.url,
			MONGODB_URI: options.mongodbUri,
			JWT_SECRET: options.jwtSecret,
			AUDIT_KEY: options.auditKey,
			TRUST_PROXY: "1",
			...options.env,
		};
		const nodes: NodeProcess[] = [];
		try {
			for (let i = 0; i < count; i++) {
				const id = `node-${String.fromCharCode(97 + i)}`;
				nodes.push(
					await NodeProcess.start({
						id,
						env,
						dir: path.join(options.dir, id),
						mediaPort: base + i,
						log: options.log ?? "ignore",
					}),
				);
			}
			const nginx = await Nginx.start({
				dir: path.join(options.dir, "nginx"),
				upstreams: nodes.map((n) => n.port),
				...(options.nginxPort ? { port: options.nginxPort } : {}),
				...(options.balance ? { balance: options.balance } : {}),
			});
			return new ClusterLayout(redis, nodes, nginx);
		} catch (err) {
			for (const node of nodes) await node.kill("SIGKILL");
			await redis.stop();
			throw err;
		}
	}

	get url(): string {
		return this.nginx.url;
	}

	async stop(): Promise<void> {
		await this.nginx.stop();
		for (const node of this.nodes) await node.kill("SIGTERM");
		await this.redis.stop();
	}
}
