#!/usr/bin/env python3
"""A WebTransport interop endpoint (client and server) over aioquic's HTTP/3 layer.

It honours upstream's webtransport.md: ROLE, TESTCASE, REQUESTS, PROTOCOLS, SSLKEYLOGFILE, QLOGDIR;
/www/<endpoint>/ holds what a session on /<endpoint> serves, /downloads/<endpoint>/ what it receives,
/downloads/negotiated_protocol.txt the application protocol the handshake agreed on. Exit 0 = done,
127 = test case unsupported, 1 = failure.

Event driven: one QuicConnectionProtocol per connection turns aioquic's H3 events into calls on
Session objects (one per WebTransport session, i.e. per CONNECT stream).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import ssl
import sys
import urllib.parse
from collections.abc import Callable
from typing import Any

import aioquic
from aioquic.asyncio import QuicConnectionProtocol, connect
from aioquic.asyncio.server import QuicServer
from aioquic.h3.connection import H3_ALPN, H3Connection
from aioquic.h3.events import DatagramReceived, H3Event, HeadersReceived, WebTransportStreamDataReceived
from aioquic.quic.configuration import QuicConfiguration
from aioquic.quic.connection import stream_is_unidirectional
from aioquic.quic.events import ConnectionTerminated, ProtocolNegotiated, QuicEvent, StreamDataReceived
from aioquic.quic.logger import QuicFileLogger

UNSUPPORTED = 127
WWW = "/www"
DOWNLOADS = "/downloads"
CERTS = "/certs"
NEGOTIATED_PROTOCOL_FILE = os.path.join(DOWNLOADS, "negotiated_protocol.txt")
# H3_NO_ERROR: how either side ends a connection whose work is done.
H3_NO_ERROR = 0x100
# A requester of datagrams asks again for what has not arrived after this long: datagrams may be lost.
DATAGRAM_RETRY_SECONDS = 1.0

# TESTCASE values per role (webtransport.md); the receiving side gets the test's full name, the
# sending side "transfer". Anything else exits 127.
TRANSFER_KINDS = {"unidirectional", "bidirectional", "datagram"}
CLIENT_TESTS = {"handshake", "transfer"} | {f"transfer-{kind}-receive" for kind in TRANSFER_KINDS}
SERVER_TESTS = {"handshake", "transfer"} | {f"transfer-{kind}-send" for kind in TRANSFER_KINDS}

log = logging.getLogger("aioquic-webtransport")


class EndpointError(Exception):
    """A failure of the test: printed as one line, exit status 1."""


# Structured fields (RFC 8941) as WT-Available-Protocols (a list of strings) and WT-Protocol (a string) use them.


def sf_string(value: str) -> str:
    """One sf-string: quoted, with backslash escapes for quote and backslash."""
    if any(ord(c) < 0x20 or ord(c) > 0x7E for c in value):
        raise EndpointError(f"protocol {value!r} is not printable ASCII, so no structured-field string")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_sf_strings(text: str) -> list[str]:
    """The string items of a structured-field list, in order; parameters are skipped, tokens refused."""
    items: list[str] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i == n:
            return items
        if text[i] != '"':
            raise EndpointError(f"structured-field list {text!r}: item at {i} is not a string")
        i += 1
        value = []
        while True:
            if i == n:
                raise EndpointError(f"structured-field list {text!r}: unterminated string")
            c = text[i]
            if c == "\\" and i + 1 < n and text[i + 1] in '"\\':
                value.append(text[i + 1])
                i += 2
            elif c == '"':
                i += 1
                break
            else:
                value.append(c)
                i += 1
        items.append("".join(value))
        while i < n and text[i] == ";":  # parameters: ;key or ;key=value
            i += 1
            while i < n and text[i] not in ",;":
                i += 1
        while i < n and text[i] in " \t":
            i += 1
        if i < n:
            if text[i] != ",":
                raise EndpointError(f"structured-field list {text!r}: expected ',' at {i}")
            i += 1


def plain_name(name: str, what: str) -> str:
    """A single path component, refused when it could leave its directory."""
    if not name or name in (".", "..") or "/" in name or "\0" in name:
        raise EndpointError(f"{what} {name!r} is not a plain file name")
    return name


def split_request(path: str) -> tuple[str, str | None]:
    """`endpoint/file` → (endpoint, file); `endpoint` or `endpoint/` → (endpoint, None)."""
    parts = [p for p in path.split("/") if p]
    if not parts:
        raise EndpointError(f"request {path!r} names no endpoint")
    endpoint = plain_name(parts[0], "endpoint")
    if len(parts) == 1:
        return endpoint, None
    return endpoint, plain_name("/".join(parts[1:]), "file")


def group_requests(paths: list[str]) -> dict[str, list[str]]:
    """Requests grouped by endpoint, both in the order given."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        endpoint, name = split_request(path)
        files = groups.setdefault(endpoint, [])
        if name is not None:
            files.append(name)
    return groups


