"""The local EC2: moto's server on 127.0.0.1, seeded after each start (it keeps nothing on disk),
then IAM enforcement switched on so the seeded users' permissions count."""

import json
import os
import urllib.request

from . import layout, procs
from .procs import say


def venv():
    return layout.venv("moto")


def keys_file():
    return layout.STATE / "ec2-logins.json"


def start() -> None:
    if procs.pid_of("moto") and keys_file().exists():
        return
    procs.stop("moto")
    env = dict(
        os.environ,
        # Otherwise every region holds ~1285 Amazon AMIs and their snapshots.
        MOTO_EC2_LOAD_DEFAULT_AMIS="false",
        PYTHONWARNINGS="ignore",
    )
    procs.start(
        "moto",
        [venv() / "bin/moto_server", "-H", layout.HOST, "-p", str(layout.PORTS["moto"])],
        env=env,
    )
    procs.wait_for(
        "moto", lambda: procs.http_status(f"{layout.MOTO_URL}/moto-api/") == 200, 60, logs=["moto"]
    )
    set_enforcement(False)
    say("  seeding EC2")
    procs.run([venv() / "bin/python", layout.SEED / "ec2_data.py", layout.MOTO_URL, keys_file()])
    set_enforcement(True)


def set_enforcement(on: bool) -> None:
    request = urllib.request.Request(
        f"{layout.MOTO_URL}/moto-api/reset-auth",
        data=b"0" if on else b"inf",
        headers={"Content-Type": "text/plain"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        json.load(response)


def stop() -> None:
    procs.stop("moto", grace=10)
    keys_file().unlink(missing_ok=True)


def logins() -> dict:
    return json.loads(keys_file().read_text())
