#!/usr/bin/env python3
"""A QUIC interop endpoint (client and server) for the aioquic API family.

It honours the interop runner's endpoint contract: ROLE, TESTCASE, REQUESTS, SSLKEYLOGFILE, QLOGDIR;
the server serves /www on UDP port 443 (IPv4 and IPv6) with /certs/cert.pem and /certs/priv.key, the
client stores each URL's body as /downloads/<URL path>. Exit 0 = done, 127 = test case unsupported,
1 = failure.

The same code drives aioquic and qh3 (a fork that kept aioquic's API): `--module` names the package.
HTTP/0.9 ("hq-interop") is implemented here on raw streams because qh3 has no h0 module; HTTP/3 uses
the package's own H3Connection.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import logging
import os
import signal
import socket
import ssl
import sys
import urllib.parse
from dataclasses import dataclass
from typing import Any, BinaryIO

UNSUPPORTED = 127
HQ_ALPN = "hq-interop"
H3_ALPN = "h3"
WWW = "/www"
DOWNLOADS = "/downloads"
CERTS = "/certs"
# Upstream's resumption/zerortt clients give the server this long to send a session ticket.
TICKET_WAIT_SECONDS = 10.0

# Test cases (TESTCASE values) each role implements. Anything else exits 127. Upstream hands the
# server "transfer" for keyupdate, multiplexing, ipv6, rebinding, loss and corruption tests.
# "postquantum" (upstream's open pull request #497, experimental here) is a handshake whose
# ClientHello does not fit in one Initial packet; the server serves it as a handshake.
SERVER_TESTS = {
    "handshake", "transfer", "retry", "resumption", "zerortt", "http3", "multiconnect", "chacha20", "v2", "postquantum",
}
CLIENT_TESTS = SERVER_TESTS | {"keyupdate"}
# Test cases a package cannot run although the code here implements them, with the reason.
# qh3 2.1.0 advertises v2, but its client keeps sending v1 Initials after the server switched and
# its server fails ("packet builder capacity exhausted") once it has switched.
PACKAGE_LIMITS = {"qh3": {"v2": "compatible version negotiation to v2 is broken in qh3 2.1.0"}}

log = logging.getLogger("endpoint")


class EndpointError(Exception):
    """A failure of the test: printed as one line, exit status 1."""


class Unsupported(Exception):
    """The test case cannot be run with this implementation: exit status 127."""


class Api:
    """The parts of the QUIC package this endpoint uses, looked up by the package's name."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.package = importlib.import_module(name)
        aio = importlib.import_module(f"{name}.asyncio")
        self.connect = aio.connect
        self.Protocol = aio.QuicConnectionProtocol
        self.QuicServer = importlib.import_module(f"{name}.asyncio.server").QuicServer
        self.QuicConfiguration = importlib.import_module(f"{name}.quic.configuration").QuicConfiguration
        self.events = importlib.import_module(f"{name}.quic.events")
        self.QuicFileLogger = importlib.import_module(f"{name}.quic.logger").QuicFileLogger
        self.QuicProtocolVersion = importlib.import_module(f"{name}.quic.packet").QuicProtocolVersion
        self.CipherSuite = importlib.import_module(f"{name}.tls").CipherSuite
        self.Group = importlib.import_module(f"{name}.tls").Group
        self.H3Connection = importlib.import_module(f"{name}.h3.connection").H3Connection
        self.h3_events = importlib.import_module(f"{name}.h3.events")

    @property
    def version(self) -> str:
        """The package's version string."""
        return getattr(self.package, "__version__", "unknown")


def make_qlog_writer(api: Api, directory: str) -> Any:
    """A qlog writer (one file per connection) that can also flush connections still open at exit."""
    qlog_version = importlib.import_module(f"{api.name}.quic.logger").QLOG_VERSION

    class QlogWriter(api.QuicFileLogger):  # type: ignore[name-defined, misc]
        def end_trace(self, trace: Any) -> None:
            """Write one connection's trace, byte for byte as the package does, but with json.dumps.

            The package's json.dump encodes in pure Python (CPython's C encoder serves only one-shot
            json.dumps): on a transfer's trace that was four times the CPU (0.12 s against 0.03 s for a
            1 MB qlog), a fifth of what an aioquic or qh3 endpoint spends in a run of the main job.
            """
            trace_dict = trace.to_dict()
            path = os.path.join(self.path, trace_dict["common_fields"]["ODCID"] + ".qlog")
            document = {"qlog_format": "JSON", "qlog_version": qlog_version, "traces": [trace_dict]}
            with open(path, "w") as stream:
                stream.write(json.dumps(document))
            self._traces.remove(trace)

        def flush_all(self) -> None:
            """Write the trace of every connection that has not ended yet."""
            # A server is stopped by a signal while connections may still be draining: write them too.
            for trace in list(self._traces):
                self.end_trace(trace)

    return QlogWriter(directory)


