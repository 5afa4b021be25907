import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { errorHandler } from "../../server/http/errorHandler.js";
import { serveRequests } from "../../signaling/serveRequests.js";
import { recordingLogger } from "../support/platform.js";

const SECRET = "Cannot read properties of undefined (reading 'hostEndpointId') at /srv/server/records/x.ts:12";
const log = recordingLogger();
let server: http.Server;
let socketServer: Server;
let client: Socket;
let base: string;

/** The platform's own HTTP error handler and socket request loop, around handlers with a programming error. */
beforeAll(async () => {
	const app = express();
	app.use(express.json({ limit: "1kb" }));
	app.get("/bug", () => {
		throw new TypeError(SECRET);
	});
	app.post("/echo", (req, res) => {
		res.json(req.body);
	});
	app.use(errorHandler(log.logger));
	server = http.createServer(app);
	socketServer = new Server(server);
	socketServer.on("connection", (socket) => {
		serveRequests(
			socket,
			{ lookUp: z.strictObject({ id: z.string() }) },
			{
				lookUp: async () => {
					throw new TypeError(SECRET);
				},
			},
			log.logger,
		);
	});
	server.listen(0, "127.0.0.1");
	await once(server, "listening");
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	client = connect(base, { transports: ["websocket"], forceNew: true });
	await new Promise((resolve) => client.once("connect", () => resolve(undefined)));
});

afterAll(async () => {
	client?.close();
	socketServer?.close();
	server?.close();
});

it("answers a TypeError in a socket request handler with INTERNAL_ERROR, without its message", async () => {
	const ack = await client.timeout(5000).emitWithAck("lookUp", { id: "s1" });
	expect(ack).toEqual({ error: { code: "INTERNAL_ERROR", message: "internal error" } });
	expect(JSON.stringify(ack)).not.toContain("hostEndpointId");
	// The operator still reads it in the log.
	expect(log.lines.find((l) => l.request === "lookUp")).toMatchObject({
		msg: "request failed",
		err: { message: SECRET },
	});
});

it("answers a TypeError in an HTTP handler with 500 INTERNAL_ERROR, without its message", async () => {
	const res = await fetch(`${base}/bug`);
	expect(res.status).toBe(500);
	const text = await res.text();
	expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL_ERROR", message: "internal error" } });
	expect(text).not.toContain("hostEndpointId");
	expect(log.lines.find((l) => l.path === "/bug")).toMatchObject({ msg: "request failed", err: { message: SECRET } });
});

it("answers malformed and oversized JSON bodies with their catalogued codes", async () => {
	const post = (body: string) =>
		fetch(`${base}/echo`, { method: "POST", headers: { "content-type": "application/json" }, body });
	const malformed = await post("{not json");
	expect(malformed.status).toBe(400);
	expect(await malformed.json()).toMatchObject({ error: { code: "VALIDATION_ERROR" } });
	const oversized = await post(JSON.stringify({ text: "x".repeat(2000) }));
	expect(oversized.status).toBe(413);
	expect(await oversized.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
});
