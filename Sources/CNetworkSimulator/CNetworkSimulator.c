#define _GNU_SOURCE
#include "CNetworkSimulator.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/ethtool.h>
#include <linux/if_packet.h>
#include <linux/sockios.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

int qir_packet_socket_open(const char *ifname, uint8_t *mac) {
    int fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_ALL));
    if (fd < 0) return -errno;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
    if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0) goto fail;
    int ifindex = ifr.ifr_ifindex;
    if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) goto fail;
    memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
    int one = 1;
    if (setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) < 0) goto fail;
    // Kernel receive timestamps give each frame its true arrival time even when the engine reads late.
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one)) < 0) goto fail;
    int buffer = 8 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof(buffer));
    setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &buffer, sizeof(buffer));
    struct sockaddr_ll address;
    memset(&address, 0, sizeof(address));
    address.sll_family = AF_PACKET;
    address.sll_protocol = htons(ETH_P_ALL);
    address.sll_ifindex = ifindex;
    if (bind(fd, (struct sockaddr *)&address, sizeof(address)) < 0) goto fail;
    return fd;
fail:;
    int error = errno;
    close(fd);
    return -error;
}

enum { QIR_MAX_BATCH = 256 };

int qir_packet_receive_batch(int fd, uint8_t *const *slots, size_t slot_size, uint32_t *lengths,
                             uint64_t *timestamps, int count) {
    struct mmsghdr messages[QIR_MAX_BATCH];
    struct iovec vectors[QIR_MAX_BATCH];
    static _Thread_local char control[QIR_MAX_BATCH][CMSG_SPACE(sizeof(struct timespec))];
    if (count > QIR_MAX_BATCH) count = QIR_MAX_BATCH;
    for (int i = 0; i < count; i++) {
        vectors[i].iov_base = slots[i];
        vectors[i].iov_len = slot_size;
        memset(&messages[i].msg_hdr, 0, sizeof(messages[i].msg_hdr));
        messages[i].msg_hdr.msg_iov = &vectors[i];
        messages[i].msg_hdr.msg_iovlen = 1;
        messages[i].msg_hdr.msg_control = control[i];
        messages[i].msg_hdr.msg_controllen = sizeof(control[i]);
    }
    int received = recvmmsg(fd, messages, (unsigned)count, MSG_DONTWAIT | MSG_TRUNC, NULL);
    if (received < 0) return (errno == EAGAIN || errno == EWOULDBLOCK) ? 0 : -errno;
    for (int i = 0; i < received; i++) {
        lengths[i] = messages[i].msg_len;
        timestamps[i] = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&messages[i].msg_hdr); c; c = CMSG_NXTHDR(&messages[i].msg_hdr, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                struct timespec stamp;
                memcpy(&stamp, CMSG_DATA(c), sizeof(stamp));
                timestamps[i] = (uint64_t)stamp.tv_sec * 1000000000ull + (uint64_t)stamp.tv_nsec;
            }
        }
    }
    return received;
}

void qir_set_timer_slack_ns(unsigned long nanoseconds) { prctl(PR_SET_TIMERSLACK, nanoseconds, 0, 0, 0); }

int qir_packet_send_batch(int fd, uint8_t *const *frames, const uint32_t *lengths, int count) {
    struct mmsghdr messages[QIR_MAX_BATCH];
    struct iovec vectors[QIR_MAX_BATCH];
    int sent_total = 0;
    while (sent_total < count) {
        int chunk = count - sent_total;
        if (chunk > QIR_MAX_BATCH) chunk = QIR_MAX_BATCH;
        for (int i = 0; i < chunk; i++) {
            vectors[i].iov_base = frames[sent_total + i];
            vectors[i].iov_len = lengths[sent_total + i];
            memset(&messages[i].msg_hdr, 0, sizeof(messages[i].msg_hdr));
            messages[i].msg_hdr.msg_iov = &vectors[i];
            messages[i].msg_hdr.msg_iovlen = 1;
        }
        int sent = sendmmsg(fd, messages, (unsigned)chunk, 0);
        if (sent < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == ENOBUFS) {
                struct pollfd pfd = {.fd = fd, .events = POLLOUT};
                poll(&pfd, 1, 10);
                continue;
            }
            return sent_total > 0 ? sent_total : -errno;
        }
        sent_total += sent;
    }
    return sent_total;
}

int qir_termination_signal_fd(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0) return -errno;
    int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

