"""MariaDB and RabbitMQ from Debian, run as the current user from files in the state folder and
bound to 127.0.0.1 only (the packaged services would bind wider and switch users)."""

import glob
import os
import shutil
from pathlib import Path

from . import layout, procs
from .procs import say

DATABASES = ["keystone", "glance", "cinder", "nova", "nova_api", "nova_cell0", "placement", "neutron",
             "glance_r2", "cinder_r2"]
# RegionTwo's Cinder talks on a virtual host of its own, so the two Cinders never share queues.
RABBIT_VHOSTS = ["r2"]
RABBIT_NODE = "nubo@localhost"


def my_cnf() -> Path:
    return layout.etc("my.cnf")


def mariadb_client(*sql: str, check: bool = True):
    return procs.run(
        ["mariadb", f"--defaults-file={my_cnf()}", "-N", "-B", "-e", "; ".join(sql)],
        check=check,
        quiet=True,
    )


def query(sql: str) -> list[list[str]]:
    result = mariadb_client(sql)
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def start_mariadb() -> None:
    datadir = layout.data("mysql")
    my_cnf().write_text(
        f"""[mysqld]
user = {"root" if os.geteuid() == 0 else os.environ.get("USER", "nobody")}
datadir = {datadir}
socket = {layout.run("mysqld.sock")}
pid-file = {layout.run("mysqld-own.pid")}
log-error = {layout.log("mariadb-error")}
bind-address = {layout.HOST}
port = {layout.PORTS["mariadb"]}
skip-name-resolve
innodb_buffer_pool_size = 128M
innodb_flush_log_at_trx_commit = 2
max_connections = 500
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci

[client]
socket = {layout.run("mysqld.sock")}
"""
    )
    if not (datadir / "mysql").exists():
        say("  creating the MariaDB data folder")
        datadir.mkdir(parents=True, exist_ok=True)
        procs.run(
            [
                "mariadb-install-db",
                f"--defaults-file={my_cnf()}",
                "--auth-root-authentication-method=socket",
                "--skip-test-db",
            ]
        )
    if not procs.pid_of("mariadb"):
        # Left behind when the machine stopped with the server running.
        layout.run("mysqld.sock").unlink(missing_ok=True)
        layout.run("mysqld-own.pid").unlink(missing_ok=True)
    procs.start("mariadb", ["/usr/sbin/mariadbd", f"--defaults-file={my_cnf()}"])
    procs.wait_for(
        "MariaDB",
        lambda: mariadb_client("SELECT 1", check=False).returncode == 0,
        60,
        logs=["mariadb", "mariadb-error"],
    )
    statements = [
        f"CREATE USER IF NOT EXISTS 'os'@'{layout.HOST}' IDENTIFIED BY '{layout.PASSWORD}'",
        f"GRANT ALL ON *.* TO 'os'@'{layout.HOST}'",
    ] + [f"CREATE DATABASE IF NOT EXISTS {db}" for db in DATABASES]
    mariadb_client(*statements)


def _rabbit_env() -> dict:
    base = layout.data("rabbitmq")
    base.mkdir(parents=True, exist_ok=True)
    conf = layout.etc("rabbitmq")
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "rabbitmq.conf").write_text(
        f"listeners.tcp.default = {layout.HOST}:{layout.PORTS['rabbitmq']}\n"
        "loopback_users.guest = true\n"
        "log.file.level = warning\n"
    )
    # Without this the Erlang distribution port listens on every address.
    (conf / "advanced.config").write_text(
        "[{kernel, [{inet_dist_use_interface, {127,0,0,1}}]}].\n"
    )
    (conf / "enabled_plugins").write_text("[].\n")
    return dict(
        os.environ,
        HOME=str(layout.STATE / "home"),
        RABBITMQ_MNESIA_BASE=str(base / "mnesia"),
        RABBITMQ_LOG_BASE=str(layout.STATE / "log"),
        RABBITMQ_PID_FILE=str(layout.run("rabbitmq-own.pid")),
        RABBITMQ_CONFIG_FILE=str(conf / "rabbitmq.conf"),
        RABBITMQ_ADVANCED_CONFIG_FILE=str(conf / "advanced.config"),
        RABBITMQ_ENABLED_PLUGINS_FILE=str(conf / "enabled_plugins"),
        RABBITMQ_NODENAME=RABBIT_NODE,
        RABBITMQ_NODE_IP_ADDRESS=layout.HOST,
        RABBITMQ_NODE_PORT=str(layout.PORTS["rabbitmq"]),
        RABBITMQ_DIST_PORT=str(layout.PORTS["rabbitmq-dist"]),
        ERL_EPMD_ADDRESS=layout.HOST,
        ERL_EPMD_PORT=str(layout.PORTS["epmd"]),
    )


def _epmd() -> str:
    found = shutil.which("epmd") or next(iter(sorted(glob.glob("/usr/lib/erlang/erts-*/bin/epmd"))), None)
    if not found:
        raise SystemExit("local cloud: epmd (from Debian's erlang-base) is missing")
    return found


RABBIT_BIN = Path("/usr/lib/rabbitmq/bin")


def rabbitmqctl(*args: str, check: bool = True):
    return procs.run(
        [RABBIT_BIN / "rabbitmqctl", "-q", "-n", RABBIT_NODE, *args],
        env=_rabbit_env(),
        check=check,
        quiet=True,
    )


def start_rabbitmq() -> None:
    env = _rabbit_env()
    procs.start(
        "epmd",
        [_epmd(), "-address", layout.HOST, "-port", str(layout.PORTS["epmd"])],
        env=env,
    )
    procs.start("rabbitmq", [RABBIT_BIN / "rabbitmq-server"], env=env)
    procs.wait_for(
        "RabbitMQ",
        lambda: procs.port_open(layout.PORTS["rabbitmq"])
        and rabbitmqctl("status", check=False).returncode == 0,
        90,
        logs=["rabbitmq"],
    )
    existing = rabbitmqctl("list_vhosts", "name").stdout.split()
    for vhost in RABBIT_VHOSTS:
        if vhost not in existing:
            rabbitmqctl("add_vhost", vhost)
            rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")


def stop_rabbitmq() -> None:
    if procs.pid_of("rabbitmq"):
        rabbitmqctl("stop", check=False)
    procs.stop("rabbitmq")
    procs.stop("epmd", grace=2)


def stop_mariadb() -> None:
    procs.stop("mariadb", grace=30)
