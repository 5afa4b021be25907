package main

import (
	"crypto/sha256"
	"crypto/tls"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/pion/dtls/v3/pkg/crypto/selfsign"
)

// generator holds every transport and the one clock that paces every sending stream.
type generator struct {
	out         *output
	cert        tls.Certificate
	fingerprint string
	mu          sync.Mutex
	transports  map[string]*transport
	sched       *scheduler
	poller      *poller
}

func newGenerator(out *output) (*generator, error) {
	cert, err := selfsign.GenerateSelfSigned()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(cert.Certificate[0])
	hex := make([]string, len(sum))
	for i, b := range sum {
		hex[i] = fmt.Sprintf("%02X", b)
	}
	p, err := newPoller()
	if err != nil {
		return nil, err
	}
	g := &generator{
		poller:      p,
		out:         out,
		cert:        cert,
		fingerprint: strings.Join(hex, ":"),
		transports:  map[string]*transport{},
		sched:       newScheduler(),
	}
	go g.sched.run()
	return g, nil
}

func (g *generator) transport(id string) (*transport, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	t, ok := g.transports[id]
	if !ok {
		return nil, fmt.Errorf("no transport %s", id)
	}
	return t, nil
}

func (g *generator) handle(cmd command) (any, error) {
	switch cmd.Op {
	case "hello":
		return map[string]any{"fingerprint": map[string]string{"algorithm": "sha-256", "value": g.fingerprint}}, nil
	case "open":
		if cmd.Ice == nil {
			return nil, fmt.Errorf("open needs ice")
		}
		t, err := openTransport(cmd.ID, *cmd.Ice, cmd.Candidates, g)
		if err != nil {
			return nil, err
		}
		g.mu.Lock()
		g.transports[cmd.ID] = t
		g.mu.Unlock()
		return map[string]any{}, t.awaitIce(10 * time.Second)
	case "dtls":
		t, err := g.transport(cmd.ID)
		if err != nil {
			return nil, err
		}
		return map[string]any{"profile": t.profileName()}, t.handshake(g.cert)
	case "send":
		t, err := g.transport(cmd.ID)
		if err != nil {
			return nil, err
		}
		s, err := newStream(t, cmd)
		if err != nil {
			return nil, err
		}
		t.addStream(s)
		g.sched.add(s)
		return map[string]any{}, nil
	case "recv":
		t, err := g.transport(cmd.ID)
		if err != nil {
			return nil, err
		}
		t.addConsumer(newConsumerStats(cmd.Tag, cmd.SSRC, cmd.Clock, g.out))
		return map[string]any{}, nil
	case "stats":
		return g.stats(cmd.Reset), nil
	case "rcvbuf":
		size, err := enlargeReceiveBuffer(cmd.PID, cmd.Port, cmd.Bytes)
		return map[string]any{"bytes": size}, err
	case "close":
		t, err := g.transport(cmd.ID)
		if err != nil {
			return nil, err
		}
		g.mu.Lock()
		delete(g.transports, cmd.ID)
		g.mu.Unlock()
		g.sched.removeTransport(t)
		t.close()
		return map[string]any{}, nil
	}
	return nil, fmt.Errorf("unknown op %q", cmd.Op)
}

// stats reports every consumer's window, then starts a new window if asked.
func (g *generator) stats(reset bool) map[string]any {
	g.mu.Lock()
	transports := make([]*transport, 0, len(g.transports))
	for _, t := range g.transports {
		transports = append(transports, t)
	}
	g.mu.Unlock()
	consumers := []consumerReport{}
	var sent, dropped uint64
	for _, t := range transports {
		for _, c := range t.consumerList() {
			consumers = append(consumers, c.report(reset))
		}
		sent += t.sentPackets.Load()
		dropped += t.unknownPackets.Load()
	}
	// Totals since start: the orchestrator takes differences between two calls.
	return map[string]any{"consumers": consumers, "sentPackets": sent, "unknownPackets": dropped}
}

func (g *generator) closeAll() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, t := range g.transports {
		t.close()
	}
}
