import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort } from "../../server/net.js";
import { DEMO_PASSWORD } from "../../server/records/demoTopology.js";
import { eventually, getJson, tempDir } from "../support/platform.js";

const dataDirs: string[] = [];
afterAll(async () => {
	for (const d of dataDirs) await rm(d, { recursive: true, force: true });
});

it("`npm start` serves /readyz on the embedded defaults and exits 0 on SIGTERM", { timeout: 300_000 }, async () => {
	const port = await freePort();
	const dataDir = await tempDir("start");
	dataDirs.push(dataDir);
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: "127.0.0.1",
		RB_DATA_DIR: dataDir,
		LOG_LEVEL: "info",
		// Media ports the system picks: another platform on this machine may hold the default ones.
		RTC_UDP_PORT_BASE: "0",
		RTC_TCP_PORT_BASE: "0",
	};
	delete env.MONGODB_URI;
	const child = spawn("npm", ["start", "--silent"], { env, stdio: ["ignore", "pipe", "pipe"] });
	let output = "";
	child.stdout.on("data", (d) => {
		output += d;
	});
	child.stderr.on("data", (d) => {
		output += d;
	});
	const exited = once(child, "exit");

	try {
		const ready = await eventually(async () => {
			if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
			const r = await getJson(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
			return r?.status === 200 ? r.body : undefined;
		}, 240_000);
		expect(ready).toMatchObject({ ready: true, checks: { database: { ready: true }, workers: { ready: true } } });
		// The embedded default is usable at once: the built app at /, and README's demo users sign in
		// with the password printed once at the first start.
		const demoPassword = await readFile(path.join(dataDir, "demo-password"), "utf8");
		expect(output).toContain(demoPassword.trim());
		expect(demoPassword.trim()).not.toBe(DEMO_PASSWORD);
		expect(((await stat(path.join(dataDir, "demo-password"))).mode & 0o777).toString(8)).toBe("600");
		const page = await fetch(`http://127.0.0.1:${port}/`);
		expect(await page.text()).toContain("<title>Tiếp công dân trực tuyến</title>");
		const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			// Not the published password: the one made for this machine, kept in the data folder.
			body: JSON.stringify({ username: "chutich.kh", password: demoPassword.trim() }),
		});
		expect(login.status).toBe(200);
		expect(await login.json()).toMatchObject({ identity: { role: "chair", name: "Lê Văn Cường" } });
	} finally {
		child.kill("SIGTERM");
	}
	const [code] = await exited;
	expect(code, output).toBe(0);
	expect(output).toContain('"msg":"platform stopped"');
});
