#!/usr/bin/python3
"""Counts the runs of the flaky fixture for one test's matrix.

The fixture runs sandboxed: it can write nothing that outlives its run, but it may connect to this Unix socket (a
socket stays usable on a read-only mount). Each connection sends a key (the test case) and gets back how many times
that key was sent before. Usage: counter.py SOCKET; it exits after ten idle minutes, or when the test stops it.
"""
import os
import socket
import sys

path = sys.argv[1]
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(path)
os.chmod(path, 0o666)
server.listen(16)
server.settimeout(600)
counts = {}
while True:
    try:
        connection, _ = server.accept()
    except socket.timeout:
        break
    with connection:
        key = connection.recv(256).decode(errors="replace").strip()
        connection.sendall(f"{counts.get(key, 0)}\n".encode())
        counts[key] = counts.get(key, 0) + 1