def save(endpoint: str, name: str, data: bytes) -> None:
    """Store a received file as /downloads/<endpoint>/<name>."""
    directory = os.path.join(DOWNLOADS, endpoint)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, plain_name(name, "received file")), "wb") as fp:
        fp.write(data)
    log.info("saved %s/%s (%d bytes)", endpoint, name, len(data))


def served(endpoint: str, name: str) -> bytes:
    """The bytes of /www/<endpoint>/<name>."""
    with open(os.path.join(WWW, endpoint, plain_name(name, "requested file")), "rb") as fp:
        return fp.read()


def parse_push(message: bytes) -> tuple[str, bytes]:
    """`PUSH <name>\\n<contents>` → (name, contents)."""
    header, newline, contents = message.partition(b"\n")
    if not newline or not header.startswith(b"PUSH "):
        raise EndpointError(f"expected 'PUSH <file>\\n', got {message[:40]!r}")
    return header[5:].decode().strip(), contents


def parse_get(message: bytes) -> str:
    """`GET <name>` → name."""
    if not message.startswith(b"GET "):
        raise EndpointError(f"expected 'GET <file>', got {message[:40]!r}")
    return message[4:].decode().strip()


class Session:
    """One WebTransport session: its endpoint, what it waits for, and how it answers the peer's requests."""

    def __init__(self, connection: WebTransportProtocol, session_id: int, endpoint: str) -> None:
        self.connection = connection
        self.session_id = session_id
        self.endpoint = endpoint
        self.protocol = ""
        # Files this side requested and still waits for, by name, and how each was asked for.
        self.pending: dict[str, str] = {}
        self.done = asyncio.get_running_loop().create_future()

    # Requests this side makes.

    def request(self, kind: str, names: list[str]) -> None:
        """Ask the peer for every file at once, over the given kind of stream or as datagrams."""
        for name in names:
            self.pending[name] = kind
        for name in names:
            message = f"GET {name}".encode()
            if kind == "unidirectional":
                stream_id = self.connection.h3.create_webtransport_stream(self.session_id, is_unidirectional=True)
                self.connection._quic.send_stream_data(stream_id, message, end_stream=True)
            elif kind == "bidirectional":
                stream_id = self.connection.h3.create_webtransport_stream(self.session_id)
                self.connection.own_bidirectional[stream_id] = (self, name, bytearray())
                self.connection._quic.send_stream_data(stream_id, message, end_stream=True)
            else:
                self.connection.h3.send_datagram(self.session_id, message)
        if kind == "datagram":
            self.connection.retry_datagrams_later(self)
        self.finish_if_complete()
        self.connection.transmit()

    def received(self, name: str, contents: bytes) -> None:
        """A requested file arrived."""
        if name not in self.pending:
            # A datagram answer to a request that was sent twice, or a file nobody asked for.
            log.info("session %s: ignoring %r, which is not awaited", self.endpoint, name)
            return
        save(self.endpoint, name, contents)
        del self.pending[name]
        self.finish_if_complete()

    def finish_if_complete(self) -> None:
        """Resolve `done` once nothing is pending."""
        if not self.pending and not self.done.done():
            self.done.set_result(None)

    # Requests the peer makes.

    def answer(self, kind: str, request: bytes, stream_id: int | None = None) -> None:
        """Answer one GET with the file: PUSH on a new unidirectional stream, the bytes on the request's
        bidirectional stream, or a PUSH datagram."""
        name = parse_get(request)
        contents = served(self.endpoint, name)
        if kind == "unidirectional":
            reply = self.connection.h3.create_webtransport_stream(self.session_id, is_unidirectional=True)
            self.connection._quic.send_stream_data(reply, f"PUSH {name}\n".encode() + contents, end_stream=True)
        elif kind == "bidirectional":
            assert stream_id is not None
            self.connection._quic.send_stream_data(stream_id, contents, end_stream=True)
        else:
            self.connection.h3.send_datagram(self.session_id, f"PUSH {name}\n".encode() + contents)
        log.info("session %s: sent %s over %s", self.endpoint, name, kind)
        self.connection.transmit()