@dataclass
class Environment:
    """The endpoint contract as read from the environment."""

    role: str
    testcase: str
    requests: list[str]
    keylog: str | None
    qlogdir: str | None

    @staticmethod
    def load() -> Environment:
        """Read the contract's variables from the process environment."""
        return Environment(
            role=os.environ.get("ROLE", ""),
            testcase=os.environ.get("TESTCASE", ""),
            requests=os.environ.get("REQUESTS", "").split(),
            keylog=os.environ.get("SSLKEYLOGFILE") or None,
            qlogdir=os.environ.get("QLOGDIR") or None,
        )


class Tracing:
    """Key log file and qlog writer shared by every connection of the process."""

    def __init__(self, api: Api, env: Environment) -> None:
        # Line buffering: the runner may stop a server with a signal; every secret must be on disk.
        self.keylog = open(env.keylog, "a", buffering=1) if env.keylog else None
        self.qlog = None
        if env.qlogdir:
            os.makedirs(env.qlogdir, exist_ok=True)
            self.qlog = make_qlog_writer(api, env.qlogdir)

    def close(self) -> None:
        """Flush open qlog traces and close the key log."""
        if self.qlog is not None:
            self.qlog.flush_all()
        if self.keylog is not None:
            self.keylog.close()


def make_configuration(api: Api, env: Environment, tracing: Tracing, *, is_client: bool) -> Any:
    """The QuicConfiguration for one role and test case."""
    testcase = env.testcase
    config = api.QuicConfiguration(
        is_client=is_client,
        alpn_protocols=[H3_ALPN] if testcase == "http3" else [HQ_ALPN],
        secrets_log_file=tracing.keylog,
        quic_logger=tracing.qlog,
        # Large test files: keep the connection alive across upstream's blackhole phases.
        idle_timeout=30.0,
    )
    versions = api.QuicProtocolVersion
    if testcase == "v2":
        # The client starts in v1 and lists v2 first in version_information; the server picks the
        # first listed version it supports, so it switches to v2 by compatible version negotiation.
        config.supported_versions = [versions.VERSION_2, versions.VERSION_1]
        if is_client:
            config.original_version = versions.VERSION_1
    else:
        # Never upgrade to v2 outside the v2 test: the runner expects v1 there.
        config.supported_versions = [versions.VERSION_1]
    if testcase == "http3":
        # qh3's H3Connection always announces H3_DATAGRAM, which RFC 9297 only allows together with
        # the max_datagram_frame_size transport parameter (its peers check that).
        config.max_datagram_frame_size = 65536
    if testcase == "chacha20":
        config.cipher_suites = [api.CipherSuite.CHACHA20_POLY1305_SHA256]
    if testcase == "postquantum" and is_client and not hasattr(api.Group, "X25519ML768"):
        # qh3 offers an X25519MLKEM768 key share by default, which alone makes its ClientHello span two
        # Initial packets. aioquic has no post-quantum group: its client sends the 1200-byte
        # quantum_readiness transport parameter (0x0C37, the QUIC WG's "Quantum Readiness" test) instead.
        config.quantum_readiness_test = True
    if is_client:
        # Like upstream's clients: the runner's certificate is not checked.
        config.verify_mode = ssl.CERT_NONE
    else:
        config.load_cert_chain(os.path.join(CERTS, "cert.pem"), os.path.join(CERTS, "priv.key"))
    return config


def request_path(url: str) -> str:
    """The path of a request URL, checked to stay below the download folder."""
    path = urllib.parse.urlsplit(url).path
    parts = [p for p in path.split("/") if p]
    if not parts or any(p in (".", "..") for p in parts):
        raise EndpointError(f"request URL {url!r} has no usable file path")
    return "/" + "/".join(parts)


def www_file(path: str) -> str | None:
    """The file under /www a request path names, or None when it is missing or escapes /www."""
    root = os.path.realpath(WWW)
    candidate = os.path.realpath(os.path.join(root, path.lstrip("/")))
    if os.path.commonpath([root, candidate]) != root or not os.path.isfile(candidate):
        return None
    return candidate


# Client


