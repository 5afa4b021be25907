import { expect, it } from "vitest";
import { SafeEmitter } from "../../domain/SafeEmitter.js";

class Clock extends SafeEmitter<{ tick: [n: number] }> {
	tick(n: number): boolean {
		return this.safeEmit("tick", n);
	}
}

it("logs a listener that throws and still calls the others", () => {
	const logged: { event: string; message: string }[] = [];
	const clock = new Clock({
		error: ({ err, event }) => logged.push({ event, message: (err as Error).message }),
	});
	const heard: string[] = [];
	clock.on("tick", () => heard.push("first"));
	clock.on("tick", (n) => {
		throw new TypeError(`bug at ${n}`);
	});
	clock.on("tick", (n) => heard.push(`last ${n}`));
	expect(clock.tick(7)).toBe(true);
	expect(heard).toEqual(["first", "last 7"]);
	expect(logged).toEqual([{ event: "tick", message: "bug at 7" }]);
});

it("removes listeners by the returned function, by off, and after once", () => {
	const clock = new Clock();
	const heard: number[] = [];
	const off = clock.on("tick", (n) => heard.push(n));
	clock.once("tick", (n) => heard.push(n * 10));
	clock.tick(1);
	clock.tick(2);
	off();
	expect(clock.tick(3)).toBe(false);
	expect(heard).toEqual([1, 10, 2]);
	expect(clock.listenerCount("tick")).toBe(0);
});
