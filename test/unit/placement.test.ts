import { expect, it } from "vitest";
import { placePeer, type WorkerLoad } from "../../media/placement.js";

const load = { policy: "load", consumersPerWorker: 100 } as const;
const always = { policy: "always", consumersPerWorker: 100 } as const;

/** The session's workers first (home first), then the others, as the session router lists them. */
function workers(...loads: [name: string, consumers: number, sessionPeers?: number][]): WorkerLoad<string>[] {
	return loads.map(([worker, consumers, sessionPeers]) => ({ worker, consumers, sessionPeers }));
}

it("keeps a session on its home worker until that worker passes the threshold", () => {
	expect(placePeer(workers(["home", 99, 5], ["other", 0]), load)).toBe("home");
	expect(placePeer(workers(["home", 100, 5], ["other", 0]), load)).toBe("other");
});

it("past the threshold, uses a worker the session already has before opening another", () => {
	expect(placePeer(workers(["home", 150, 9], ["second", 40, 2], ["third", 0]), load)).toBe("second");
});

it("when every worker is past the threshold, takes the least loaded", () => {
	expect(placePeer(workers(["home", 300, 9], ["second", 200, 2], ["third", 250]), load)).toBe("second");
});

it("forced spreading puts each new participant where the session has the fewest", () => {
	expect(placePeer(workers(["home", 0, 1], ["other", 50]), always)).toBe("other");
	expect(placePeer(workers(["home", 10, 1], ["other", 10, 1]), always)).toBe("home");
	expect(placePeer(workers(["home", 10, 2], ["second", 5, 1], ["third", 5, 1]), always)).toBe("second");
});
