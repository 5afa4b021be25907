import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { freePort, until } from "./ports.js";

export interface NginxOptions {
	/** Where its configuration, pid, logs and temporary files go. */
	dir: string;
	/** The nodes' HTTP ports on loopback. */
	upstreams: number[];
	port?: number;
	/**
	 * `round-robin` spreads sockets over the nodes (WebSocket only); `ip_hash` keeps a client on one
	 * node, which Socket.IO's long-polling fallback needs (docs/operations.md).
	 */
	balance?: "round-robin" | "ip_hash";
}

/** The nginx configuration of docs/operations.md, with loopback addresses and its own files. */
export function nginxConfig(options: Required<NginxOptions>): string {
	const { dir, upstreams, port, balance } = options;
	return `worker_processes 1;
daemon off;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${path.join(dir, "body")};
  proxy_temp_path ${path.join(dir, "proxy")};
  fastcgi_temp_path ${path.join(dir, "fastcgi")};
  uwsgi_temp_path ${path.join(dir, "uwsgi")};
  scgi_temp_path ${path.join(dir, "scgi")};
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream platform {
    ${balance === "ip_hash" ? "ip_hash;" : ""}
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join("\n")}
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 25m;
    location / {
      proxy_pass http://platform;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 3600s;
      proxy_connect_timeout 1s;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
`;
}

/** Debian's nginx in front of the nodes, on a loopback port, as its own process (not the system's). */
export class Nginx {
	readonly port: number;
	readonly #process: ChildProcess;

	private constructor(port: number, child: ChildProcess) {
		this.port = port;
		this.#process = child;
	}

	static async start(options: NginxOptions): Promise<Nginx> {
		const port = options.port ?? (await freePort());
		await mkdir(options.dir, { recursive: true });
		const file = path.join(options.dir, "nginx.conf");
		await writeFile(file, nginxConfig({ port, balance: "round-robin", ...options }));
		const child = spawn("nginx", ["-c", file, "-p", options.dir, "-e", path.join(options.dir, "error.log")], {
			stdio: ["ignore", "inherit", "inherit"],
		});
		const nginx = new Nginx(port, child);
		await until(async () => (await fetch(`${nginx.url}/healthz`)).ok, 10_000, "nginx");
		return nginx;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async stop(): Promise<void> {
		if (this.#process.exitCode !== null) return;
		this.#process.kill("SIGQUIT");
		await once(this.#process, "exit");
	}
}
