"""Keeps this Python process on loopback while clients use the real Azure host names.

`redirect_to(port)` does two things, for the whole process:

* Every TCP connection urllib3 opens to a host that is not loopback goes to
  127.0.0.1:<port> instead. urllib3 still uses the original host name for SNI, the
  `Host` header and the certificate check, so `kv.vault.azure.net` must be in the
  emulator's certificate and trusted through its CA file. Plain-HTTP connections
  (IMDS at 169.254.169.254) take the same path; the emulator tells TLS from plain
  HTTP on its one port.
* A guard (a `sys.addaudithook` hook, which sees every socket call in the process)
  refuses any name lookup of a name that is not loopback and any connect to an
  address that is not loopback, before a packet leaves, and remembers the attempt.
  `violations()` lists them; the test session fails when it is not empty.
"""

import ipaddress
import socket
import sys
import threading

import urllib3.util.connection

_LOOPBACK_NAMES = {"localhost", "localhost.", "ip6-localhost"}

_lock = threading.Lock()
_violations = []
_redirected = []
_installed = {"port": None}


def is_loopback(host):
    """Whether `host` (a name or an address literal) means this machine."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    text = str(host).strip("[]").lower()
    if text in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(text.split("%")[0]).is_loopback
    except ValueError:
        return False


def violations():
    """The refused attempts so far, as readable strings."""
    with _lock:
        return list(_violations)


def forget_violations(matching):
    """Drops the refused attempts whose text contains `matching` (for the guard's own test)."""
    with _lock:
        _violations[:] = [entry for entry in _violations if matching not in entry]


def redirected_hosts():
    """The (host, port) pairs sent to the emulator so far, oldest first."""
    with _lock:
        return list(_redirected)


def _refuse(kind, target):
    entry = f"{kind} {target!r} refused: not a loopback address"
    with _lock:
        _violations.append(entry)
    return entry


def _audit(event, args):
    if event == "socket.getaddrinfo":
        host = args[0]
        if not is_loopback(host):
            raise socket.gaierror(socket.EAI_NONAME, _refuse("name lookup of", host))
    elif event == "socket.connect":
        address = args[1]
        if isinstance(address, tuple) and address and not is_loopback(address[0]):
            raise ConnectionRefusedError(_refuse("connect to", address))


def redirect_to(port):
    """Sends every non-loopback connection to 127.0.0.1:`port` and installs the guard."""
    if _installed["port"] is not None:
        if _installed["port"] != port:
            raise RuntimeError("loopback redirection is already installed for another port")
        return

    original = urllib3.util.connection.create_connection

    def create_connection(address, *args, **kwargs):
        host, target_port = address
        if is_loopback(host):
            return original(address, *args, **kwargs)
        with _lock:
            _redirected.append((host, target_port))
        return original(("127.0.0.1", port), *args, **kwargs)

    urllib3.util.connection.create_connection = create_connection
    sys.addaudithook(_audit)
    _installed["port"] = port
