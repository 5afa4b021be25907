/** A moving test picture, so the check needs no camera permission. */
export function testPattern(): MediaStreamTrack {
	const canvas = Object.assign(document.createElement("canvas"), { width: 320, height: 180 });
	const context = canvas.getContext("2d");
	let frame = 0;
	const timer = setInterval(() => {
		if (!context) return;
		context.fillStyle = `hsl(${(frame++ * 7) % 360} 60% 45%)`;
		context.fillRect(0, 0, canvas.width, canvas.height);
	}, 66);
	const [track] = canvas.captureStream(15).getVideoTracks();
	if (!track) throw new Error("this browser cannot capture a canvas");
	track.addEventListener("ended", () => clearInterval(timer));
	return track;
}
