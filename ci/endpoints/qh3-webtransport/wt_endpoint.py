#!/usr/bin/env python3
"""A WebTransport interop endpoint (client and server) over qh3's HTTP/3 layer.

The contract is upstream's webtransport.md: ROLE, TESTCASE, REQUESTS, PROTOCOLS, SSLKEYLOGFILE, QLOGDIR;
a session on /<endpoint> serves /www/<endpoint>/ and stores into /downloads/<endpoint>/; the handshake
writes /downloads/negotiated_protocol.txt. Exit 0 = done, 127 = test case unsupported, 1 = failure.

Written as coroutines: the connection object only files qh3's events into queues (incoming streams,
datagrams, stream bytes), and each session runs a responder task plus, when it requests files, one task
per file that awaits its answer.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import logging
import os
import re
import signal
import socket
import ssl
import sys
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from qh3.asyncio import QuicConnectionProtocol, connect
from qh3.asyncio.server import QuicServer
from qh3.h3.connection import H3_ALPN, H3Connection
from qh3.h3.events import DatagramReceived, HeadersReceived, WebTransportStreamDataReceived
from qh3.quic.configuration import QuicConfiguration
from qh3.quic.events import ConnectionTerminated, StreamDataReceived
from qh3.quic.logger import QuicFileLogger

EXIT_UNSUPPORTED = 127
NO_ERROR = 0x100  # H3_NO_ERROR
APPLICATION_ERROR = 0x101  # H3_GENERAL_PROTOCOL_ERROR
RESEND_AFTER = 0.8  # seconds before a datagram request is sent again

log = logging.getLogger("qh3-webtransport")


class Failure(Exception):
    """The test failed; the message is printed and the endpoint exits 1."""


# WT-Available-Protocols is an RFC 8941 list of strings, WT-Protocol one string.
_SF_STRING = re.compile(r'\s*"((?:[^"\\]|\\["\\])*)"(?:;[^,]*)?\s*(?:,|$)')


def encode_protocols(protocols: list[str]) -> bytes:
    """A structured-field list of strings."""
    return ", ".join(encode_protocol(p).decode() for p in protocols).encode()


def encode_protocol(protocol: str) -> bytes:
    """A structured-field string."""
    if not protocol.isascii() or not protocol.isprintable():
        raise Failure(f"protocol {protocol!r} cannot be a structured-field string")
    return ('"' + re.sub(r'(["\\])', r"\\\1", protocol) + '"').encode()


def decode_protocols(value: bytes) -> list[str]:
    """The strings of a structured-field list (parameters dropped)."""
    text, position, found = value.decode("ascii"), 0, []
    while position < len(text.rstrip()):
        match = _SF_STRING.match(text, position)
        if match is None:
            raise Failure(f"not a structured-field list of strings: {text!r}")
        found.append(re.sub(r"\\(.)", r"\1", match.group(1)))
        position = match.end()
    return found


def component(name: str) -> str:
    """`name` when it is one safe path component."""
    if name in ("", ".", "..") or "/" in name or "\x00" in name:
        raise Failure(f"unsafe path component {name!r}")
    return name


@dataclass
class Contract:
    """The environment webtransport.md defines."""

    role: str = field(default_factory=lambda: os.environ.get("ROLE", ""))
    testcase: str = field(default_factory=lambda: os.environ.get("TESTCASE", ""))
    requests: list[str] = field(default_factory=lambda: os.environ.get("REQUESTS", "").split())
    protocols: list[str] = field(default_factory=lambda: os.environ.get("PROTOCOLS", "").split())

    @property
    def kind(self) -> str | None:
        """unidirectional, bidirectional or datagram for transfer-<kind>-<direction>."""
        match = re.fullmatch(r"transfer-(unidirectional|bidirectional|datagram)-(receive|send)", self.testcase)
        if match is None:
            return None
        # The client receives, the server sends ("send" is seen from the client): the other name is 127.
        wanted = "receive" if self.role == "client" else "send"
        return match.group(1) if match.group(2) == wanted else None

    @property
    def supported(self) -> bool:
        """Whether this role runs TESTCASE."""
        return self.testcase in ("handshake", "transfer") or self.kind is not None

    def sessions(self) -> dict[str, list[str]]:
        """Endpoint → files, from REQUESTS (URLs for the client, paths for the server)."""
        wanted: dict[str, list[str]] = {}
        for request in self.requests:
            path = urlsplit(request).path if self.role == "client" else request
            first, _, rest = path.strip("/").partition("/")
            files = wanted.setdefault(component(first), [])
            if rest:
                files.append(component(rest))
        return wanted


class Session:
    """A WebTransport session: queues its connection fills, and the coroutines that use them."""

    def __init__(self, link: Link, stream_id: int, endpoint: str) -> None:
        self.link = link
        self.stream_id = stream_id
        self.endpoint = endpoint
        self.protocol = ""
        self.new_streams: asyncio.Queue[int] = asyncio.Queue()
        self.datagrams: asyncio.Queue[bytes] = asyncio.Queue()
        self.awaiting: dict[str, asyncio.Future[bytes]] = {}

    async def message(self, stream_id: int) -> bytes:
        """Every byte of a stream until its FIN."""
        chunks = []
        queue = self.link.stream_queue(stream_id)
        while True:
            data, fin = await queue.get()
            chunks.append(data)
            if fin:
                self.link.stream_queues.pop(stream_id, None)
                return b"".join(chunks)

    def send(self, stream_id: int, data: bytes) -> None:
        self.link._quic.send_stream_data(stream_id, data, end_stream=True)
        self.link.transmit()

    def datagram(self, data: bytes) -> None:
        # qh3 takes the quarter stream ID (RFC 9297 flow), not the session's stream ID.
        self.link.h3.send_datagram(self.stream_id // 4, data)
        self.link.transmit()

    def file(self, name: str) -> bytes:
        with open(os.path.join("/www", self.endpoint, component(name)), "rb") as source:
            return source.read()

    # Answering the peer.

    async def respond(self) -> None:
        """Answer GETs on incoming streams and in datagrams, and route PUSHes to whoever awaits them.

        A request that cannot be answered is logged and dropped: the peer's check will miss the file."""
        helpers: set[asyncio.Task[None]] = set()

        def track(task: asyncio.Task[None]) -> None:
            helpers.add(task)
            task.add_done_callback(helpers.discard)
            task.add_done_callback(lambda t: t.cancelled() or t.exception() is None or log.error("%s", t.exception()))

        track(asyncio.create_task(self._respond_to_datagrams()))
        try:
            while True:
                stream_id = await self.new_streams.get()
                track(asyncio.create_task(self._respond_to_stream(stream_id)))
        finally:
            for task in helpers:
                task.cancel()

    async def _respond_to_stream(self, stream_id: int) -> None:
        message = await self.message(stream_id)
        if message.startswith(b"PUSH "):
            self._deliver_push(message)
            return
        name = self._requested(message)
        if stream_id & 0x2:  # unidirectional: push on a stream of our own
            await self.link.stream_credit(unidirectional=True)
            reply = self.link.h3.create_webtransport_stream(self.stream_id, is_unidirectional=True)
            self.send(reply, b"PUSH %s\n" % name.encode() + self.file(name))
        else:
            self.send(stream_id, self.file(name))
        log.info("/%s: answered %s on stream %d", self.endpoint, name, stream_id)

    async def _respond_to_datagrams(self) -> None:
        while True:
            data = await self.datagrams.get()
            try:
                if data.startswith(b"PUSH "):
                    self._deliver_push(data)
                else:
                    name = self._requested(data)
                    self.datagram(b"PUSH %s\n" % name.encode() + self.file(name))
            except (Failure, OSError) as error:
                log.error("/%s: datagram %r: %s", self.endpoint, data[:32], error)

    @staticmethod
    def _requested(message: bytes) -> str:
        if not message.startswith(b"GET "):
            raise Failure(f"not a GET request: {message[:32]!r}")
        return component(message[4:].decode().strip())

    def _deliver_push(self, message: bytes) -> None:
        head, separator, body = message.partition(b"\n")
        name = head[len(b"PUSH ") :].decode().strip()
        if not separator:
            raise Failure(f"PUSH without a newline: {message[:32]!r}")
        waiter = self.awaiting.get(name)
        if waiter is None or waiter.done():
            log.info("/%s: %s pushed again or unasked, dropped", self.endpoint, name)
            return
        waiter.set_result(body)

    # Requesting from the peer.

    async def fetch(self, kind: str, names: list[str]) -> None:
        """Request every file at once over `kind` and store each answer in /downloads/<endpoint>/."""
        folder = os.path.join("/downloads", self.endpoint)
        os.makedirs(folder, exist_ok=True)
        loop = asyncio.get_running_loop()
        for name in names:
            self.awaiting[name] = loop.create_future()

        async def one(name: str) -> None:
            body = await exchange(name)
            with open(os.path.join(folder, name), "wb") as target:
                target.write(body)
            log.info("/%s: stored %s, %d bytes, over %s", self.endpoint, name, len(body), kind)

        async def exchange(name: str) -> bytes:
            request = b"GET " + name.encode()
            if kind == "datagram":
                self.datagram(request)
                while True:
                    try:
                        body = await asyncio.wait_for(asyncio.shield(self.awaiting[name]), RESEND_AFTER)
                        break
                    except TimeoutError:
                        self.datagram(request)
            elif kind == "unidirectional":
                await self.link.stream_credit(unidirectional=True)
                self.send(self.link.h3.create_webtransport_stream(self.stream_id, is_unidirectional=True), request)
                body = await self.awaiting[name]
            else:
                await self.link.stream_credit(unidirectional=False)
                stream_id = self.link.h3.create_webtransport_stream(self.stream_id)
                self.link.raw_streams.add(stream_id)
                self.send(stream_id, request)
                body = await self.message(stream_id)
            return body

        async with asyncio.TaskGroup() as tasks:
            for name in names:
                tasks.create_task(one(name))