class WebTransportProtocol(QuicConnectionProtocol):
    """One QUIC connection carrying HTTP/3 and WebTransport sessions, for either role."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.h3: H3Connection | None = None
        self.sessions: dict[int, Session] = {}
        # Data on peer-initiated WebTransport streams, until the stream ends.
        self.incoming: dict[int, bytearray] = {}
        # Bidirectional streams this side opened: aioquic's H3 layer would parse their replies as HTTP/3
        # frames, so their data is taken before it reaches the H3 layer.
        self.own_bidirectional: dict[int, tuple[Session, str, bytearray]] = {}
        # Client: CONNECT streams waiting for their response.
        self.connecting: dict[int, tuple[str, asyncio.Future[list[tuple[bytes, bytes]]]]] = {}
        self.closed = asyncio.get_running_loop().create_future()
        # Server: called with each new session.
        self.on_session: Callable[[Session], None] | None = None
        self.server_protocols: list[str] = []

    def quic_event_received(self, event: QuicEvent) -> None:
        """Route QUIC events: WebTransport replies on own streams, everything else through HTTP/3."""
        if isinstance(event, ProtocolNegotiated) and event.alpn_protocol in H3_ALPN:
            self.h3 = H3Connection(self._quic, enable_webtransport=True)
        elif isinstance(event, ConnectionTerminated):
            reason = f"connection closed with error {event.error_code:#x} {event.reason_phrase!r}"
            for _, future in self.connecting.values():
                if not future.done():
                    future.set_exception(EndpointError(reason))
            for session in self.sessions.values():
                if not session.done.done():
                    session.done.set_exception(EndpointError(f"session {session.endpoint}: {reason}"))
            if not self.closed.done():
                self.closed.set_result(event)
            return
        if isinstance(event, StreamDataReceived) and event.stream_id in self.own_bidirectional:
            session, name, data = self.own_bidirectional[event.stream_id]
            data += event.data
            if event.end_stream:
                del self.own_bidirectional[event.stream_id]
                session.received(name, bytes(data))
                self.transmit()
            return
        if self.h3 is None:
            return
        for h3_event in self.h3.handle_event(event):
            try:
                self.h3_event_received(h3_event)
            except EndpointError as error:
                log.error("%s", error)
                self._quic.close(error_code=H3_NO_ERROR + 1, reason_phrase=str(error)[:200])
                self.transmit()

    def h3_event_received(self, event: H3Event) -> None:
        """Sessions, their streams and datagrams."""
        if isinstance(event, HeadersReceived):
            if event.stream_id in self.connecting:
                _, future = self.connecting.pop(event.stream_id)
                if not future.done():
                    future.set_result(event.headers)
            elif not self._quic.configuration.is_client:
                self.accept(event.stream_id, dict(event.headers))
        elif isinstance(event, WebTransportStreamDataReceived):
            session = self.sessions.get(event.session_id)
            if session is None:
                log.info("data for unknown session %d", event.session_id)
                return
            data = self.incoming.setdefault(event.stream_id, bytearray())
            data += event.data
            if event.stream_ended:
                del self.incoming[event.stream_id]
                self.stream_ended(session, event.stream_id, bytes(data))
        elif isinstance(event, DatagramReceived):
            session = self.sessions.get(event.stream_id)
            if session is None:
                log.info("datagram for unknown session %d", event.stream_id)
                return
            if event.data.startswith(b"GET "):
                session.answer("datagram", event.data)
            else:
                session.received(*parse_push(event.data))

    def stream_ended(self, session: Session, stream_id: int, data: bytes) -> None:
        """A whole message on a peer-initiated stream: a request to answer, or a pushed file."""
        kind = "unidirectional" if stream_is_unidirectional(stream_id) else "bidirectional"
        if data.startswith(b"GET "):
            session.answer(kind, data, stream_id)
        else:
            session.received(*parse_push(data))

    # Server side.

    def accept(self, stream_id: int, headers: dict[bytes, bytes]) -> None:
        """Answer a CONNECT: 200 and the selected protocol for a WebTransport session on an endpoint that
        /www holds, 404 otherwise."""
        assert self.h3 is not None
        path = headers.get(b":path", b"").decode(errors="replace")
        endpoint = urllib.parse.urlsplit(path).path.strip("/")
        is_session = headers.get(b":method") == b"CONNECT" and headers.get(b":protocol") == b"webtransport"
        if not is_session or "/" in endpoint or not endpoint or not os.path.isdir(os.path.join(WWW, endpoint)):
            log.info("refusing %s %s", headers.get(b":method"), path)
            self.h3.send_headers(stream_id, [(b":status", b"404")], end_stream=True)
            self.transmit()
            return
        offered = parse_sf_strings(headers.get(b"wt-available-protocols", b"").decode())
        # The client's preference wins: the first protocol it offers that this server supports.
        selected = next((p for p in offered if p in self.server_protocols), "")
        response = [(b":status", b"200")]
        if selected:
            response.append((b"wt-protocol", sf_string(selected).encode()))
        self.h3.send_headers(stream_id, response)
        session = Session(self, stream_id, endpoint)
        session.protocol = selected
        self.sessions[stream_id] = session
        log.info("session on /%s, offered %s, selected %r", endpoint, offered, selected)
        if self.on_session is not None:
            self.on_session(session)
        self.transmit()

    # Client side.

    async def open_session(self, authority: str, endpoint: str, protocols: list[str]) -> Session:
        """Send a CONNECT for /<endpoint> offering `protocols` and wait for the 2xx response."""
        while self.h3 is None:
            await asyncio.sleep(0.01)
        stream_id = self._quic.get_next_available_stream_id()
        headers = [
            (b":method", b"CONNECT"),
            (b":protocol", b"webtransport"),
            (b":scheme", b"https"),
            (b":authority", authority.encode()),
            (b":path", f"/{endpoint}".encode()),
        ]
        if protocols:
            headers.append((b"wt-available-protocols", ", ".join(sf_string(p) for p in protocols).encode()))
        future: asyncio.Future[list[tuple[bytes, bytes]]] = asyncio.get_running_loop().create_future()
        self.connecting[stream_id] = (endpoint, future)
        # Registered before the response: the server may open streams right after it.
        session = Session(self, stream_id, endpoint)
        self.sessions[stream_id] = session
        self.h3.send_headers(stream_id, headers)
        self.transmit()
        response = dict(await future)
        status = response.get(b":status", b"")
        if not status.startswith(b"2"):
            raise EndpointError(f"CONNECT /{endpoint}: status {status.decode(errors='replace')}")
        selected = response.get(b"wt-protocol")
        if selected is not None:
            chosen = parse_sf_strings(selected.decode())
            if len(chosen) != 1 or chosen[0] not in protocols:
                raise EndpointError(f"server selected {selected!r}, which was not offered")
            session.protocol = chosen[0]
        log.info("session on /%s established, protocol %r", endpoint, session.protocol)
        return session

    # Datagram requests are retried: a lost datagram is never resent by QUIC.

    def retry_datagrams_later(self, session: Session) -> None:
        """Ask again for missing datagram files every DATAGRAM_RETRY_SECONDS until all arrived."""

        def retry() -> None:
            missing = [name for name, kind in session.pending.items() if kind == "datagram"]
            if not missing or session.done.done():
                return
            log.info("session %s: asking again for %d datagram files", session.endpoint, len(missing))
            for name in missing:
                self.h3.send_datagram(session.session_id, f"GET {name}".encode())
            self.transmit()
            asyncio.get_running_loop().call_later(DATAGRAM_RETRY_SECONDS, retry)

        asyncio.get_running_loop().call_later(DATAGRAM_RETRY_SECONDS, retry)


def transfer_kind(testcase: str) -> str | None:
    """`transfer-<kind>-<direction>` → kind; None for handshake and transfer."""
    parts = testcase.split("-")
    return parts[1] if len(parts) == 3 else None


def configuration(is_client: bool, keylog: Any, qlog: Any) -> QuicConfiguration:
    """HTTP/3 with QUIC datagrams, key log and qlog."""
    config = QuicConfiguration(
        is_client=is_client,
        alpn_protocols=H3_ALPN,
        max_datagram_frame_size=65536,
        secrets_log_file=keylog,
        quic_logger=qlog,
        idle_timeout=30.0,
    )
    if is_client:
        config.verify_mode = ssl.CERT_NONE
    else:
        config.load_cert_chain(os.path.join(CERTS, "cert.pem"), os.path.join(CERTS, "priv.key"))
    return config


def write_negotiated_protocol(protocol: str) -> None:
    """The handshake test's result file."""
    with open(NEGOTIATED_PROTOCOL_FILE, "w") as fp:
        fp.write(protocol)
    log.info("negotiated protocol %r", protocol)


