package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/dtls/v3"
	"github.com/pion/ice/v4"
	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/srtp/v3"
	"github.com/pion/stun/v4"
)

type iceParams struct {
	UsernameFragment string `json:"usernameFragment"`
	Password         string `json:"password"`
}

type candidate struct {
	IP       string `json:"ip"`
	Address  string `json:"address"`
	Port     int    `json:"port"`
	Protocol string `json:"protocol"`
}

// transport is the client end of one mediasoup WebRtcTransport (ICE-lite on the server): a UDP
// socket connected to the server's candidate that carries STUN, DTLS and SRTP, told apart by their
// first byte (RFC 7983). The poller reads it; the scheduler and the DTLS handshake write to it.
type transport struct {
	id         string
	socket     *udpSocket
	poller     *poller
	ice        iceParams
	localUfrag string
	iceDone    chan struct{}
	iceOnce    sync.Once
	dtlsIn     chan []byte
	closed     chan struct{}
	closeOnce  sync.Once
	dtlsConn   *dtls.Conn
	profile    srtp.ProtectionProfile
	// enc is used only by the scheduler (sending), dec only by the reading goroutine.
	enc   *srtp.Context
	dec   *srtp.Context
	ready atomic.Bool

	consumers atomic.Pointer[map[uint32]*consumerStats]
	streams   atomic.Pointer[map[uint32]*layer]
	mu        sync.Mutex

	sentPackets    atomic.Uint64
	unknownPackets atomic.Uint64
	// Scratch space of the poller thread.
	plain  [2048]byte
	header rtp.Header
}

func openTransport(id string, params iceParams, candidates []candidate, g *generator) (*transport, error) {
	var remote *net.UDPAddr
	for _, c := range candidates {
		if c.Protocol != "udp" {
			continue
		}
		ip := c.IP
		if ip == "" {
			ip = c.Address
		}
		remote = &net.UDPAddr{IP: net.ParseIP(ip), Port: c.Port}
		break
	}
	if remote == nil {
		return nil, errors.New("no UDP candidate")
	}
	socket, err := dialUDP(remote)
	if err != nil {
		return nil, err
	}
	t := &transport{
		id:         id,
		socket:     socket,
		poller:     g.poller,
		ice:        params,
		localUfrag: randomString(8),
		iceDone:    make(chan struct{}),
		dtlsIn:     make(chan []byte, 64),
		closed:     make(chan struct{}),
	}
	t.consumers.Store(&map[uint32]*consumerStats{})
	t.streams.Store(&map[uint32]*layer{})
	if err := g.poller.add(t); err != nil {
		socket.close()
		return nil, err
	}
	go t.keepIceAlive()
	return t, nil
}

func randomString(n int) string {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = letters[rand.IntN(len(letters))]
	}
	return string(b)
}

func (t *transport) awaitIce(timeout time.Duration) error {
	select {
	case <-t.iceDone:
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("transport %s: no ICE answer", t.id)
	}
}

// keepIceAlive nominates the server's candidate (controlling side, USE-CANDIDATE) every 50 ms until
// the server answers, then keeps the binding alive.
func (t *transport) keepIceAlive() {
	tieBreaker := rand.Uint64()
	for {
		msg, err := stun.Build(
			stun.BindingRequest,
			stun.TransactionID,
			stun.NewUsername(t.ice.UsernameFragment+":"+t.localUfrag),
			ice.UseCandidate(),
			ice.AttrControlling(tieBreaker),
			ice.PriorityAttr(0x6e7f00ff),
			stun.NewShortTermIntegrity(t.ice.Password),
			stun.Fingerprint,
		)
		if err == nil {
			_ = t.socket.write(msg.Raw)
		}
		wait := 50 * time.Millisecond
		select {
		case <-t.iceDone:
			wait = 5 * time.Second
		default:
		}
		select {
		case <-t.closed:
			return
		case <-time.After(wait):
		}
	}
}

