#!/usr/bin/env python3
"""UDP traffic for the simulator tests and benchmark, run inside job namespaces with `ip netns exec`.

Modes (each prints one JSON object on stdout when done):
  send    --to ADDR --port P --count N [--size S] [--pps R] [--source-port SP] [--catch-up]
          numbered datagrams ("QIR1", 8-byte sequence number, a pattern derived from it), paced at R per second.
  receive --port P --duration D [--count N] [--idle I]
          records every datagram: sequence numbers, arrival times, sources, pattern mismatches (corruption).
  echo    --port P --duration D        sends every datagram back to its source; records the sources.
  ping    --to ADDR --port P --count N [--interval I] [--size S]
          sends timestamped datagrams to an echo and reports round-trip times and losses.
"""
import argparse, json, socket, struct, sys, time


MAGIC = b"QIR1"  # non-zero bytes 1-4, so a datagram never looks like QUIC Version Negotiation to the simulator


def pattern(seq, size):
    head = MAGIC + struct.pack("!Q", seq)
    body = bytes(((seq * 7 + i) & 0xFF) | 1 for i in range(64))
    return (head + body * (size // 64 + 1))[:max(size, len(head))]


def sequence(data):
    return struct.unpack("!Q", data[4:12])[0] if len(data) >= 12 else 0


def make_socket(bind_port=0):
    sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    sock.bind(("::", bind_port))
    return sock


def target(addr):
    return ("::ffff:" + addr) if ":" not in addr else addr


def send(args):
    sock = make_socket(args.source_port)
    start = time.monotonic()
    interval = 1.0 / args.pps if args.pps > 0 else 0
    due = start
    for seq in range(1, args.count + 1):
        if interval:
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            # A late sender does not catch up in a burst, which would overflow a small queue, unless asked to
            # (a saturating source keeps the bottleneck queue full through its own scheduling hiccups).
            due = (due if args.catch_up else max(due, now)) + interval
        sock.sendto(pattern(seq, args.size), (target(args.to), args.port))
    print(json.dumps({"sent": args.count, "seconds": time.monotonic() - start}))


def receive(args):
    sock = make_socket(args.port)
    sock.settimeout(0.05)
    seqs, arrivals, corrupted, sources = [], [], [], {}
    total_bytes = 0
    start = time.monotonic()
    last = None
    while time.monotonic() - start < args.duration and (args.count == 0 or len(seqs) < args.count):
        if last is not None and time.monotonic() - last > args.idle:
            break
        try:
            data, source = sock.recvfrom(65535)
        except socket.timeout:
            continue
        now = time.monotonic()
        last = now
        seq = sequence(data)
        if data != pattern(seq, len(data)):
            corrupted.append(len(seqs))
        seqs.append(seq)
        arrivals.append(now)
        key = "%s:%d" % (source[0].replace("::ffff:", ""), source[1])
        sources[key] = sources.get(key, 0) + 1
        total_bytes += len(data)
    print(json.dumps({"seqs": seqs, "arrivals": arrivals, "corrupted": corrupted, "sources": sources,
                      "bytes": total_bytes}))


def echo(args):
    sock = make_socket(args.port)
    sock.settimeout(0.05)
    sources, order = {}, []
    start = time.monotonic()
    while time.monotonic() - start < args.duration:
        try:
            data, source = sock.recvfrom(65535)
        except socket.timeout:
            continue
        key = "%s:%d" % (source[0].replace("::ffff:", ""), source[1])
        if key not in sources:
            order.append([key, time.monotonic() - start])
        sources[key] = sources.get(key, 0) + 1
        sock.sendto(data, source)
    print(json.dumps({"sources": sources, "first_seen": order}))


def ping(args):
    sock = make_socket(args.source_port)
    sock.settimeout(args.interval)
    rtts, replies = [], 0
    for seq in range(1, args.count + 1):
        sent = time.monotonic()
        sock.sendto(struct.pack("!Qd", seq, sent) + b"\0" * max(args.size - 16, 0), (target(args.to), args.port))
        deadline = sent + args.interval
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            sock.settimeout(remaining)
            try:
                data, _ = sock.recvfrom(65535)
            except socket.timeout:
                break
            rseq, rsent = struct.unpack("!Qd", data[:16])
            rtts.append([rseq, (time.monotonic() - rsent) * 1000])
            replies += 1
        remaining = deadline - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)
    print(json.dumps({"sent": args.count, "replies": replies, "rtts_ms": rtts}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["send", "receive", "echo", "ping"])
    parser.add_argument("--to", default="193.167.100.100")
    parser.add_argument("--port", type=int, default=4433)
    parser.add_argument("--source-port", type=int, default=0)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--size", type=int, default=1200)
    parser.add_argument("--pps", type=float, default=0)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--idle", type=float, default=1.0)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--catch-up", action="store_true")
    args = parser.parse_args()
    {"send": send, "receive": receive, "echo": echo, "ping": ping}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
