"""Reading a response body within a byte budget: one content-coding layer, decoded in bounded steps.

A server may send a small gzip that inflates to gigabytes, or stack `gzip, gzip`. Here the
body is read raw and decoded by us with `max_length`, so no more than `limit` decoded
bytes ever exist, and a second coding layer is refused rather than followed.
"""

from __future__ import annotations

import zlib
from typing import Any

ACCEPT_ENCODING = "gzip, deflate"


class BodyError(Exception):
    """The body cannot be read as sent (an unknown or stacked coding, corrupt data)."""


def _decoder(encoding: str):
    codings = [c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip().lower() != "identity"]
    if not codings:
        return None
    if len(codings) > 1:
        raise BodyError(f"stacked content codings refused: {encoding!r}")
    if codings[0] in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if codings[0] == "deflate":
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib header; raw deflate is tried below
    raise BodyError(f"content coding {codings[0]!r} not supported")


async def read_body(response: Any, limit: int) -> tuple[bytes, bool]:
    """(decoded body, truncated): at most `limit` bytes, however the body is compressed.

    `response` is the link checker's (links/wire.py) or an httpx one: `headers.get` and `aiter_raw`."""
    decoder = _decoder(response.headers.get("Content-Encoding", ""))
    parts: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw():
        if decoder is not None:
            try:
                data = decoder.decompress(chunk, limit - size + 1)
            except zlib.error as error:
                if size == 0 and response.headers.get("Content-Encoding", "").strip().lower() == "deflate":
                    decoder = zlib.decompressobj(-zlib.MAX_WBITS)  # some servers send raw deflate
                    data = decoder.decompress(chunk, limit - size + 1)
                else:
                    raise BodyError(f"corrupt {response.headers.get('Content-Encoding')} data: {error}") from None
        else:
            data = chunk
        parts.append(data)
        size += len(data)
        if size > limit or (decoder is not None and decoder.unconsumed_tail):
            return b"".join(parts)[:limit], True
    return b"".join(parts), False