// handshake runs DTLS as the client (the orchestrator told the server so in connectTransport), then
// derives the SRTP keys from it.
func (t *transport) handshake(cert tls.Certificate) error {
	raddr := t.socket.remote
	conn, err := dtls.ClientWithOptions(&dtlsPacketConn{t: t}, raddr,
		dtls.WithCertificates(cert),
		dtls.WithSRTPProtectionProfiles(dtls.SRTP_AEAD_AES_128_GCM, dtls.SRTP_AES128_CM_HMAC_SHA1_80),
		dtls.WithInsecureSkipVerify(true),
		dtls.WithExtendedMasterSecret(dtls.RequestExtendedMasterSecret),
		dtls.WithFlightInterval(100*time.Millisecond),
	)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := conn.HandshakeContext(ctx); err != nil {
		return fmt.Errorf("transport %s: DTLS: %w", t.id, err)
	}
	t.dtlsConn = conn
	selected, ok := conn.SelectedSRTPProtectionProfile()
	if !ok {
		return errors.New("no SRTP profile negotiated")
	}
	switch selected {
	case dtls.SRTP_AEAD_AES_128_GCM:
		t.profile = srtp.ProtectionProfileAeadAes128Gcm
	case dtls.SRTP_AES128_CM_HMAC_SHA1_80:
		t.profile = srtp.ProtectionProfileAes128CmHmacSha1_80
	default:
		return fmt.Errorf("unexpected SRTP profile %v", selected)
	}
	state, ok := conn.ConnectionState()
	if !ok {
		return errors.New("no DTLS state")
	}
	config := srtp.Config{Profile: t.profile}
	if err := config.ExtractSessionKeysFromDTLS(&state, true); err != nil {
		return err
	}
	if t.enc, err = srtp.CreateContext(config.Keys.LocalMasterKey, config.Keys.LocalMasterSalt, t.profile); err != nil {
		return err
	}
	if t.dec, err = srtp.CreateContext(config.Keys.RemoteMasterKey, config.Keys.RemoteMasterSalt, t.profile); err != nil {
		return err
	}
	t.ready.Store(true)
	return nil
}

func (t *transport) profileName() string {
	switch t.profile {
	case srtp.ProtectionProfileAeadAes128Gcm:
		return "AEAD_AES_128_GCM"
	case srtp.ProtectionProfileAes128CmHmacSha1_80:
		return "AES_CM_128_HMAC_SHA1_80"
	}
	return ""
}

// onDatagram demultiplexes what the server sends on this transport (called by the poller thread).
func (t *transport) onDatagram(b []byte) {
	n := len(b)
	switch {
	case n == 0:
	case b[0] < 2:
		t.onStun(b)
	case b[0] >= 20 && b[0] <= 63:
		select {
		case t.dtlsIn <- append([]byte(nil), b...):
		default:
		}
	case b[0] >= 128 && b[0] <= 191 && n >= 12:
		if !t.ready.Load() {
			return
		}
		if b[1] >= 192 && b[1] <= 223 {
			t.onRtcp(b)
			return
		}
		at := sinceEpoch()
		ssrc := uint32(b[8])<<24 | uint32(b[9])<<16 | uint32(b[10])<<8 | uint32(b[11])
		c := (*t.consumers.Load())[ssrc]
		if c == nil {
			t.unknownPackets.Add(1)
			return
		}
		if _, err := t.dec.DecryptRTP(t.plain[:0], b, &t.header); err != nil {
			c.failed()
			return
		}
		c.onPacket(t.header.SequenceNumber, t.header.Timestamp, n, at)
	}
}

func (t *transport) onStun(b []byte) {
	msg := &stun.Message{Raw: append([]byte(nil), b...)}
	if err := msg.Decode(); err != nil {
		return
	}
	if msg.Type == stun.BindingSuccess {
		t.iceOnce.Do(func() { close(t.iceDone) })
	}
}

