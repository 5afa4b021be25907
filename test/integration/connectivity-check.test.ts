import { Chrome111 } from "mediasoup-client/handlers/Chrome111";
import { afterAll, afterEach, expect, it } from "vitest";
import { ConnectivityCheck } from "../../client/src/checks/ConnectivityCheck.js";
import type { IdentityClaims } from "../../domain/identity.js";
import type { Platform } from "../../server/Platform.js";
import type { CheckStepResult } from "../../signaling/checkProtocol.js";
import { startPlatform } from "../support/platform.js";
import { TurnServer } from "../support/TurnServer.js";
import { installWebRtcGlobals, MediaPump } from "../support/webrtc.js";

installWebRtcGlobals();

const platforms: Platform[] = [];
const pumps: MediaPump[] = [];
afterEach(() => {
	for (const p of pumps.splice(0)) p.stop();
});
const turns: TurnServer[] = [];
afterAll(async () => {
	for (const p of platforms) await p.stop();
	for (const t of turns) await t.stop();
});

const operator: IdentityClaims = {
	sub: "u-op-phanrang",
	name: "Cán bộ điểm cầu Phan Rang",
	role: "operator",
	endpointId: "NT-PHANRANG",
	endpointLevel: "commune",
};

async function runCheck(
	env: Record<string, string>,
): Promise<{ platform: Platform; report: Awaited<ReturnType<ConnectivityCheck["run"]>>; streamed: CheckStepResult[] }> {
	const platform = await startPlatform({
		...env,
	});
	platforms.push(platform);
	const check = new ConnectivityCheck({
		url: `http://127.0.0.1:${platform.port}`,
		token: platform.tokens.sign(operator, "access"),
		handlerFactory: Chrome111.createFactory(),
		createTrack: () => {
			const pump = new MediaPump(false);
			pumps.push(pump);
			return pump.camera as unknown as MediaStreamTrack;
		},
	});
	const streamed: CheckStepResult[] = [];
	check.on("step", (r) => streamed.push(r));
	return { platform, report: await check.run(), streamed };
}

it("passes end to end against the running server and stores the result", async () => {
	const { platform, report, streamed } = await runCheck({});
	const byStep = Object.fromEntries(report.steps.map((s) => [s.step, s]));
	expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
		"signaling:passed",
		"ice-udp:passed",
		"ice-tcp:passed",
		"turn:skipped",
		"media:passed",
	]);
	expect(byStep["ice-udp"]?.metrics?.tuple).toMatch(/^udp \S+:\d+$/);
	expect(byStep["ice-tcp"]?.metrics?.tuple).toMatch(/^tcp \S+:\d+$/);
	expect(byStep.turn).toMatchObject({ reason: "no TURN server is configured", reasonCode: "no-turn-configured" });
	expect(byStep.media?.metrics?.bitrateKbps).toBeGreaterThan(0);
	expect(streamed).toEqual(report.steps);
	expect(report.passed).toBe(true);

	const stored = await platform.monitoring.checks.latest("NT-PHANRANG");
	expect(stored).toMatchObject({ checkId: report.checkId, passed: true, userId: "u-op-phanrang" });
	expect(stored?.steps.map((s) => s.status)).toEqual(["passed", "passed", "passed", "skipped", "passed"]);
});

it("fails the ICE-over-UDP step, with its reason, when the server has UDP disabled", async () => {
	const { platform, report } = await runCheck({ RTC_PROTOCOLS: "tcp" });
	expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
		"signaling:passed",
		"ice-udp:failed",
		"ice-tcp:passed",
		"turn:skipped",
		"media:passed",
	]);
	expect(report.steps[1]).toMatchObject({
		reason: "the server offers no UDP candidate",
		reasonCode: "no-candidate",
		reasonParams: { protocol: "UDP" },
	});
	expect(report.passed).toBe(false);
	expect(await platform.monitoring.checks.latest("NT-PHANRANG")).toMatchObject({ passed: false });
});

it("fails the signalling step when the token is refused, and runs nothing else", async () => {
	const platform = await startPlatform();
	platforms.push(platform);
	const check = new ConnectivityCheck({
		url: `http://127.0.0.1:${platform.port}`,
		token: "expired-or-forged",
		handlerFactory: Chrome111.createFactory(),
		createTrack: () => {
			throw new Error("no track needed");
		},
	});
	const report = await check.run();
	expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
		"signaling:failed",
		"ice-udp:skipped",
		"ice-tcp:skipped",
		"turn:skipped",
		"media:skipped",
	]);
	expect(report.steps[0]).toMatchObject({
		reason: expect.stringMatching(/^signalling unreachable: /),
		reasonCode: "unreachable",
	});
	expect(report.steps[1]).toMatchObject({ reasonCode: "prerequisite-failed", reasonParams: { step: "signaling" } });
	expect(report).toMatchObject({ checkId: null, passed: false });
});

it("passes the TURN step through a real coturn with time-limited credentials, and fails it with a wrong secret", async () => {
	const turn = await TurnServer.start("turn-shared-secret-0123456789");
	turns.push(turn);
	const { report } = await runCheck({ TURN_URLS: turn.url, TURN_SECRET: turn.secret });
	const step = report.steps.find((s) => s.step === "turn");
	expect(step).toMatchObject({ status: "passed", metrics: { relay: expect.stringMatching(/^udp 127\.0\.0\.1:\d+$/) } });
	expect(report.passed).toBe(true);

	const wrong = await runCheck({ TURN_URLS: turn.url, TURN_SECRET: "not-the-turn-servers-secret" });
	expect(wrong.report.steps.find((s) => s.step === "turn")).toMatchObject({
		status: "failed",
		reason: "the TURN server gave no relay candidate",
	});
});
