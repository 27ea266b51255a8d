// Thin wrappers over Linux calls that Swift cannot import directly (variadic ioctl, GNU-only
// recvmmsg/sendmmsg, setns on a private thread). Everything else stays in Swift.
#ifndef C_NETWORK_SIMULATOR_H
#define C_NETWORK_SIMULATOR_H

#include <stddef.h>
#include <stdint.h>

/// Opens an AF_PACKET raw socket bound to `ifname` that receives every frame arriving on it (not the ones
/// it sends itself), non-blocking. Writes the interface's MAC address to `mac` (6 bytes).
/// Returns the descriptor or -errno.
int qir_packet_socket_open(const char *ifname, uint8_t *mac);

/// Receives up to `count` frames into `count` consecutive slots of `slot_size` bytes starting at `slots`;
/// stores each frame's length in `lengths` (a frame longer than a slot is reported with its full length) and
/// its kernel arrival time (CLOCK_REALTIME nanoseconds, 0 if missing) in `timestamps`.
/// Returns the number of frames, 0 when none is waiting, or -errno.
int qir_packet_receive_batch(int fd, uint8_t *const *slots, size_t slot_size, uint32_t *lengths,
                             uint64_t *timestamps, int count);

/// Sets the calling thread's timer slack, so that timed waits wake within microseconds of their deadline.
void qir_set_timer_slack_ns(unsigned long nanoseconds);

/// Sends `count` frames (pointers and lengths) in one call. Returns how many were sent or -errno.
int qir_packet_send_batch(int fd, uint8_t *const *frames, const uint32_t *lengths, int count);

/// Opens a signalfd for SIGTERM and SIGINT after blocking both in the calling thread. Returns it or -errno.
int qir_termination_signal_fd(void);

/// Waits until one of the descriptors is readable or `timeout_ns` passes (negative = forever).
/// Sets bit i of the result for readable descriptor i; returns 0 on timeout or -errno.
int qir_wait_readable(const int *fds, int count, int64_t timeout_ns);

/// Opens a TCP listener on port `port` for IPv4 and IPv6 on every address. Returns it or -errno.
int qir_tcp_listener(uint16_t port);

/// Opens a non-blocking UDP socket connected to the numeric address `host` (IPv4 or IPv6) and `port`.
/// Returns it or -errno (-EINVAL for an address that is not numeric).
int qir_udp_connect(const char *host, uint16_t port);

/// On a new thread that enters the network namespace at `netns_path`: writes each `value` to the
/// sysctl file `/proc/sys/<path>` (pairs in `paths`/`values`), then, on each interface named in
/// `txoff_ifnames`, turns transmit checksum offload off (frames leave with full checksums) and GRO on
/// (veth then receives through NAPI and merges TCP segments, which halves the receive cost).
/// The calling thread's namespace is unchanged. Returns 0 or -errno of the first failure.
int qir_netns_configure(const char *netns_path, const char *const *paths, const char *const *values, int count,
                        const char *const *txoff_ifnames, int txoff_count);

#endif