// onRtcp honours the server's key-frame requests (PLI, FIR) for the streams sent on this transport.
func (t *transport) onRtcp(b []byte) {
	streams := *t.streams.Load()
	if len(streams) == 0 {
		return
	}
	plain, err := t.dec.DecryptRTCP(nil, b, nil)
	if err != nil {
		return
	}
	packets, err := rtcp.Unmarshal(plain)
	if err != nil {
		return
	}
	for _, p := range packets {
		switch p := p.(type) {
		case *rtcp.PictureLossIndication:
			if l := streams[p.MediaSSRC]; l != nil {
				l.keyFrameWanted.Store(true)
			}
		case *rtcp.FullIntraRequest:
			for _, e := range p.FIR {
				if l := streams[e.SSRC]; l != nil {
					l.keyFrameWanted.Store(true)
				}
			}
		}
	}
}

// withEntries publishes a copy of the map with more entries: the reading goroutine looks entries up
// without a lock, on every packet.
func withEntries[V any](mu *sync.Mutex, m *atomic.Pointer[map[uint32]V], more map[uint32]V) {
	mu.Lock()
	defer mu.Unlock()
	next := map[uint32]V{}
	for k, v := range *m.Load() {
		next[k] = v
	}
	for k, v := range more {
		next[k] = v
	}
	m.Store(&next)
}

func (t *transport) addConsumer(c *consumerStats) {
	withEntries(&t.mu, &t.consumers, map[uint32]*consumerStats{c.ssrc: c})
}

func (t *transport) consumerList() []*consumerStats {
	m := *t.consumers.Load()
	list := make([]*consumerStats, 0, len(m))
	for _, c := range m {
		list = append(list, c)
	}
	return list
}

func (t *transport) addStream(s *stream) {
	layers := map[uint32]*layer{}
	for _, l := range s.layers {
		layers[l.ssrc] = l
	}
	withEntries(&t.mu, &t.streams, layers)
}

// write encrypts one RTP packet and sends it (called by the scheduler only).
func (t *transport) write(packet []byte, scratch []byte) {
	if !t.ready.Load() {
		return
	}
	out, err := t.enc.EncryptRTP(scratch[:0], packet, nil)
	if err != nil {
		return
	}
	if err := t.socket.write(out); err == nil {
		t.sentPackets.Add(1)
	}
}

func (t *transport) writeRtcp(packet []byte) {
	if !t.ready.Load() {
		return
	}
	out, err := t.enc.EncryptRTCP(nil, packet, nil)
	if err != nil {
		return
	}
	_ = t.socket.write(out)
}

func (t *transport) close() {
	t.closeOnce.Do(func() {
		close(t.closed)
		if t.dtlsConn != nil {
			_ = t.dtlsConn.Close()
		}
		t.poller.remove(t)
		t.socket.close()
	})
}

// dtlsPacketConn hands pion/dtls the DTLS records of the transport's socket.
type dtlsPacketConn struct{ t *transport }

func (c *dtlsPacketConn) ReadFrom(p []byte) (int, net.Addr, error) {
	select {
	case b := <-c.t.dtlsIn:
		return copy(p, b), c.t.socket.remote, nil
	case <-c.t.closed:
		return 0, nil, net.ErrClosed
	}
}

func (c *dtlsPacketConn) WriteTo(p []byte, _ net.Addr) (int, error) {
	if err := c.t.socket.write(p); err != nil {
		return 0, err
	}
	return len(p), nil
}
func (c *dtlsPacketConn) Close() error                     { return nil }
func (c *dtlsPacketConn) LocalAddr() net.Addr              { return c.t.socket.local }
func (c *dtlsPacketConn) SetDeadline(time.Time) error      { return nil }
func (c *dtlsPacketConn) SetReadDeadline(time.Time) error  { return nil }
func (c *dtlsPacketConn) SetWriteDeadline(time.Time) error { return nil }
