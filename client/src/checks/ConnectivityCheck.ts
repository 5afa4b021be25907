import { Device, type types } from "mediasoup-client";
import { io } from "socket.io-client";
import { SafeEmitter } from "../../../domain/SafeEmitter.js";
import type { CheckStepResult } from "../../../signaling/checkProtocol.js";
import { CHECK_NAMESPACE } from "../../../signaling/namespaces.js";
import { CheckContext, type CheckSocket, StepFailure } from "./CheckContext.js";
import type { CheckStep } from "./CheckStep.js";
import { IceStep, MediaLoopbackStep, SignalingStep, TurnStep } from "./steps.js";

export interface ConnectivityCheckOptions {
	/** Origin of the platform; the page's own by default. */
	url?: string;
	/** An access token. */
	token: string;
	createTrack: () => MediaStreamTrack;
	handlerFactory?: types.HandlerFactory;
	steps?: CheckStep[];
	requestTimeoutMs?: number;
}

export interface ConnectivityCheckEvents {
	step: [result: CheckStepResult];
}

export interface ConnectivityReport {
	checkId: string | null;
	passed: boolean;
	steps: CheckStepResult[];
}

/**
 * The pre-session check (kiểm tra kết nối): runs each step in order, reports each as it ends, and
 * stores the result on the server. A step whose prerequisite failed is skipped, not run.
 */
export class ConnectivityCheck extends SafeEmitter<ConnectivityCheckEvents> {
	readonly #options: ConnectivityCheckOptions;

	constructor(options: ConnectivityCheckOptions) {
		super();
		this.#options = options;
	}

	async run(): Promise<ConnectivityReport> {
		const steps = this.#options.steps ?? [
			new SignalingStep(),
			new IceStep("udp"),
			new IceStep("tcp"),
			new TurnStep(),
			new MediaLoopbackStep(),
		];
		const results: CheckStepResult[] = [];
		const started = performance.now();
		const socket: CheckSocket = io(`${this.#options.url ?? ""}${CHECK_NAMESPACE}`, {
			auth: { token: this.#options.token },
			transports: ["websocket", "polling"],
			reconnection: false,
			forceNew: true,
		});
		const connected = await new Promise<string | null>((resolve) => {
			socket.once("connect", () => resolve(null));
			socket.once("connect_error", (err) => resolve(err.message));
		});
		const handlerFactory = this.#options.handlerFactory;
		const context = new CheckContext(
			socket,
			() => (handlerFactory ? new Device({ handlerFactory }) : new Device()),
			this.#options.createTrack,
			this.#options.requestTimeoutMs ?? 10_000,
		);
		try {
			for (const step of steps) {
				const result = await this.#runStep(step, context, results, connected, started);
				results.push(result);
				this.safeEmit("step", result);
			}
			if (!socket.connected) return { checkId: null, passed: false, steps: results };
			const stored = await context.request("finish", { steps: results });
			return { ...stored, steps: results };
		} finally {
			socket.disconnect();
		}
	}

	async #runStep(
		step: CheckStep,
		context: CheckContext,
		done: CheckStepResult[],
		connectError: string | null,
		checkStarted: number,
	): Promise<CheckStepResult> {
		const started = performance.now();
		const finish = (outcome: Omit<CheckStepResult, "step" | "durationMs">): CheckStepResult => ({
			step: step.name,
			...outcome,
			durationMs: Math.round(performance.now() - (step.name === "signaling" ? checkStarted : started)),
		});
		if (step.name === "signaling" && connectError) {
			return finish({
				status: "failed",
				reason: `signalling unreachable: ${connectError}`,
				reasonCode: "unreachable",
				reasonParams: { error: connectError },
			});
		}
		const prerequisite = step.requires && done.find((r) => r.step === step.requires);
		if (prerequisite && prerequisite.status !== "passed") {
			return finish({
				status: "skipped",
				reason: `${step.requires} did not pass`,
				reasonCode: "prerequisite-failed",
				reasonParams: { step: step.requires ?? "" },
			});
		}
		try {
			return finish(await step.run(context));
		} catch (err) {
			const failure =
				err instanceof StepFailure
					? { reasonCode: err.code, reasonParams: err.params }
					: { reasonCode: "error" as const, reasonParams: { error: (err as Error).message } };
			return finish({ status: "failed", reason: (err as Error).message, ...failure });
		}
	}
}