async def run_client(testcase: str, requests: list[str], protocols: list[str], keylog: Any, qlog: Any) -> None:
    """Open one session per endpoint of REQUESTS, all at once on one connection, then do the test case."""
    if not requests:
        raise EndpointError("REQUESTS is empty")
    first = urllib.parse.urlsplit(requests[0])
    if first.hostname is None:
        raise EndpointError(f"request URL {requests[0]!r} has no host")
    groups = group_requests([urllib.parse.urlsplit(url).path for url in requests])
    config = configuration(True, keylog, qlog)
    config.server_name = first.hostname
    port = first.port or 443
    async with connect(first.hostname, port, configuration=config, create_protocol=WebTransportProtocol) as client:
        assert isinstance(client, WebTransportProtocol)
        sessions = await asyncio.gather(
            *(client.open_session(first.netloc, endpoint, protocols) for endpoint in groups)
        )
        kind = transfer_kind(testcase)
        if testcase == "handshake":
            write_negotiated_protocol(sessions[0].protocol)
        elif kind is not None:
            for session in sessions:
                session.request(kind, groups[session.endpoint])
            await asyncio.gather(*(session.done for session in sessions))
        else:
            # transfer: answer the server's requests until it closes the connection.
            event = await client.closed
            if event.error_code not in (0, H3_NO_ERROR):
                raise EndpointError(f"server closed the connection with error {event.error_code:#x} {event.reason_phrase!r}")
            return
        client.close(error_code=H3_NO_ERROR)


