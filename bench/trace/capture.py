"""Records a QUIC transfer between an aioquic server and client on loopback, for bench-trace.

Usage: capture.py --pcap OUT --keylog KEYS --port P --size BYTES --requests N [--keyupdate]
Starts tcpdump on `lo` for the port, runs N requests of BYTES each over one connection (requesting a key update
after each when --keyupdate is given), then stops tcpdump. Exits non-zero when any step fails.
"""
import argparse
import asyncio
import datetime
import os
import signal
import ssl
import subprocess
import tempfile
import time

from aioquic.asyncio import connect, serve
from aioquic.quic.configuration import QuicConfiguration
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

parser = argparse.ArgumentParser()
parser.add_argument("--pcap", required=True)
parser.add_argument("--keylog", required=True)
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--size", type=int, required=True)
parser.add_argument("--requests", type=int, default=1)
parser.add_argument("--keyupdate", action="store_true")
args = parser.parse_args()


def certificate(directory):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


async def handle(reader, writer):
    size = int((await reader.read()).decode())
    chunk = b"x" * 65536
    while size > 0:
        writer.write(chunk[: min(size, len(chunk))])
        size -= len(chunk)
        await writer.drain()
    writer.write_eof()


async def fetch(protocol, size):
    reader, writer = await protocol.create_stream()
    writer.write(str(size).encode())
    writer.write_eof()
    received = 0
    while True:
        data = await reader.read(1 << 20)
        if not data:
            break
        received += len(data)
    if received != size:
        raise RuntimeError(f"received {received} of {size} bytes")


async def transfer(cert_path, key_path):
    server_config = QuicConfiguration(is_client=False, alpn_protocols=["hq-interop"])
    server_config.load_cert_chain(cert_path, key_path)
    server = await serve("127.0.0.1", args.port, configuration=server_config,
                         stream_handler=lambda r, w: asyncio.ensure_future(handle(r, w)))
    with open(args.keylog, "w") as keylog:
        client_config = QuicConfiguration(is_client=True, alpn_protocols=["hq-interop"], secrets_log_file=keylog)
        client_config.verify_mode = ssl.CERT_NONE
        async with connect("127.0.0.1", args.port, configuration=client_config) as protocol:
            for _ in range(args.requests):
                await fetch(protocol, args.size)
                if args.keyupdate:
                    protocol._quic.request_key_update()
                    protocol.transmit()
            await asyncio.sleep(0.05)
    server.close()


with tempfile.TemporaryDirectory() as directory:
    cert_path, key_path = certificate(directory)
    dump = subprocess.Popen(["tcpdump", "-q", "-U", "-B", "65536", "-i", "lo", "-w", args.pcap, f"udp port {args.port}"],
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while not os.path.exists(args.pcap) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    try:
        asyncio.run(transfer(cert_path, key_path))
        time.sleep(0.3)
    finally:
        dump.send_signal(signal.SIGINT)
        dump.wait(timeout=10)
