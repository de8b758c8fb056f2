"""Where everything lives and which ports it uses."""

import hashlib
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # tests/local-cloud
SUPPORT = HERE / "support"
SEED = HERE / "seed"

HOST = "127.0.0.1"
PASSWORD = "secret"  # every OpenStack password: DB, service users, admin, demo
REGIONS = ["RegionOne", "RegionTwo"]
EC2_REGIONS = ["us-east-1", "eu-central-1"]
# Origins allowed by the services' own CORS settings, for a portal served without nubo's proxy.
PORTAL_ORIGINS = "http://127.0.0.1:8080,http://localhost:8080"

PORTS = {
    "keystone": 5000,
    "glance": 9292,
    "cinder": 8776,
    "placement": 8778,
    "nova": 8774,
    "neutron": 9696,
    "mariadb": 3306,
    "rabbitmq": 5672,
    "rabbitmq-dist": 25672,
    "epmd": 4369,
    "moto": 5055,
    # RegionTwo's own image and block storage services.
    "glance-r2": 9392,
    "cinder-r2": 8796,
}

# State is per machine, not per clone: one local cloud serves every checkout, and the virtual
# environments (minutes to build) survive fresh clones.
STATE = Path(os.environ.get("NUBO_CLOUD_STATE", Path.home() / ".local/share/nubo/local-cloud"))
CACHE = Path(os.environ.get("NUBO_CLOUD_CACHE", Path.home() / ".cache/nubo"))


def venv(name: str) -> Path:
    """The virtual environment for `name` (openstack or moto), keyed by its requirements."""
    digest = hashlib.sha256(requirements(name).read_bytes()).hexdigest()[:12]
    return CACHE / f"venv-{name}-{digest}"


def requirements(name: str) -> Path:
    return HERE / f"{name}-requirements.txt"


def etc(*parts: str) -> Path:
    return STATE.joinpath("etc", *parts)


def data(*parts: str) -> Path:
    return STATE.joinpath("data", *parts)


def log(name: str) -> Path:
    return STATE / "log" / f"{name}.log"


def run(*parts: str) -> Path:
    return STATE.joinpath("run", *parts)


def db_url(database: str) -> str:
    return f"mysql+pymysql://os:{PASSWORD}@{HOST}:{PORTS['mariadb']}/{database}?charset=utf8mb4"


TRANSPORT_URL = f"rabbit://guest:guest@{HOST}:{PORTS['rabbitmq']}/"
KEYSTONE_URL = f"http://{HOST}:{PORTS['keystone']}"
MOTO_URL = f"http://{HOST}:{PORTS['moto']}"
