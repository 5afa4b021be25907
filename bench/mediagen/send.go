package main

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/rtcp"
)

const (
	maxPayload = 1100
	// Sender reports let mediasoup switch simulcast layers (it maps each layer's RTP time to NTP).
	senderReportEvery = time.Second
	opusClock         = 48000
	vp8Clock          = 90000
)

// layer is one SSRC of a stream: the only one for audio, one simulcast encoding for video.
type layer struct {
	ssrc           uint32
	seq            uint16
	frameBytes     int
	keyFrameWanted atomic.Bool
	packets        uint32
	octets         uint32
	pictureID      uint16
	tl0            uint8
	// The frame being sent: bytes left, its RTP time, whether it is a key frame, whether its first
	// packet is still to go.
	remaining  int
	frameTs    uint32
	frameKey   bool
	frameFirst bool
}

// packetsPerTick paces a frame: at most this many packets per layer every scheduler tick (2 ms), as
// a browser's pacer spreads a frame over a few milliseconds instead of bursting it.
const packetsPerTick = 2

// stream is a producer's synthetic media: Opus-shaped audio (one 20 ms packet) or VP8-shaped video
// (one frame per layer per frame interval, cut into packets of at most 1,100 bytes and paced, a key
// frame whenever the server asks for one). Every packet of a frame carries the frame's RTP time.
type stream struct {
	t          *transport
	kind       string
	pt         uint8
	clock      uint32
	interval   time.Duration
	layers     []*layer
	next       time.Duration
	nextReport time.Duration
}

func newStream(t *transport, cmd command) (*stream, error) {
	s := &stream{t: t, kind: cmd.Kind, pt: cmd.PT}
	switch cmd.Kind {
	case "audio":
		if len(cmd.SSRCs) != 1 {
			return nil, fmt.Errorf("audio needs one SSRC")
		}
		s.clock = opusClock
		s.interval = 20 * time.Millisecond
		s.layers = []*layer{{ssrc: cmd.SSRCs[0], seq: uint16(rand.Uint32()), frameBytes: 80}}
	case "video":
		if len(cmd.SSRCs) == 0 || len(cmd.SSRCs) != len(cmd.Bitrates) || cmd.FPS <= 0 {
			return nil, fmt.Errorf("video needs an SSRC and a bitrate per layer, and fps")
		}
		s.clock = vp8Clock
		s.interval = time.Second / time.Duration(cmd.FPS)
		for i, ssrc := range cmd.SSRCs {
			l := &layer{
				ssrc:       ssrc,
				seq:        uint16(rand.Uint32()),
				frameBytes: cmd.Bitrates[i] / 8 / cmd.FPS,
				pictureID:  uint16(rand.Uint32()) & 0x7fff,
			}
			// Every layer starts with a key frame.
			l.keyFrameWanted.Store(true)
			s.layers = append(s.layers, l)
		}
	default:
		return nil, fmt.Errorf("unknown kind %q", cmd.Kind)
	}
	// Streams start at random phases so a thousand of them do not send in the same tick.
	now := sinceEpoch()
	s.next = now + time.Duration(rand.Int64N(int64(s.interval)))
	s.nextReport = now + time.Duration(rand.Int64N(int64(senderReportEvery)))
	return s, nil
}

// tick sends what is due at `now`: the next packets of the frames under way, and the reports.
func (s *stream) tick(now time.Duration, buf, scratch []byte) {
	if now >= s.next {
		s.startFrame(now)
		s.next += s.interval
		if s.next < now {
			// Far behind (a stalled machine): skip rather than burst.
			s.next = now + s.interval
		}
	}
	s.pace(buf, scratch)
	if now >= s.nextReport && s.t.ready.Load() {
		s.sendReports(now)
		s.nextReport = now + senderReportEvery
	}
}

