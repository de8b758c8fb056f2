"""`python -m localcloud up|down|reset|env|status|logins` (what `cargo xtask cloud` runs)."""

import argparse
import hashlib
import json
import subprocess
import time

from . import ec2, envfiles, infra, install, layout, openstack, procs
from .procs import say


def prepare_folders() -> None:
    for folder in ("etc", "data", "log", "run", "home"):
        (layout.STATE / folder).mkdir(parents=True, exist_ok=True)


def seed_catalog() -> None:
    procs.run(
        [openstack.bin_("python"), layout.SEED / "openstack_catalog.py", layout.KEYSTONE_URL,
         layout.PASSWORD, json.dumps(openstack.catalog())],
        env=openstack.env(),
    )


def seed_openstack() -> None:
    logins = layout.STATE / "openstack-logins.json"
    # The seed converges: a changed seed script runs again over the existing data.
    script = layout.SEED / "openstack_data.py"
    version = hashlib.sha256(script.read_bytes()).hexdigest()[:12]
    marker = layout.run("done", f"seed-{version}")
    if marker.exists() and logins.exists():
        return
    say("  seeding OpenStack (servers, volumes, a snapshot and its backup: about a minute)")
    procs.run(
        [openstack.bin_("python"), script, layout.KEYSTONE_URL,
         layout.PASSWORD, logins],
        env=openstack.env(),
    )
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text("")


def up(args) -> None:
    started = time.monotonic()
    say(f"==> local cloud: state in {layout.STATE}")
    install.ensure_all()
    prepare_folders()
    if not args.no_openstack:
        say("==> starting MariaDB and RabbitMQ")
        infra.start_mariadb()
        infra.start_rabbitmq()
        say("==> starting OpenStack")
        openstack.start_all(seed_catalog)
        seed_openstack()
    say("==> starting the local EC2 (moto)")
    ec2.start()
    if not args.no_openstack:
        envfiles.write()
        say(f"==> local cloud up in {time.monotonic() - started:.0f}s\n")
        say(envfiles.logins_text())
        say("\nFor the openstack and aws commands: eval \"$(cargo xtask cloud env)\"")


def down(_args) -> None:
    say("==> stopping the local cloud")
    ec2.stop()
    openstack.stop_all()
    infra.stop_rabbitmq()
    infra.stop_mariadb()
    say("stopped")


def reset(args) -> None:
    down(args)
    say("==> wiping the local cloud's data (the virtual environments stay)")
    openstack.wipe()
    up(args)


def env(_args) -> None:
    print(envfiles.exports())


def status(_args) -> None:
    names = ["mariadb", "epmd", "rabbitmq", *reversed(openstack.ALL), "moto"]
    state = {name: procs.pid_of(name) for name in names}
    for name, pid in state.items():
        print(f"{name:<18} {'running, pid ' + str(pid) if pid else 'stopped'}")
    if not all(state.values()):
        raise SystemExit(1)


def smoke(_args) -> None:
    """Every flow the portal relies on, through the real APIs."""
    failed = False
    for venv, script, logins in (
        (layout.venv("openstack"), "openstack_smoke.py", layout.STATE / "openstack-logins.json"),
        (layout.venv("moto"), "ec2_smoke.py", ec2.keys_file()),
    ):
        result = subprocess.run([venv / "bin/python", layout.HERE / "smoke" / script, logins],
                                cwd=layout.HERE / "smoke")
        failed = failed or result.returncode != 0
    if failed:
        raise SystemExit("local cloud: the smoke test failed")


def logins(_args) -> None:
    print(json.dumps(
        {
            "openstack": json.loads((layout.STATE / "openstack-logins.json").read_text()),
            "ec2": ec2.logins(),
        },
        indent=2,
    ))


def main() -> None:
    parser = argparse.ArgumentParser(prog="cargo xtask cloud")
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("up", help="install what is missing, start and seed (idempotent)")
    start.add_argument("--no-openstack", action="store_true", help="only the local EC2")
    commands.add_parser("down", help="stop every process the local cloud started")
    again = commands.add_parser("reset", help="back to the seeded state (wipes data, keeps venvs)")
    again.add_argument("--no-openstack", action="store_true", help=argparse.SUPPRESS)
    commands.add_parser("env", help="print export lines for the openstack and aws commands")
    commands.add_parser("status", help="which processes run (exit 1 if any is missing)")
    commands.add_parser("logins", help="the seeded logins as JSON (for tests)")
    commands.add_parser("smoke", help="exercise every flow nubo needs through the real APIs")
    args = parser.parse_args()
    {"up": up, "down": down, "reset": reset, "env": env, "status": status, "logins": logins,
     "smoke": smoke}[
        args.command
    ](args)


if __name__ == "__main__":
    main()
