package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// enlargeReceiveBuffer sets SO_RCVBUF on the UDP socket that process `pid` has bound to `port`, by
// borrowing it with pidfd_getfd: what raising net.core.rmem_default on a media server would give the
// worker, without changing the machine for every other process. Returns the size the kernel took.
func enlargeReceiveBuffer(pid, port, bytes int) (int, error) {
	inode, err := udpSocketInode(port)
	if err != nil {
		return 0, err
	}
	target, err := fdOfInode(pid, inode)
	if err != nil {
		return 0, err
	}
	pidfd, err := unix.PidfdOpen(pid, 0)
	if err != nil {
		return 0, fmt.Errorf("pidfd_open: %w", err)
	}
	defer unix.Close(pidfd)
	fd, err := unix.PidfdGetfd(pidfd, target, 0)
	if err != nil {
		return 0, fmt.Errorf("pidfd_getfd: %w", err)
	}
	defer unix.Close(fd)
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, bytes); err != nil {
		if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, bytes); err != nil {
			return 0, err
		}
	}
	return unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF)
}

// udpSocketInode finds the listening UDP socket on `port` in /proc/net/udp.
func udpSocketInode(port int) (string, error) {
	f, err := os.Open("/proc/net/udp")
	if err != nil {
		return "", err
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	want := fmt.Sprintf(":%04X", port)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		if len(fields) > 9 && strings.HasSuffix(fields[1], want) && fields[2] == "00000000:0000" {
			return fields[9], nil
		}
	}
	return "", fmt.Errorf("no UDP socket listening on port %d", port)
}

// fdOfInode finds which of the process's descriptors is the socket with that inode.
func fdOfInode(pid int, inode string) (int, error) {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		link, err := os.Readlink(filepath.Join(dir, e.Name()))
		if err == nil && link == "socket:["+inode+"]" {
			return strconv.Atoi(e.Name())
		}
	}
	return 0, fmt.Errorf("process %d has no socket %s", pid, inode)
}
