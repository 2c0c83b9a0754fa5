"""Request slots (links/slots.py): both limits always hold, the request that asked first starts first."""

import asyncio
import random

from dossiercli.links.slots import Slots


def test_the_limits_hold_and_every_request_runs():
    async def main():
        slots = Slots(5)
        limits = {f"h{n}": 1 + n % 3 for n in range(8)}
        for host, size in limits.items():
            slots.host(host, size)
        running = {host: 0 for host in limits}
        peak = {"all": 0, **{host: 0 for host in limits}}
        done = []
        rng = random.Random(3)

        async def request(n: int, host: str):
            await slots.acquire(host)
            try:
                running[host] += 1
                peak[host] = max(peak[host], running[host])
                peak["all"] = max(peak["all"], sum(running.values()))
                await asyncio.sleep(rng.random() / 500)
                done.append(n)
            finally:
                running[host] -= 1
                slots.release(host)

        await asyncio.gather(*(request(n, rng.choice(list(limits))) for n in range(400)))
        return slots, limits, peak, done

    slots, limits, peak, done = asyncio.run(main())
    assert sorted(done) == list(range(400))
    assert peak["all"] == 5
    assert all(peak[host] <= size for host, size in limits.items())
    assert slots._free == 5 and all(slots._hosts[h].free == size for h, size in limits.items())  # nothing leaked


def test_the_first_request_that_can_start_starts():
    async def main():
        slots = Slots(1)
        for host in "ABC":
            slots.host(host, 1)
        started = []
        await slots.acquire("A")  # A0 holds the only slot

        async def request(name: str):
            await slots.acquire(name[0])
            started.append(name)
            await asyncio.sleep(0)
            slots.release(name[0])

        tasks = [asyncio.create_task(request(name)) for name in ("A1", "B1", "A2", "C1")]
        await asyncio.sleep(0)
        assert started == []  # all wait for A0
        slots.release("A")
        await asyncio.gather(*tasks)
        return started

    assert asyncio.run(main()) == ["A1", "B1", "A2", "C1"]


def test_a_request_whose_host_is_full_does_not_hold_back_another_host():
    async def main():
        slots = Slots(2)
        slots.host("A", 1)
        slots.host("B", 1)
        await slots.acquire("A")  # A busy, one global slot free
        waiting_a = asyncio.create_task(slots.acquire("A"))
        await asyncio.sleep(0)
        await asyncio.wait_for(slots.acquire("B"), 1)  # starts at once, though A's request asked first
        assert not waiting_a.done()
        slots.release("A")
        await asyncio.wait_for(waiting_a, 1)
        slots.release("A")
        slots.release("B")
        return slots

    slots = asyncio.run(main())
    assert slots._free == 2


def test_a_cancelled_request_gives_its_place_and_its_slots_back():
    async def main():
        slots = Slots(1)
        slots.host("A", 1)
        slots.host("B", 1)
        await slots.acquire("A")
        first = asyncio.create_task(slots.acquire("A"))
        second = asyncio.create_task(slots.acquire("B"))
        await asyncio.sleep(0)
        first.cancel()  # waiting: it leaves the queue
        await asyncio.sleep(0)
        slots.release("A")
        await asyncio.wait_for(second, 1)  # B's request is next
        granted = asyncio.create_task(slots.acquire("A"))
        await asyncio.sleep(0)
        slots.release("B")  # grants A's request ...
        granted.cancel()  # ... whose task is cancelled before it runs: the slots are handed on
        await asyncio.gather(granted, return_exceptions=True)
        return slots

    slots = asyncio.run(main())
    assert slots._free == 1 and slots._hosts["A"].free == 1 and slots._hosts["B"].free == 1