async def run_server(testcase: str, requests: list[str], protocols: list[str], keylog: Any, qlog: Any) -> None:
    """Serve WebTransport sessions on UDP port 443 until the connection ends; request REQUESTS' files."""
    config = configuration(False, keylog, qlog)
    groups = group_requests(requests)
    kind = transfer_kind(testcase)
    loop = asyncio.get_running_loop()
    finished: asyncio.Future[None] = loop.create_future()
    connections: list[WebTransportProtocol] = []

    def on_session(session: Session) -> None:
        if testcase == "handshake":
            write_negotiated_protocol(session.protocol)
        if kind is not None and session.endpoint in groups:
            session.request(kind, groups.pop(session.endpoint))
            session.done.add_done_callback(lambda _: check_all_received(session.connection))

    def check_all_received(connection: WebTransportProtocol) -> None:
        if groups or any(not s.done.done() for s in connection.sessions.values()):
            return
        errors = [s.done.exception() for s in connection.sessions.values() if s.done.exception()]
        if errors and not finished.done():
            finished.set_exception(errors[0])
            return
        log.info("every requested file arrived; closing the connection")
        connection.close(error_code=H3_NO_ERROR)
        connection.transmit()
        # The close is on the wire: nothing is left to wait for.
        if not finished.done():
            finished.set_result(None)

    def create_protocol(*args: Any, **kwargs: Any) -> WebTransportProtocol:
        protocol = WebTransportProtocol(*args, **kwargs)
        protocol.server_protocols = protocols
        protocol.on_session = on_session
        if connections:
            log.info("a second connection: webtransport.md expects one")
        connections.append(protocol)
        protocol.closed.add_done_callback(lambda _: finished.done() or finished.set_result(None))
        return protocol

    sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    sock.bind(("::", 443))
    transport, _ = await loop.create_datagram_endpoint(
        lambda: QuicServer(configuration=config, create_protocol=create_protocol), sock=sock
    )
    log.info("aioquic %s WebTransport server listening on [::]:443, protocols %s", aioquic.__version__, protocols)
    try:
        await finished
        event = connections[0].closed.result() if connections and connections[0].closed.done() else None
        if kind is not None and groups:
            raise EndpointError(f"the connection ended before sessions on {sorted(groups)} were established")
        if kind is not None:
            for session in connections[0].sessions.values():
                if session.pending:
                    raise EndpointError(f"session {session.endpoint}: missing {sorted(session.pending)}")
        if event is not None and event.error_code not in (0, H3_NO_ERROR):
            raise EndpointError(f"connection closed with error {event.error_code:#x} {event.reason_phrase!r}")
    finally:
        transport.close()


