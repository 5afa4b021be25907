package main

import (
	"errors"
	"net"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// udpSocket is a non-blocking UDP socket connected to one server candidate, outside Go's netpoller:
// one poller thread reads every socket, so a packet costs a read, not a goroutine wake-up.
type udpSocket struct {
	fd     int
	remote *net.UDPAddr
	local  *net.UDPAddr
}

func dialUDP(remote *net.UDPAddr) (*udpSocket, error) {
	ip := remote.IP.To4()
	if ip == nil {
		return nil, errors.New("only IPv4 candidates are supported")
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	// A receiver of hundreds of streams must not lose packets in its own socket.
	_ = unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, 4<<20)
	to := &unix.SockaddrInet4{Port: remote.Port}
	copy(to.Addr[:], ip)
	if err := unix.Connect(fd, to); err != nil {
		_ = unix.Close(fd)
		return nil, err
	}
	s := &udpSocket{fd: fd, remote: remote, local: &net.UDPAddr{}}
	if sa, err := unix.Getsockname(fd); err == nil {
		if in, ok := sa.(*unix.SockaddrInet4); ok {
			s.local = &net.UDPAddr{IP: net.IP(in.Addr[:]).To16(), Port: in.Port}
		}
	}
	return s, nil
}

// write sends one datagram; a full socket buffer drops it, as a network would.
func (s *udpSocket) write(b []byte) error {
	_, err := unix.Write(s.fd, b)
	return err
}

func (s *udpSocket) close() { _ = unix.Close(s.fd) }

// poller reads every transport's socket from one OS thread: it waits in epoll, drains each ready
// socket, then pauses 1 ms so that the next round finds several packets per socket (lag is read
// to within that millisecond).
type poller struct {
	epfd   int
	mu     sync.Mutex
	byFd   map[int32]*transport
	pauses unix.Timespec
}

func newPoller() (*poller, error) {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	p := &poller{epfd: epfd, byFd: map[int32]*transport{}, pauses: unix.NsecToTimespec(1_000_000)}
	go p.run()
	return p, nil
}

func (p *poller) add(t *transport) error {
	p.mu.Lock()
	p.byFd[int32(t.socket.fd)] = t
	p.mu.Unlock()
	return unix.EpollCtl(p.epfd, unix.EPOLL_CTL_ADD, t.socket.fd, &unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(t.socket.fd)})
}

func (p *poller) remove(t *transport) {
	_ = unix.EpollCtl(p.epfd, unix.EPOLL_CTL_DEL, t.socket.fd, nil)
	p.mu.Lock()
	delete(p.byFd, int32(t.socket.fd))
	p.mu.Unlock()
}

func (p *poller) run() {
	runtime.LockOSThread()
	events := make([]unix.EpollEvent, 512)
	buf := make([]byte, 2048)
	for {
		n, err := unix.EpollWait(p.epfd, events, 200)
		if err != nil && !errors.Is(err, unix.EINTR) {
			return
		}
		for i := 0; i < n; i++ {
			p.mu.Lock()
			t := p.byFd[events[i].Fd]
			p.mu.Unlock()
			if t == nil {
				continue
			}
			for {
				m, err := unix.Read(t.socket.fd, buf)
				if err != nil || m <= 0 {
					break
				}
				t.onDatagram(buf[:m])
			}
		}
		if n > 0 {
			_ = unix.Nanosleep(&p.pauses, nil)
		}
	}
}
