/**
 * Settings for a platform that serves only this machine: HTTP, signalling and media on loopback, on
 * ports the system picks (so platforms in tests and benchmarks never collide), one worker.
 */
export const LOOPBACK_ENV = {
	HOST: "127.0.0.1",
	PORT: "0",
	LOG_LEVEL: "warn",
	MEDIASOUP_WORKERS: "1",
	RTC_LISTEN_IP: "127.0.0.1",
	RTC_UDP_PORT_BASE: "0",
	RTC_TCP_PORT_BASE: "0",
} as const;