def main() -> int:
    """Run the role the environment asks for; returns the exit status."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stdout)
    role = os.environ.get("ROLE", "")
    testcase = os.environ.get("TESTCASE", "")
    if role not in ("client", "server"):
        print(f"ROLE must be client or server, got {role!r}")
        return 1
    if testcase not in (CLIENT_TESTS if role == "client" else SERVER_TESTS):
        print(f"unsupported test case {testcase!r} for the {role}")
        return UNSUPPORTED
    requests = os.environ.get("REQUESTS", "").split()
    protocols = os.environ.get("PROTOCOLS", "").split()
    keylog_path = os.environ.get("SSLKEYLOGFILE")
    # Line buffering: the runner may stop this endpoint with a signal; every secret must be on disk.
    keylog = open(keylog_path, "a", buffering=1) if keylog_path else None
    qlog = None
    if os.environ.get("QLOGDIR"):
        os.makedirs(os.environ["QLOGDIR"], exist_ok=True)
        qlog = QuicFileLogger(os.environ["QLOGDIR"])
    run = run_client if role == "client" else run_server

    def stopped(signum: int, _: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stopped)
    try:
        asyncio.run(run(testcase, requests, protocols, keylog, qlog))
    except EndpointError as error:
        print(f"failed: {error}")
        return 1
    finally:
        if qlog is not None:
            for trace in list(qlog._traces):
                qlog.end_trace(trace)
        if keylog is not None:
            keylog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
