"""Refusing URLs whose host is on the local network.

A CI job that checks contributed entries must not become a probe of the internal
network: by default a host that resolves to a loopback, private, link-local,
multicast, reserved or unspecified address is skipped. (A host whose DNS answer
changes between this check and the request — DNS rebinding — is not caught.)
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket


def forbidden_address(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1 (older Pythons do not say so themselves)
    for label, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    ):
        if flag:
            return f"{label} address {ip}"
    return None


async def private_host_reason(host: str, port: int) -> str | None:
    """Why `host` may not be checked, or None. Resolution failures are left to the request."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return None
    for info in infos:
        reason = forbidden_address(str(info[4][0]))
        if reason:
            return f"{host} resolves to a {reason} (use --allow-private to check it)"
    return None