class Link(QuicConnectionProtocol):
    """A QUIC connection with HTTP/3: files qh3's events into the sessions' queues."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.h3 = H3Connection(self._quic, enable_webtransport=True)
        self.sessions: dict[int, Session] = {}
        self.stream_queues: dict[int, asyncio.Queue[tuple[bytes, bool]]] = {}
        # Bidirectional streams this side opened for a request: their answer is raw bytes, not HTTP/3.
        self.raw_streams: set[int] = set()
        self.responses: dict[int, asyncio.Future[dict[bytes, bytes]]] = {}
        self.incoming_sessions: asyncio.Queue[tuple[int, dict[bytes, bytes]]] = asyncio.Queue()
        self.ended: asyncio.Future[ConnectionTerminated] = asyncio.get_running_loop().create_future()

    async def stream_credit(self, unidirectional: bool) -> None:
        """Wait until the peer's stream limit allows one more stream: qh3 raises where aioquic would queue.

        The caller opens the stream without awaiting anything in between, so no other coroutine takes the credit."""
        while True:
            quic = self._quic
            limit = quic.max_concurrent_uni_streams if unidirectional else quic.max_concurrent_bidi_streams
            if quic.get_next_available_stream_id(unidirectional) // 4 < limit:
                return
            await asyncio.sleep(0.01)

    def stream_queue(self, stream_id: int) -> asyncio.Queue[tuple[bytes, bool]]:
        return self.stream_queues.setdefault(stream_id, asyncio.Queue())

    def quic_event_received(self, event: Any) -> None:
        if isinstance(event, ConnectionTerminated):
            if not self.ended.done():
                self.ended.set_result(event)
            return
        if isinstance(event, StreamDataReceived) and event.stream_id in self.raw_streams:
            self.stream_queue(event.stream_id).put_nowait((event.data, event.end_stream))
            return
        for h3_event in self.h3.handle_event(event):
            if isinstance(h3_event, HeadersReceived):
                headers = dict(h3_event.headers)
                waiter = self.responses.pop(h3_event.stream_id, None)
                if waiter is not None:
                    waiter.set_result(headers)
                elif b":method" in headers:
                    self.incoming_sessions.put_nowait((h3_event.stream_id, headers))
            elif isinstance(h3_event, WebTransportStreamDataReceived):
                session = self.sessions.get(h3_event.session_id)
                if session is None:
                    continue
                if h3_event.stream_id not in self.stream_queues:
                    session.new_streams.put_nowait(h3_event.stream_id)
                self.stream_queue(h3_event.stream_id).put_nowait((h3_event.data, h3_event.stream_ended))
            elif isinstance(h3_event, DatagramReceived):
                session = self.sessions.get(h3_event.flow_id * 4)
                if session is not None:
                    session.datagrams.put_nowait(h3_event.data)

    def finish(self, code: int = NO_ERROR, reason: str = "") -> None:
        self._quic.close(error_code=code, reason_phrase=reason)
        self.transmit()


def quic_configuration(is_client: bool) -> QuicConfiguration:
    keylog = os.environ.get("SSLKEYLOGFILE")
    qlog_dir = os.environ.get("QLOGDIR")
    if qlog_dir:
        os.makedirs(qlog_dir, exist_ok=True)
    configuration = QuicConfiguration(
        is_client=is_client,
        alpn_protocols=H3_ALPN,
        max_datagram_frame_size=65536,
        # Line-buffered: a signal may end this process, and the trace checks need every secret.
        secrets_log_file=open(keylog, "a", buffering=1) if keylog else None,
        quic_logger=QuicFileLogger(qlog_dir) if qlog_dir else None,
    )
    if is_client:
        configuration.verify_mode = ssl.CERT_NONE
    else:
        configuration.load_cert_chain("/certs/cert.pem", "/certs/priv.key")
    return configuration


def record_protocol(protocol: str) -> None:
    with open("/downloads/negotiated_protocol.txt", "w") as out:
        out.write(protocol + "\n")
    log.info("negotiated %r", protocol)


async def client(contract: Contract) -> None:
    wanted = contract.sessions()
    if not wanted:
        raise Failure("REQUESTS names no session")
    origin = urlsplit(contract.requests[0])
    configuration = quic_configuration(True)
    configuration.server_name = origin.hostname
    async with connect(origin.hostname, origin.port or 443, configuration=configuration, create_protocol=Link) as link:
        assert isinstance(link, Link)

        async def establish(endpoint: str) -> Session:
            stream_id = link._quic.get_next_available_stream_id()
            session = Session(link, stream_id, endpoint)
            link.sessions[stream_id] = session
            link.responses[stream_id] = asyncio.get_running_loop().create_future()
            headers = [
                (b":method", b"CONNECT"),
                (b":scheme", b"https"),
                (b":authority", origin.netloc.encode()),
                (b":path", f"/{endpoint}".encode()),
                (b":protocol", b"webtransport"),
            ]
            if contract.protocols:
                headers.append((b"wt-available-protocols", encode_protocols(contract.protocols)))
            link.h3.send_headers(stream_id, headers)
            link.transmit()
            response = await link.responses[stream_id]
            if not response.get(b":status", b"").startswith(b"2"):
                raise Failure(f"/{endpoint}: the server answered {response.get(b':status')!r}")
            if b"wt-protocol" in response:
                (session.protocol,) = decode_protocols(response[b"wt-protocol"])
                if session.protocol not in contract.protocols:
                    raise Failure(f"the server chose {session.protocol!r}, which was not offered")
            return session

        sessions = await asyncio.gather(*(establish(endpoint) for endpoint in wanted))
        responders = [asyncio.create_task(session.respond()) for session in sessions]
        if contract.testcase == "handshake":
            record_protocol(sessions[0].protocol)
        elif contract.kind is not None:
            await asyncio.gather(*(s.fetch(contract.kind, wanted[s.endpoint]) for s in sessions))
        else:
            ending = await asyncio.wait([link.ended, *responders], return_when=asyncio.FIRST_COMPLETED)
            for task in ending[0]:
                if task is not link.ended:
                    task.result()
            code = link.ended.result().error_code
            if code not in (0, NO_ERROR):
                raise Failure(f"the server closed the connection with error {code:#x}")
            return
        link.finish()
        for responder in responders:
            responder.cancel()


async def server(contract: Contract) -> None:
    wanted = contract.sessions()
    configuration = quic_configuration(False)
    links: asyncio.Queue[Link] = asyncio.Queue()

    def make_link(*args: Any, **kwargs: Any) -> Link:
        link = Link(*args, **kwargs)
        links.put_nowait(link)
        return link

    listener = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    listener.bind(("::", 443))
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(
        lambda: QuicServer(configuration=configuration, create_protocol=make_link), sock=listener
    )
    log.info("qh3 %s listening on UDP 443, protocols %s", importlib.metadata.version("qh3"), contract.protocols)
    # webtransport.md: every session of a test shares one connection, so this server serves the first.
    link = await links.get()
    tasks: set[asyncio.Task[None]] = set()
    fetches: list[asyncio.Task[None]] = []
    closed_here: asyncio.Future[None] = loop.create_future()

    def accept(stream_id: int, headers: dict[bytes, bytes]) -> None:
        endpoint = headers.get(b":path", b"").decode().split("?")[0].strip("/")
        is_webtransport = headers.get(b":method") == b"CONNECT" and headers.get(b":protocol") == b"webtransport"
        if not is_webtransport or not endpoint or "/" in endpoint or not os.path.isdir(os.path.join("/www", endpoint)):
            link.h3.send_headers(stream_id, [(b":status", b"404")], end_stream=True)
            link.transmit()
            return
        session = Session(link, stream_id, endpoint)
        offered = decode_protocols(headers.get(b"wt-available-protocols", b""))
        session.protocol = next((p for p in offered if p in contract.protocols), "")
        response = [(b":status", b"200")]
        if session.protocol:
            response.append((b"wt-protocol", encode_protocol(session.protocol)))
        link.sessions[stream_id] = session
        link.h3.send_headers(stream_id, response)
        link.transmit()
        log.info("session /%s: offered %s, chose %r", endpoint, offered, session.protocol)
        tasks.add(asyncio.create_task(session.respond()))
        if contract.testcase == "handshake":
            record_protocol(session.protocol)
        if contract.kind is not None and endpoint in wanted:
            fetches.append(asyncio.create_task(session.fetch(contract.kind, wanted.pop(endpoint))))
            if not wanted:
                tasks.add(asyncio.create_task(close_when_fetched()))

    async def close_when_fetched() -> None:
        try:
            await asyncio.gather(*fetches)
        except Exception as error:  # the endpoint fails; the peer learns why from the close reason
            link.finish(APPLICATION_ERROR, str(error)[:200])
            raise
        log.info("every requested file is stored")
        link.finish()
        # The close is on the wire: nothing is left to wait for.
        closed_here.set_result(None)

    async def accept_sessions() -> None:
        while True:
            accept(*await link.incoming_sessions.get())

    tasks.add(asyncio.create_task(accept_sessions()))
    try:
        await asyncio.wait([link.ended, closed_here], return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks | set(fetches):
            task.cancel()
        await asyncio.gather(*tasks, *fetches, return_exceptions=True)
        transport.close()
    for fetch in fetches:
        if not fetch.cancelled() and fetch.exception() is not None:
            raise Failure(f"fetching failed: {fetch.exception()}")
    if wanted or not all(fetch.done() and not fetch.cancelled() for fetch in fetches):
        raise Failure("the connection ended before every requested file arrived")
    ended = link.ended.result() if link.ended.done() else None
    if ended is not None and ended.error_code not in (0, NO_ERROR):
        raise Failure(f"connection closed with error {ended.error_code:#x} {ended.reason_phrase!r}")


def main() -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(asctime)s %(levelname)s %(message)s")
    contract = Contract()
    if contract.role not in ("client", "server"):
        print(f"ROLE must be client or server, not {contract.role!r}")
        return 1
    if not contract.supported:
        print(f"TESTCASE {contract.testcase!r} is not supported by the {contract.role}")
        return EXIT_UNSUPPORTED
    signal.signal(signal.SIGTERM, lambda signum, _: sys.exit(128 + signum))
    try:
        asyncio.run(client(contract) if contract.role == "client" else server(contract))
    except (Failure, ExceptionGroup) as error:
        failures = error.exceptions if isinstance(error, ExceptionGroup) else [error]
        for failure in failures:
            print(f"failed: {failure}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