@dataclass
class Download:
    """One request in flight: the file its body goes to and the future the client awaits."""

    url: str
    path: str
    file: BinaryIO
    done: asyncio.Future[None]
    status: bytes | None = None

    def finish(self, error: str | None = None) -> None:
        """Close the file and resolve the future, with an error when the request failed."""
        self.file.close()
        if self.done.done():
            return
        if error is None:
            self.done.set_result(None)
        else:
            self.done.set_exception(EndpointError(f"{self.url}: {error}"))


def make_client_protocol(api: Api, http3: bool) -> type:
    """The client connection protocol: sends each request on a new stream and stores the bodies.

    Requests wait in a queue while the peer's stream limit is reached: aioquic queues blocked
    streams itself, qh3 refuses them, so the queue is drained as the library reports free streams.
    """

    events = api.events
    h3_events = api.h3_events

    class ClientProtocol(api.Protocol):  # type: ignore[name-defined, misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.h3 = api.H3Connection(self._quic) if http3 else None
            self.downloads: dict[int, Download] = {}
            self.queue: list[Download] = []
            self.key_update_wanted = False

        def may_open_stream(self) -> bool:
            """Whether the peer's stream limit allows one more request stream now."""
            # qh3 exposes the peer's current MAX_STREAMS (bidi) as max_concurrent_bidi_streams and
            # refuses a stream beyond it; aioquic has no such property and never refuses. Client
            # bidirectional stream IDs are 0, 4, 8, ...: the next ID / 4 is the count opened so far.
            limit = getattr(self._quic, "max_concurrent_bidi_streams", None)
            return limit is None or self._quic.get_next_available_stream_id() // 4 < limit

        def transmit(self) -> None:
            """Start queued requests the stream limit now allows, then send."""
            # Both libraries transmit after every datagram and timer: the point where a MAX_STREAMS
            # frame (which raises no event) has been processed and queued requests may start.
            self.start_queued()
            super().transmit()

        def start_queued(self) -> None:
            """Open streams for queued requests while the stream limit allows."""
            while self.queue and self.may_open_stream():
                self.start(self.queue.pop(0))

        def start(self, download: Download) -> None:
            """Send one request on a new bidirectional stream."""
            url, path = download.url, download.path
            stream_id = self._quic.get_next_available_stream_id()
            self.downloads[stream_id] = download
            if self.h3 is not None:
                authority = urllib.parse.urlsplit(url).netloc
                self.h3.send_headers(
                    stream_id,
                    [(b":method", b"GET"), (b":scheme", b"https"), (b":authority", authority.encode()), (b":path", path.encode())],
                    end_stream=True,
                )
            else:
                self._quic.send_stream_data(stream_id, f"GET {path}\r\n".encode(), end_stream=True)

        async def fetch(self, urls: list[str]) -> None:
            """Request every URL on this connection and wait until all bodies are stored."""
            loop = asyncio.get_running_loop()
            downloads = []
            for url in urls:
                path = request_path(url)
                target = DOWNLOADS + path
                os.makedirs(os.path.dirname(target), exist_ok=True)
                downloads.append(Download(url, path, open(target, "wb"), loop.create_future()))
            self.queue.extend(downloads)
            self.transmit()
            await asyncio.gather(*(download.done for download in downloads))

        def request_key_update(self) -> None:
            """Ask for one key update as soon as the handshake is confirmed."""
            # Only allowed once the handshake is confirmed (RFC 9001 6.1): qh3 asserts that, so
            # the update is requested from the event handler as soon as it is.
            self.key_update_wanted = True
            self.update_key_if_confirmed()

        def update_key_if_confirmed(self) -> None:
            """Start the wanted key update once the handshake is confirmed."""
            if self.key_update_wanted and getattr(self._quic, "_handshake_confirmed", False):
                self.key_update_wanted = False
                self._quic.request_key_update()

        def quic_event_received(self, event: Any) -> None:
            """Store response data; fail every open request when the connection ends."""
            super().quic_event_received(event)
            if isinstance(event, events.ConnectionTerminated):
                reason = f"connection closed (error {event.error_code:#x} {event.reason_phrase!r})"
                for download in list(self.downloads.values()) + self.queue:
                    download.finish(reason)
                return
            self.update_key_if_confirmed()
            if self.h3 is not None:
                for h3_event in self.h3.handle_event(event):
                    self.h3_event_received(h3_event)
            elif isinstance(event, events.StreamDataReceived):
                self.body(event.stream_id, event.data, event.end_stream)
            elif isinstance(event, events.StreamReset) and event.stream_id in self.downloads:
                self.downloads[event.stream_id].finish(f"stream reset with error {event.error_code:#x}")

        def h3_event_received(self, event: Any) -> None:
            """Route an HTTP/3 response event to its download."""
            download = self.downloads.get(event.stream_id)
            if download is None:
                return
            if isinstance(event, h3_events.HeadersReceived):
                download.status = dict(event.headers).get(b":status")
                if event.stream_ended:
                    self.body(event.stream_id, b"", True)
            elif isinstance(event, h3_events.DataReceived):
                self.body(event.stream_id, event.data, event.stream_ended)

        def body(self, stream_id: int, data: bytes, end_stream: bool) -> None:
            """Append response bytes to the download's file; finish it at the end of the stream."""
            download = self.downloads.get(stream_id)
            if download is None:
                return
            download.file.write(data)
            if end_stream:
                if self.h3 is not None and download.status != b"200":
                    download.finish(f"HTTP status {download.status!r}")
                else:
                    download.finish()

    return ClientProtocol