// startFrame captures a frame on every layer that finished sending its previous one (a layer still
// sending drops this frame, as an encoder whose output is late does).
func (s *stream) startFrame(now time.Duration) {
	ts := rtpTime(s.clock, now)
	for _, l := range s.layers {
		if l.remaining > 0 {
			continue
		}
		key := s.kind == "video" && l.keyFrameWanted.Swap(false)
		l.remaining, l.frameTs, l.frameKey, l.frameFirst = l.frameBytes, ts, key, true
		if key {
			// Key frames are bigger than the frames between them.
			l.remaining *= 3
		}
		l.pictureID = (l.pictureID + 1) & 0x7fff
		l.tl0++
	}
}

func (s *stream) pace(buf, scratch []byte) {
	for _, l := range s.layers {
		for i := 0; i < packetsPerTick && l.remaining > 0; i++ {
			chunk := min(l.remaining, maxPayload)
			l.remaining -= chunk
			n := s.packet(buf, l, chunk, l.remaining == 0)
			l.frameFirst = false
			s.t.write(buf[:n], scratch)
			l.packets++
			l.octets += uint32(chunk)
		}
	}
}

// packet writes one RTP packet into buf and returns its length.
func (s *stream) packet(buf []byte, l *layer, payload int, last bool) int {
	buf[0] = 0x80
	buf[1] = s.pt
	if last {
		buf[1] |= 0x80
	}
	l.seq++
	binary.BigEndian.PutUint16(buf[2:], l.seq)
	binary.BigEndian.PutUint32(buf[4:], l.frameTs)
	binary.BigEndian.PutUint32(buf[8:], l.ssrc)
	p := buf[12:]
	if s.kind == "audio" {
		p[0] = 0x78 // an Opus TOC byte: SILK wideband, 20 ms
		return 12 + payload
	}
	// VP8 payload descriptor: X, and S on a frame's first packet; I (15-bit picture id) and L
	// (TL0PICIDX), which mediasoup rewrites across simulcast switches. Then the VP8 header, whose P
	// bit (0) marks a key frame.
	p[0] = 0x80
	if l.frameFirst {
		p[0] |= 0x10
	}
	p[1] = 0xC0
	p[2] = 0x80 | byte(l.pictureID>>8)
	p[3] = byte(l.pictureID)
	p[4] = l.tl0
	if l.frameKey {
		p[5], p[6], p[7] = 0x00, 0x00, 0x00
		p[8], p[9], p[10] = 0x9d, 0x01, 0x2a
	} else {
		p[5] = 0x01
	}
	return 12 + payload
}

func (s *stream) sendReports(now time.Duration) {
	wall := epoch.Add(now)
	secs := uint64(wall.Unix()) + 2208988800
	frac := (uint64(wall.Nanosecond()) << 32) / 1e9
	ntp := secs<<32 | frac
	for _, l := range s.layers {
		report := rtcp.SenderReport{
			SSRC:        l.ssrc,
			NTPTime:     ntp,
			RTPTime:     rtpTime(s.clock, now),
			PacketCount: l.packets,
			OctetCount:  l.octets,
		}
		raw, err := report.Marshal()
		if err == nil {
			s.t.writeRtcp(raw)
		}
	}
}

// scheduler paces every stream of the generator from one goroutine, every 2 ms.
type scheduler struct {
	mu      sync.Mutex
	streams []*stream
}

func newScheduler() *scheduler { return &scheduler{} }

func (s *scheduler) add(st *stream) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.streams = append(s.streams, st)
}

func (s *scheduler) removeTransport(t *transport) {
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.streams[:0]
	for _, st := range s.streams {
		if st.t != t {
			kept = append(kept, st)
		}
	}
	s.streams = kept
}

func (s *scheduler) run() {
	buf := make([]byte, 1500)
	scratch := make([]byte, 1600)
	ticker := time.NewTicker(2 * time.Millisecond)
	for range ticker.C {
		now := sinceEpoch()
		s.mu.Lock()
		for _, st := range s.streams {
			st.tick(now, buf, scratch)
		}
		s.mu.Unlock()
	}
}
