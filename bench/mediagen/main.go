// Command mediagen is the media side of the WebRTC load generator in bench/: it opens the client end
// of mediasoup WebRtcTransports (ICE, DTLS, SRTP) that a TypeScript orchestrator negotiated through
// the platform's signalling, sends synthetic Opus- and VP8-shaped RTP (the camera as three simulcast
// encodings) and measures what comes back per consumer: loss, jitter, one-way lag and the time of the
// first packet. Nothing is encoded or decoded; packets are encrypted and decrypted for real.
//
// It speaks JSON lines: one command per line on stdin, each answered on stdout by a line with the
// same "seq"; lines without "seq" are events.
//
// It is built on pion's stack (stun, dtls, srtp, rtp, rtcp: the modules pion/webrtc v4 is made of)
// without the PeerConnection layer: mediasoup hands out ORTC parameters (ICE, DTLS, SSRCs), so no SDP
// is needed, and without per-stream interceptors and goroutines each stream costs little.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// epoch is the generator's clock: RTP timestamps of every stream derive from it, so a receiver reads
// a packet's one-way lag from its RTP timestamp.
var epoch = time.Now()

func sinceEpoch() time.Duration { return time.Since(epoch) }

// rtpTime is the RTP timestamp of the instant `at` (since epoch) at `clock` Hz.
func rtpTime(clock uint32, at time.Duration) uint32 {
	return uint32(uint64(at.Nanoseconds()) * uint64(clock) / 1e9)
}

type command struct {
	Seq        int         `json:"seq"`
	Op         string      `json:"op"`
	ID         string      `json:"id"`
	Ice        *iceParams  `json:"ice,omitempty"`
	Candidates []candidate `json:"candidates,omitempty"`
	Kind       string      `json:"kind,omitempty"`
	SSRCs      []uint32    `json:"ssrcs,omitempty"`
	Bitrates   []int       `json:"bitrates,omitempty"`
	PT         uint8       `json:"pt,omitempty"`
	FPS        int         `json:"fps,omitempty"`
	Tag        string      `json:"tag,omitempty"`
	SSRC       uint32      `json:"ssrc,omitempty"`
	Clock      uint32      `json:"clock,omitempty"`
	Reset      bool        `json:"reset,omitempty"`
	PID        int         `json:"pid,omitempty"`
	Port       int         `json:"port,omitempty"`
	Bytes      int         `json:"bytes,omitempty"`
}

type output struct {
	mu  sync.Mutex
	w   *bufio.Writer
	enc *json.Encoder
}

func (o *output) send(v any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	_ = o.enc.Encode(v)
	_ = o.w.Flush()
}

func main() {
	// The generator keeps few long-lived buffers; a relaxed GC keeps its own CPU low.
	debug.SetGCPercent(400)
	w := bufio.NewWriter(os.Stdout)
	out := &output{w: w, enc: json.NewEncoder(w)}
	gen, err := newGenerator(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mediagen:", err)
		os.Exit(1)
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	for in.Scan() {
		var cmd command
		if err := json.Unmarshal(in.Bytes(), &cmd); err != nil {
			out.send(map[string]any{"ev": "error", "error": err.Error()})
			continue
		}
		if cmd.Op == "quit" {
			break
		}
		// Opening and the DTLS handshake wait on the network: every command runs on its own.
		go func() {
			result, err := gen.handle(cmd)
			reply := map[string]any{"seq": cmd.Seq}
			if err != nil {
				reply["error"] = err.Error()
			} else {
				reply["data"] = result
			}
			out.send(reply)
		}()
	}
	gen.closeAll()
}