class ClientRun:
    """The client side of one test case: one or more connections, each fetching some URLs."""

    def __init__(self, api: Api, env: Environment, tracing: Tracing) -> None:
        self.api = api
        self.env = env
        self.tracing = tracing
        self.protocol = make_client_protocol(api, env.testcase == "http3")
        if not env.requests:
            raise EndpointError("REQUESTS is empty")
        first = urllib.parse.urlsplit(env.requests[0])
        if first.hostname is None:
            raise EndpointError(f"request URL {env.requests[0]!r} has no host")
        self.host = first.hostname
        self.port = first.port or 443

    async def connection(self, urls: list[str], *, ticket: Any = None, early: bool = False, key_update: bool = False) -> Any:
        """Fetch urls over one connection; returns the session ticket received on it, if any."""
        config = make_configuration(self.api, self.env, self.tracing, is_client=True)
        config.server_name = self.host
        config.session_ticket = ticket
        tickets: list[Any] = []
        received = asyncio.Event()

        def ticket_handler(new_ticket: Any) -> None:
            tickets.append(new_ticket)
            received.set()

        async with self.api.connect(
            self.host,
            self.port,
            configuration=config,
            create_protocol=self.protocol,
            session_ticket_handler=ticket_handler,
            # 0-RTT: the requests go out before the handshake completes.
            wait_connected=not early,
        ) as client:
            if key_update:
                client.request_key_update()
            await client.fetch(urls)
            if ticket is None and self.env.testcase in ("resumption", "zerortt"):
                try:
                    await asyncio.wait_for(received.wait(), TICKET_WAIT_SECONDS)
                except asyncio.TimeoutError:
                    raise EndpointError("no session ticket received") from None
        return tickets[-1] if tickets else None

    async def run(self) -> None:
        """Run the test case's connections in order."""
        testcase = self.env.testcase
        urls = self.env.requests
        if testcase in ("resumption", "zerortt"):
            if len(urls) < 2:
                raise EndpointError(f"{testcase} needs at least 2 URLs, got {len(urls)}")
            ticket = await self.connection(urls[:1])
            await self.connection(urls[1:], ticket=ticket, early=testcase == "zerortt")
        elif testcase == "multiconnect":
            for url in urls:
                await self.connection([url])
        else:
            await self.connection(urls, key_update=testcase == "keyupdate")


# Server


class TicketStore:
    """Session tickets the server issued; each is used once (0-RTT anti-replay)."""

    def __init__(self) -> None:
        self.tickets: dict[bytes, Any] = {}

    def add(self, ticket: Any) -> None:
        """Remember a ticket the server issued."""
        self.tickets[ticket.ticket] = ticket

    def pop(self, label: bytes) -> Any:
        """The ticket with this label, removed from the store, or None."""
        return self.tickets.pop(label, None)