int qir_wait_readable(const int *fds, int count, int64_t timeout_ns) {
    struct pollfd pfds[8];
    if (count > 8) count = 8;
    for (int i = 0; i < count; i++) {
        pfds[i].fd = fds[i];
        pfds[i].events = POLLIN;
        pfds[i].revents = 0;
    }
    struct timespec timeout;
    struct timespec *timeout_pointer = NULL;
    if (timeout_ns >= 0) {
        timeout.tv_sec = timeout_ns / 1000000000;
        timeout.tv_nsec = timeout_ns % 1000000000;
        timeout_pointer = &timeout;
    }
    int ready = ppoll(pfds, (nfds_t)count, timeout_pointer, NULL);
    if (ready < 0) return errno == EINTR ? 0 : -errno;
    int mask = 0;
    for (int i = 0; i < count; i++)
        if (pfds[i].revents & (POLLIN | POLLERR | POLLHUP)) mask |= 1 << i;
    return mask;
}

int qir_tcp_listener(uint16_t port) {
    int fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    int zero = 0, one = 1;
    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in6 address;
    memset(&address, 0, sizeof(address));
    address.sin6_family = AF_INET6;
    address.sin6_addr = in6addr_any;
    address.sin6_port = htons(port);
    if (bind(fd, (struct sockaddr *)&address, sizeof(address)) < 0 || listen(fd, 100) < 0) {
        int error = errno;
        close(fd);
        return -error;
    }
    return fd;
}

int qir_udp_connect(const char *host, uint16_t port) {
    struct sockaddr_storage address;
    memset(&address, 0, sizeof(address));
    socklen_t length;
    struct sockaddr_in *v4 = (struct sockaddr_in *)&address;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&address;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        length = sizeof(*v4);
    } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        length = sizeof(*v6);
    } else {
        return -EINVAL;
    }
    int fd = socket(address.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    if (connect(fd, (struct sockaddr *)&address, length) < 0) {
        int error = errno;
        close(fd);
        return -error;
    }
    return fd;
}

struct qir_netns_job {
    const char *netns_path;
    const char *const *paths;
    const char *const *values;
    int count;
    const char *const *txoff_ifnames;
    int txoff_count;
    int result;
};

static int qir_write_file(const char *path, const char *value) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    size_t length = strlen(value);
    ssize_t written = write(fd, value, length);
    int error = written == (ssize_t)length ? 0 : -(errno ? errno : EIO);
    close(fd);
    return error;
}

static void *qir_netns_thread(void *argument) {
    struct qir_netns_job *job = argument;
    int nsfd = open(job->netns_path, O_RDONLY | O_CLOEXEC);
    if (nsfd < 0) {
        job->result = -errno;
        return NULL;
    }
    if (setns(nsfd, CLONE_NEWNET) < 0) {
        job->result = -errno;
        close(nsfd);
        return NULL;
    }
    close(nsfd);
    for (int i = 0; i < job->count; i++) {
        char path[512];
        snprintf(path, sizeof(path), "/proc/sys/%s", job->paths[i]);
        int error = qir_write_file(path, job->values[i]);
        if (error != 0) {
            job->result = error;
            return NULL;
        }
    }
    if (job->txoff_count > 0) {
        int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            job->result = -errno;
            return NULL;
        }
        for (int i = 0; i < job->txoff_count; i++) {
            struct ethtool_value settings[2] = {{.cmd = ETHTOOL_STXCSUM, .data = 0}, {.cmd = ETHTOOL_SGRO, .data = 1}};
            for (int j = 0; j < 2; j++) {
                struct ifreq ifr;
                memset(&ifr, 0, sizeof(ifr));
                strncpy(ifr.ifr_name, job->txoff_ifnames[i], IFNAMSIZ - 1);
                ifr.ifr_data = (void *)&settings[j];
                if (ioctl(fd, SIOCETHTOOL, &ifr) < 0) {
                    job->result = -errno;
                    close(fd);
                    return NULL;
                }
            }
        }
        close(fd);
    }
    job->result = 0;
    return NULL;
}

int qir_netns_configure(const char *netns_path, const char *const *paths, const char *const *values, int count,
                        const char *const *txoff_ifnames, int txoff_count) {
    struct qir_netns_job job = {netns_path, paths, values, count, txoff_ifnames, txoff_count, -EINVAL};
    pthread_t thread;
    int error = pthread_create(&thread, NULL, qir_netns_thread, &job);
    if (error != 0) return -error;
    pthread_join(thread, NULL);
    return job.result;
}
