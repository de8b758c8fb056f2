"""Installing what the local cloud runs: Debian's MariaDB and RabbitMQ, and two virtual
environments from PyPI (OpenStack and moto cannot share one: their pins conflict)."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import layout
from .procs import say

APT_PACKAGES = ["mariadb-server", "mariadb-client", "rabbitmq-server"]


def ensure_all() -> None:
    ensure_apt()
    for name in ("openstack", "moto"):
        ensure_venv(name)


def ensure_apt() -> None:
    missing = [p for p in APT_PACKAGES if not _dpkg_installed(p)]
    if not missing:
        say(f"ok: {', '.join(APT_PACKAGES)}")
        return
    say(f"installing {', '.join(missing)} from Debian (about a minute)")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    # Another apt-get may hold the lock while a machine boots; retry for a while.
    for attempt in range(30):
        update = subprocess.run(sudo + ["apt-get", "update", "-qq"], env=env)
        install = subprocess.run(
            sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing,
            env=env,
        )
        if update.returncode == 0 and install.returncode == 0:
            return
        say(f"    apt-get failed (attempt {attempt + 1}); retrying in 10s")
        time.sleep(10)
    raise SystemExit("local cloud: could not install " + ", ".join(missing))


def _dpkg_installed(package: str) -> bool:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    )
    return result.returncode == 0 and "install ok installed" in result.stdout


def ensure_venv(name: str) -> Path:
    venv = layout.venv(name)
    done = venv / ".nubo-complete"
    if done.exists():
        say(f"ok: {name} virtual environment ({venv})")
        return venv
    say(f"creating the {name} virtual environment from PyPI (1-2 minutes, once)")
    if venv.exists():
        shutil.rmtree(venv)
    venv.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin/pip"), "install", "--quiet", "--disable-pip-version-check"]
    # The versions the requirements were frozen with; pip freeze leaves these three out.
    subprocess.run(pip + ["pip==26.3", "setuptools==84.2.1", "wheel==0.48.0"], check=True)
    subprocess.run(pip + ["-r", str(layout.requirements(name))], check=True)
    done.write_text("")
    say(f"    ({name} virtual environment took {time.monotonic() - started:.0f}s)")
    return venv