def make_server_protocol(api: Api, http3: bool) -> type:
    """The server connection protocol: answers each request with the file from /www."""

    events = api.events
    h3_events = api.h3_events

    class ServerProtocol(api.Protocol):  # type: ignore[name-defined, misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.h3 = api.H3Connection(self._quic) if http3 else None
            self.requests: dict[int, bytes] = {}

        def quic_event_received(self, event: Any) -> None:
            """Collect request bytes (HTTP/0.9) or headers (HTTP/3) and answer complete requests."""
            super().quic_event_received(event)
            if self.h3 is not None:
                for h3_event in self.h3.handle_event(event):
                    if isinstance(h3_event, h3_events.HeadersReceived):
                        self.answer_h3(h3_event.stream_id, dict(h3_event.headers))
            elif isinstance(event, events.StreamDataReceived):
                buffer = self.requests.get(event.stream_id, b"") + event.data
                if b"\n" in buffer or event.end_stream:
                    self.requests.pop(event.stream_id, None)
                    self.answer_hq(event.stream_id, buffer.split(b"\n", 1)[0].strip())
                else:
                    self.requests[event.stream_id] = buffer

        def answer_hq(self, stream_id: int, line: bytes) -> None:
            """Answer an HTTP/0.9 request line with the file's bytes, or reset the stream."""
            parts = line.split()
            name = www_file(parts[1].decode(errors="replace")) if len(parts) == 2 and parts[0] == b"GET" else None
            if name is None:
                log.info("stream %d: bad or unknown request %r", stream_id, line)
                # HTTP/0.9 has no status: refuse by resetting the stream (H3_REQUEST_REJECTED's value).
                self._quic.reset_stream(stream_id, 0x10B)
            else:
                with open(name, "rb") as fp:
                    self._quic.send_stream_data(stream_id, fp.read(), end_stream=True)
            self.transmit()

        def answer_h3(self, stream_id: int, headers: dict[bytes, bytes]) -> None:
            """Answer an HTTP/3 GET with the file (200) or 404."""
            path = headers.get(b":path", b"").decode(errors="replace").split("?", 1)[0]
            name = www_file(path) if headers.get(b":method") == b"GET" else None
            assert self.h3 is not None
            if name is None:
                self.h3.send_headers(stream_id, [(b":status", b"404"), (b"content-length", b"0")], end_stream=True)
            else:
                with open(name, "rb") as fp:
                    body = fp.read()
                self.h3.send_headers(stream_id, [(b":status", b"200"), (b"content-length", str(len(body)).encode())])
                self.h3.send_data(stream_id, body, end_stream=True)
            self.transmit()

    return ServerProtocol


async def run_server(api: Api, env: Environment, tracing: Tracing) -> None:
    """Serve /www on UDP port 443 until SIGTERM or SIGINT."""
    config = make_configuration(api, env, tracing, is_client=False)
    store = TicketStore()
    loop = asyncio.get_running_loop()
    # One dual-stack socket: the runner connects over IPv4 (server4) or IPv6 (server6).
    sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    sock.bind(("::", 443))
    transport, _ = await loop.create_datagram_endpoint(
        lambda: api.QuicServer(
            configuration=config,
            create_protocol=make_server_protocol(api, env.testcase == "http3"),
            session_ticket_fetcher=store.pop,
            session_ticket_handler=store.add,
            retry=env.testcase == "retry",
        ),
        sock=sock,
    )
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    log.info("%s %s server listening on [::]:443", api.name, api.version)
    await stop.wait()
    # Stopped as the packages' own interop servers are when their container is stopped: the process ends without
    # closing its connections. Closing them would send a CONNECTION_CLOSE for every connection still open, among
    # them the half-open ones that corrupted Initials created, each from a source connection ID no handshake used:
    # the loss and corruption tests count handshakes by those IDs and would see more than there were. With only the
    # socket closed, a connection timer that still fires sends nothing; the qlogs of open connections are written
    # after (Tracing.close).
    transport.close()


def main() -> int:
    """Run the role the environment asks for; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", default="aioquic", help="QUIC package with aioquic's API (aioquic, qh3)")
    parser.add_argument("params", nargs="*", help="CLIENT_PARAMS / SERVER_PARAMS (none are defined)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s", stream=sys.stdout)
    env = Environment.load()
    try:
        if env.role not in ("client", "server"):
            raise EndpointError(f"ROLE must be client or server, got {env.role!r}")
        supported = CLIENT_TESTS if env.role == "client" else SERVER_TESTS
        if env.testcase not in supported:
            raise Unsupported(f"{env.testcase!r} is not implemented for the {env.role}")
        limit = PACKAGE_LIMITS.get(args.module, {}).get(env.testcase)
        if limit is not None:
            raise Unsupported(limit)
        if args.params:
            log.info("ignoring parameters %s", args.params)
        api = Api(args.module)
        tracing = Tracing(api, env)
        try:
            if env.role == "client":
                asyncio.run(ClientRun(api, env, tracing).run())
            else:
                asyncio.run(run_server(api, env, tracing))
        finally:
            tracing.close()
    except Unsupported as error:
        print(f"unsupported test case: {error}")
        return UNSUPPORTED
    except EndpointError as error:
        print(f"failed: {error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
