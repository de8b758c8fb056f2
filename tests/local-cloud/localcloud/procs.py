"""Processes the local cloud starts: PID files, liveness, bounded waits, logged commands."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from . import layout


def say(message: str) -> None:
    print(message, flush=True)


def run(args, env=None, cwd=None, check=True, quiet=False) -> subprocess.CompletedProcess:
    """Runs a set-up command; its output goes to the setup log, and to the screen if it fails."""
    started = time.monotonic()
    result = subprocess.run(
        [str(a) for a in args], env=env, cwd=cwd, capture_output=True, text=True
    )
    took = time.monotonic() - started
    with open(layout.log("setup"), "a") as out:
        out.write(f"$ {' '.join(map(str, args))}  ({took:.1f}s, exit {result.returncode})\n")
        out.write(result.stdout + result.stderr)
    if check and result.returncode != 0:
        tail = (result.stdout + result.stderr).strip().splitlines()[-30:]
        raise SystemExit(
            f"local cloud: `{' '.join(map(str, args))}` failed (exit {result.returncode}):\n"
            + "\n".join(tail)
        )
    if not quiet and took > 5:
        say(f"    ({Path(str(args[0])).name} took {took:.0f}s)")
    return result


def pid_file(name: str) -> Path:
    return layout.run(f"{name}.pid")


def pid_of(name: str):
    """The recorded PID of `name` if that process is still alive."""
    try:
        pid = int(pid_file(name).read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    # A zombie or a reused PID does not count as our service.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return None
    except OSError:
        return None
    return pid


def start(name: str, args, env=None, cwd=None) -> int:
    """Starts `name` in its own session, unless it already runs; output goes to its log."""
    pid = pid_of(name)
    if pid:
        return pid
    out = open(layout.log(name), "ab")
    process = subprocess.Popen(
        [str(a) for a in args],
        env=env,
        cwd=cwd or layout.STATE,
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    pid_file(name).write_text(str(process.pid))
    return process.pid


def stop(name: str, grace: float = 15.0) -> None:
    """SIGTERM to the whole process group, then SIGKILL after `grace` seconds."""
    pid = pid_of(name)
    if pid:
        _signal_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and _group_alive(pid):
            time.sleep(0.2)
        _signal_group(pid, signal.SIGKILL)
    pid_file(name).unlink(missing_ok=True)


def _signal_group(pid: int, sig) -> None:
    try:
        os.killpg(pid, sig)
    except OSError:
        try:
            os.kill(pid, sig)
        except OSError:
            pass


def _group_alive(pgid: int) -> bool:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pgid:
                    stat = (entry / "stat").read_text()
                    if stat.rsplit(")", 1)[1].split()[0] != "Z":
                        return True
            except OSError:
                continue
    return False


def port_open(port: int, host: str = layout.HOST) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def http_status(url: str, timeout: float = 3.0):
    """The HTTP status of GET `url`, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


def wait_for(what: str, ready, timeout: float, logs=()) -> None:
    """Polls `ready()` until it holds; never waits longer than `timeout` seconds."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if ready():
            return
        time.sleep(1.0)
    hint = "".join(f"\n  see {layout.log(name)}" for name in logs)
    raise SystemExit(f"local cloud: {what} not ready after {timeout:.0f}s{hint}")
