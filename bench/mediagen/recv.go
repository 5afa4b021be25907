package main

import (
	"math"
	"strconv"
	"sync"
	"time"
)

// Lag buckets: 0.1 ms wide below 10 ms, then 1 ms wide up to 1 s; the last one collects the rest.
const (
	fineBuckets = 100
	lagBuckets  = fineBuckets + 990
)

func lagBucket(ms float64) int {
	if ms < 10 {
		return int(ms * 10)
	}
	return min(fineBuckets+int(ms)-10, lagBuckets-1)
}

// bucketFloor is the lowest lag, in ms, that falls in bucket i.
func bucketFloor(i int) float64 {
	if i < fineBuckets {
		return float64(i) / 10
	}
	return float64(i - fineBuckets + 10)
}

func bucketMiddle(i int) float64 {
	if i < fineBuckets {
		return (float64(i) + 0.5) / 10
	}
	return float64(i-fineBuckets+10) + 0.5
}

// consumerStats measures one consumer's stream as it arrives: packets, loss from sequence numbers,
// interarrival jitter (RFC 3550) and one-way lag from RTP timestamps (the generator's own clock).
type consumerStats struct {
	tag   string
	ssrc  uint32
	clock uint32
	out   *output

	mu        sync.Mutex
	started   bool
	firstWall int64
	cycles    uint32
	maxSeq    uint16
	// Window: from the last reset.
	baseExt     uint32
	haveBase    bool
	packets     uint64
	bytes       uint64
	decryptErrs uint64
	jitter      float64
	lastTransit int64
	lag         [lagBuckets]uint32
	lagSum      float64
	lagMax      float64
}

type consumerReport struct {
	Tag         string  `json:"tag"`
	FirstAt     int64   `json:"firstAt,omitempty"`
	Packets     uint64  `json:"packets"`
	Bytes       uint64  `json:"bytes"`
	Expected    uint64  `json:"expected"`
	Lost        int64   `json:"lost"`
	JitterMs    float64 `json:"jitterMs"`
	LagMeanMs   float64 `json:"lagMeanMs"`
	LagP50Ms    float64 `json:"lagP50Ms"`
	LagP95Ms    float64 `json:"lagP95Ms"`
	LagMaxMs    float64 `json:"lagMaxMs"`
	DecryptErrs uint64  `json:"decryptErrors,omitempty"`
	// Lag histogram: packets by the lower bound of their bucket in ms, for percentiles across consumers.
	LagHistogram map[string]uint32 `json:"lagHistogram,omitempty"`
}

func newConsumerStats(tag string, ssrc, clock uint32, out *output) *consumerStats {
	return &consumerStats{tag: tag, ssrc: ssrc, clock: clock, out: out}
}

func (c *consumerStats) failed() {
	c.mu.Lock()
	c.decryptErrs++
	c.mu.Unlock()
}

func (c *consumerStats) onPacket(seq uint16, ts uint32, size int, at time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.started {
		c.started = true
		c.maxSeq = seq
		c.firstWall = epoch.Add(at).UnixMilli()
		c.out.send(map[string]any{"ev": "first", "tag": c.tag, "at": c.firstWall})
	} else if diff := seq - c.maxSeq; diff < 0x8000 && diff != 0 {
		if seq < c.maxSeq {
			c.cycles++
		}
		c.maxSeq = seq
	}
	ext := c.cycles<<16 | uint32(c.maxSeq)
	if !c.haveBase {
		c.haveBase = true
		c.baseExt = ext - 1
	}
	c.packets++
	c.bytes += uint64(size)

	// Transit and lag, in clock units: arrival at the generator's clock minus the packet's RTP time.
	transit := int64(int32(rtpTime(c.clock, at) - ts))
	if c.packets > 1 {
		d := math.Abs(float64(transit - c.lastTransit))
		c.jitter += (d - c.jitter) / 16
	}
	c.lastTransit = transit
	lagMs := float64(transit) * 1000 / float64(c.clock)
	if lagMs < 0 {
		lagMs = 0
	}
	c.lagSum += lagMs
	c.lagMax = max(c.lagMax, lagMs)
	c.lag[lagBucket(lagMs)]++
}

// report returns the window so far and, with reset, starts the next one at the last packet seen.
func (c *consumerStats) report(reset bool) consumerReport {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := consumerReport{Tag: c.tag, FirstAt: c.firstWall, Packets: c.packets, Bytes: c.bytes, DecryptErrs: c.decryptErrs}
	if c.haveBase {
		ext := c.cycles<<16 | uint32(c.maxSeq)
		r.Expected = uint64(ext - c.baseExt)
		r.Lost = int64(r.Expected) - int64(c.packets)
	}
	r.JitterMs = c.jitter * 1000 / float64(c.clock)
	if c.packets > 0 {
		r.LagMeanMs = c.lagSum / float64(c.packets)
		r.LagMaxMs = c.lagMax
		r.LagP50Ms = c.percentile(0.50)
		r.LagP95Ms = c.percentile(0.95)
		r.LagHistogram = map[string]uint32{}
		for i, n := range c.lag {
			if n > 0 {
				r.LagHistogram[strconv.FormatFloat(bucketFloor(i), 'f', -1, 64)] = n
			}
		}
	}
	if reset {
		if c.haveBase {
			c.baseExt = c.cycles<<16 | uint32(c.maxSeq)
		}
		c.packets, c.bytes, c.decryptErrs = 0, 0, 0
		c.lag = [lagBuckets]uint32{}
		c.lagSum, c.lagMax = 0, 0
	}
	return r
}

func (c *consumerStats) percentile(q float64) float64 {
	target := uint64(math.Ceil(q * float64(c.packets)))
	var seen uint64
	for i, n := range c.lag {
		seen += uint64(n)
		if seen >= target {
			return bucketMiddle(i)
		}
	}
	return bucketMiddle(lagBuckets - 1)
}
