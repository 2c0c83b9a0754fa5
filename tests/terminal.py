"""A real pseudo-terminal for tests of prompts: the command sees a terminal on stdin, as a person's shell gives it."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time


class Terminal:
    """A command run on a pseudo-terminal, driven like a person would: wait for a prompt, type an answer."""

    def __init__(self, *args: str, env: dict | None = None):
        environment = {**os.environ, "PYTHONFAULTHANDLER": "1", **(env or {})}  # a hang shows where it hangs
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the real `dossier`, its stdin a terminal
            os.execve(sys.executable, [sys.executable, "-m", "dossiercli", *args], environment)
        self.output = ""  # what is on screen since the last answer
        self.transcript = ""  # everything

    def expect(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if time.monotonic() > deadline or not self._read(deadline - time.monotonic()):
                self.close()
                raise AssertionError(f"never saw {text!r}; the terminal shows:\n{self.output}")

    def answer(self, prompt: str, text: str) -> None:
        self.expect(prompt)
        self.output = self.output[self.output.index(prompt) + len(prompt) :]  # later prompts only
        os.write(self.fd, text.encode() + b"\r")

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        try:
            chunk = os.read(self.fd, 4096) if ready else b""
        except OSError:  # the child has exited and closed the terminal
            chunk = b""
        self.output += chunk.decode(errors="replace")
        self.transcript += chunk.decode(errors="replace")
        return bool(chunk)

    def close(self) -> int:
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        return os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])

    def wait(self, timeout: float = 20) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                while self._read(0.1):
                    pass
                return os.waitstatus_to_exitcode(status)
            self._read(0.2)
        os.kill(self.pid, signal.SIGABRT)  # faulthandler prints every thread's stack on the terminal
        self._read(2)
        self.close()
        raise AssertionError(f"still running; the terminal shows:\n{self.output}")

    def interrupt(self) -> None:
        """Ctrl-C, as the terminal sends it (the line discipline turns it into SIGINT), once the command is
        blocked reading the terminal: CPython's input() misses a SIGINT that lands between showing the prompt
        and starting to read (a person is never that fast; a test on a loaded machine can be)."""
        self.wait_until_reading()
        os.write(self.fd, b"\x03")

    def wait_until_reading(self, timeout: float = 10) -> None:
        read_call = {"x86_64": "0", "aarch64": "63"}.get(os.uname().machine)
        deadline = time.monotonic() + timeout
        while read_call and time.monotonic() < deadline:
            try:
                with open(f"/proc/{self.pid}/syscall") as status:
                    if status.read().split(" ", 1)[0] == read_call:
                        return
            except OSError:
                break
            time.sleep(0.02)
        time.sleep(0.5)  # no /proc to ask: give it time
