"""Request slots: at most `total` requests at once, and at most each host's own limit against one host.

A request starts only when both a global slot and one of its host's slots are free, and among the
requests that could start, the one that asked first does. Two semaphores, one inside the other, do
worse whichever comes first: a request holding its host's slot while it waits for a global one
keeps the host idle, and one holding a global slot while it waits for its host keeps a slot from
every other host. (Simulated on the benchmark's 1,000 URLs at 16 at once and 2 per host: 7.1 s
here against 8.1 s with the host's semaphore first; see docs/links.md "Speed".)
"""

from __future__ import annotations

import asyncio
import heapq
from collections import deque
from itertools import count


class _Host:
    __slots__ = ("free", "waiting")

    def __init__(self, size: int):
        self.free = size
        self.waiting: deque[tuple[int, asyncio.Future]] = deque()


class Slots:
    def __init__(self, total: int):
        self._free = total
        self._hosts: dict[str, _Host] = {}
        self._ready: list[tuple[int, str]] = []  # (first request's number, host) for hosts that could start one
        self._numbers = count()

    def host(self, key: str, size: int) -> None:
        """Make `key` known with its limit (once; later calls change nothing)."""
        if key not in self._hosts:
            self._hosts[key] = _Host(size)

    async def acquire(self, key: str) -> None:
        host = self._hosts[key]
        if self._free and host.free and not host.waiting:
            self._free -= 1
            host.free -= 1
            return
        number = next(self._numbers)
        future = asyncio.get_running_loop().create_future()
        host.waiting.append((number, future))
        if host.free and len(host.waiting) == 1:
            heapq.heappush(self._ready, (number, key))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release(key)  # granted, but the task is gone: hand the slots on
            else:
                first = host.waiting[0][1] is future
                host.waiting.remove((number, future))
                if first and host.free and host.waiting:  # the new first request must be findable
                    heapq.heappush(self._ready, (host.waiting[0][0], key))
                    self._dispatch()
            raise

    def release(self, key: str) -> None:
        host = self._hosts[key]
        self._free += 1
        host.free += 1
        if host.free == 1 and host.waiting:
            heapq.heappush(self._ready, (host.waiting[0][0], key))
        self._dispatch()

    def _dispatch(self) -> None:
        ready = self._ready
        while self._free and ready:
            number, key = heapq.heappop(ready)
            host = self._hosts[key]
            if not host.free or not host.waiting or host.waiting[0][0] != number:
                continue  # stale: the host filled up, or its first request left
            _, future = host.waiting.popleft()
            self._free -= 1
            host.free -= 1
            future.set_result(None)
            if host.free and host.waiting:
                heapq.heappush(ready, (host.waiting[0][0], key))
