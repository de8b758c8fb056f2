"""The OpenStack services: configuration files, one-time schema set-up, start and readiness.

Every service runs from the openstack virtual environment with configuration in the state
folder, bound to 127.0.0.1; the order and the readiness checks follow what was measured to work.
"""

import concurrent.futures
import configparser
import os
import shutil
from pathlib import Path

from . import infra, layout, procs
from .procs import say

KEYSTONE = layout.KEYSTONE_URL
CORS_HEADERS = (
    "X-Auth-Token,X-Subject-Token,X-Service-Token,X-Openstack-Request-Id,Content-Type,"
    "OpenStack-API-Version,X-OpenStack-Nova-API-Version,X-Image-Meta-Checksum"
)
CORS = {
    "allowed_origin": layout.PORTAL_ORIGINS,
    "allow_credentials": "true",
    "allow_methods": "GET,PUT,POST,DELETE,PATCH,HEAD,OPTIONS",
    "allow_headers": CORS_HEADERS,
    "expose_headers": CORS_HEADERS
    + ",Location,OpenStack-Image-Import-Methods,OpenStack-Image-Store-Ids",
}
HOSTNAME = "nubo-local"


class Site:
    """One region's image and block storage services. RegionTwo has a Glance and a Cinder of its
    own (own databases, files and message queue), so switching regions shows different images,
    volumes, snapshots and backups; Nova, Neutron and Placement run in RegionOne only."""

    def __init__(self, region: str, suffix: str):
        self.region, self.suffix = region, suffix
        self.glance, self.cinder = f"glance{suffix}", f"cinder{suffix}"
        self.vhost = suffix.lstrip("-")  # RabbitMQ virtual host; "" is the default one

    def db(self, project: str) -> str:
        return project + self.suffix.replace("-", "_")


SITES = [Site("RegionOne", ""), Site("RegionTwo", "-r2")]


def catalog() -> dict:
    """Endpoint URLs by region and service type, as Keystone's catalog lists them."""
    def url(service, path=""):
        return f"http://{layout.HOST}:{layout.PORTS[service]}{path}"

    regions = {}
    for site in SITES:
        regions[site.region] = {
            "identity": f"{KEYSTONE}/v3",
            "image": url(site.glance),
            "volumev3": url(site.cinder, "/v3"),
            "block-storage": url(site.cinder, "/v3"),
        }
    regions["RegionOne"] |= {
        "compute": url("nova", "/v2.1"),
        "placement": url("placement"),
        "network": url("neutron"),
    }
    return regions

# The six HTTP APIs: (gunicorn name, WSGI app, port, health URL path).
APIS = {
    "keystone": ("keystone.wsgi.api:application", "/v3"),
    "glance": ("glance.wsgi.api:application", "/versions"),
    "placement": ("placement.wsgi.api:application", "/"),
    "neutron": ("neutron.wsgi.api:application", "/"),
    "cinder": ("cinder.wsgi.api:application", "/"),
    "nova": ("nova.wsgi.osapi_compute:application", "/"),
    "glance-r2": ("glance.wsgi.api:application", "/versions"),
    "cinder-r2": ("cinder.wsgi.api:application", "/"),
}
DAEMONS = {
    "cinder-scheduler": ["cinder-scheduler", "cinder"],
    "cinder-volume": ["cinder-volume", "cinder"],
    "cinder-backup": ["cinder-backup", "cinder"],
    "cinder-r2-scheduler": ["cinder-scheduler", "cinder-r2"],
    "cinder-r2-volume": ["cinder-volume", "cinder-r2"],
    "cinder-r2-backup": ["cinder-backup", "cinder-r2"],
    "nova-conductor": ["nova-conductor", "nova"],
    "nova-scheduler": ["nova-scheduler", "nova"],
    "nova-compute": ["nova-compute", "nova"],
}


def venv() -> Path:
    return layout.venv("openstack")


def bin_(name: str) -> Path:
    return venv() / "bin" / name


def env(**extra) -> dict:
    return dict(
        os.environ,
        PATH=f"{layout.SUPPORT / 'bin'}:{venv() / 'bin'}:{os.environ.get('PATH', '')}",
        PYTHONPATH=str(layout.SUPPORT),
        PYTHONWARNINGS="ignore",
        HOME=str(layout.STATE / "home"),
        **extra,
    )


def project_of(service: str) -> str:
    """glance-r2 is a Glance: its code, paste file and config file name are Glance's."""
    return service.split("-")[0]


def conf_file(service: str) -> Path:
    project = project_of(service)
    return layout.etc(service, "glance-api.conf" if project == "glance" else f"{project}.conf")


def write_ini(path: Path, sections: dict) -> None:
    parser = configparser.RawConfigParser()
    parser.optionxform = str
    for section, values in sections.items():
        if section != "DEFAULT":
            parser.add_section(section)
        for key, value in values.items():
            if value is not None:
                parser.set(section, key, str(value))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as out:
        parser.write(out)


def authtoken(user: str) -> dict:
    return {
        "www_authenticate_uri": KEYSTONE,
        "auth_url": KEYSTONE,
        "auth_type": "password",
        "project_domain_name": "Default",
        "user_domain_name": "Default",
        "project_name": "service",
        "username": user,
        "password": layout.PASSWORD,
        "service_token_roles_required": "true",
    }


def service_auth(user: str, region: str | None = "RegionOne") -> dict:
    return {
        "auth_type": "password",
        "auth_url": KEYSTONE,
        "project_domain_name": "Default",
        "user_domain_name": "Default",
        "project_name": "service",
        "username": user,
        "password": layout.PASSWORD,
        "region_name": region,
    }


def base(service: str) -> dict:
    return {"use_stderr": "true", "debug": "false"}


def copy_paste_ini(service: str, source_name: str) -> Path:
    """The service's paste file, with the CORS filter told where the config file is: otherwise
    it searches /etc/<service> and silently ignores [cors]."""
    source = venv() / "etc" / project_of(service) / source_name
    target = layout.etc(service, source_name)
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for line in source.read_text().splitlines():
        lines.append(line)
        if line.strip() == f"oslo_config_project = {project_of(service)}":
            lines.append(f"oslo_config_file = {conf_file(service)}")
    target.write_text("\n".join(lines) + "\n")
    return target


def write_configs() -> None:
    locks = layout.data("locks")
    locks.mkdir(parents=True, exist_ok=True)
    folders = ["nova/instances", "neutron"]
    for site in SITES:
        folders += [f"{site.glance}/{name}" for name in ("images", "staging", "tasks")]
        folders += [f"{site.cinder}/backups", f"locks/{site.glance}", f"locks/{site.cinder}"]
    for folder in folders:
        layout.data(folder).mkdir(parents=True, exist_ok=True)

    write_ini(
        conf_file("keystone"),
        {
            "DEFAULT": base("keystone"),
            "database": {"connection": layout.db_url("keystone")},
            "token": {"provider": "fernet", "expiration": 86400},
            "fernet_tokens": {"key_repository": layout.etc("keystone", "fernet-keys")},
            "credential": {"key_repository": layout.etc("keystone", "credential-keys")},
            "cors": CORS,
        },
    )
    # Keystone reads [cors] through oslo.config's default search path only.
    home_conf = layout.STATE / "home" / ".keystone" / "keystone.conf"
    home_conf.parent.mkdir(parents=True, exist_ok=True)
    home_conf.unlink(missing_ok=True)
    home_conf.symlink_to(conf_file("keystone"))

    write_ini(
        conf_file("placement"),
        {
            "DEFAULT": base("placement"),
            "placement_database": {"connection": layout.db_url("placement")},
            "api": {"auth_strategy": "keystone"},
            "keystone_authtoken": authtoken("placement"),
            "cors": CORS,
        },
    )

    neutron_paste = copy_paste_ini("neutron", "api-paste.ini")
    write_ini(
        conf_file("neutron"),
        {
            "DEFAULT": base("neutron")
            | {
                "host": HOSTNAME,
                "bind_host": layout.HOST,
                "bind_port": layout.PORTS["neutron"],
                "core_plugin": "ml2",
                "service_plugins": "",
                "auth_strategy": "keystone",
                "transport_url": layout.TRANSPORT_URL,
                "notify_nova_on_port_status_changes": "false",
                "notify_nova_on_port_data_changes": "false",
                "api_paste_config": neutron_paste,
                "state_path": layout.data("neutron"),
            },
            "database": {"connection": layout.db_url("neutron")},
            "keystone_authtoken": authtoken("neutron"),
            "oslo_concurrency": {"lock_path": locks},
            "cors": CORS,
        },
    )
    write_ini(
        layout.etc("neutron", "ml2_conf.ini"),
        {
            "ml2": {
                "type_drivers": "flat,vlan",
                "tenant_network_types": "vlan",
                "mechanism_drivers": "nubo_bind_all",
                "extension_drivers": "port_security",
            },
            "ml2_type_flat": {"flat_networks": "*"},
            "ml2_type_vlan": {"network_vlan_ranges": "physnet1:100:199"},
        },
    )

    for site in SITES:
        write_glance(site, locks)
        write_cinder(site, locks)

    nova_paste = copy_paste_ini("nova", "api-paste.ini")
    write_ini(
        conf_file("nova"),
        {
            "DEFAULT": base("nova")
            | {
                "host": HOSTNAME,
                "my_ip": layout.HOST,
                "state_path": layout.data("nova"),
                "instances_path": layout.data("nova/instances"),
                "transport_url": layout.TRANSPORT_URL,
                "enabled_apis": "osapi_compute",
                "rootwrap_config": venv() / "etc/nova/rootwrap.conf",
                "report_interval": 5,
                "compute_driver": "nubo_fake.NuboFakeDriver",
            },
            "wsgi": {"api_paste_config": nova_paste},
            "api": {"auth_strategy": "keystone"},
            "api_database": {"connection": layout.db_url("nova_api")},
            "database": {"connection": layout.db_url("nova")},
            "keystone_authtoken": authtoken("nova"),
            "service_user": service_auth("nova", None) | {"send_service_user_token": "true"},
            "placement": service_auth("placement"),
            "glance": {"region_name": "RegionOne"},
            "cinder": service_auth("cinder", None) | {"os_region_name": "RegionOne"},
            "neutron": service_auth("neutron"),
            "scheduler": {"discover_hosts_in_cells_interval": 10, "workers": 1},
            "conductor": {"workers": 1},
            "oslo_concurrency": {"lock_path": locks},
            "vnc": {"enabled": "false"},
            "cors": CORS,
        },
    )


def write_glance(site: "Site", locks: Path) -> None:
    copy_paste_ini(site.glance, "glance-api-paste.ini")
    glance_url = f"http://{layout.HOST}:{layout.PORTS[site.glance]}"
    write_ini(
        conf_file(site.glance),
        {
            "DEFAULT": base("glance")
            | {
                "bind_host": layout.HOST,
                "bind_port": layout.PORTS[site.glance],
                "enabled_backends": "fs:file",
                "public_endpoint": glance_url,
                "worker_self_reference_url": glance_url,
            },
            "glance_store": {"default_backend": "fs"},
            "fs": {"filesystem_store_datadir": f"{layout.data(site.glance, 'images')}/"},
            "os_glance_staging_store": {"filesystem_store_datadir": f"{layout.data(site.glance, 'staging')}/"},
            "os_glance_tasks_store": {"filesystem_store_datadir": f"{layout.data(site.glance, 'tasks')}/"},
            "database": {"connection": layout.db_url(site.db("glance"))},
            "keystone_authtoken": authtoken("glance"),
            "paste_deploy": {"flavor": "keystone"},
            "oslo_concurrency": {"lock_path": locks / site.glance},
            "cors": CORS,
        },
    )


def write_cinder(site: "Site", locks: Path) -> None:
    cinder_paste = copy_paste_ini(site.cinder, "api-paste.ini")
    write_ini(
        conf_file(site.cinder),
        {
            "DEFAULT": base("cinder")
            | {
                "host": HOSTNAME + site.suffix,
                "my_ip": layout.HOST,
                "state_path": layout.data(site.cinder),
                "transport_url": layout.TRANSPORT_URL + site.vhost,
                "auth_strategy": "keystone",
                "api_paste_config": cinder_paste,
                "enabled_backends": "fake",
                "default_volume_type": "__DEFAULT__",
                "glance_api_servers": f"http://{layout.HOST}:{layout.PORTS[site.glance]}",
                "backup_driver": "cinder.backup.drivers.posix.PosixBackupDriver",
                "backup_posix_path": layout.data(site.cinder, "backups"),
                "rootwrap_config": venv() / "etc/cinder/rootwrap.conf",
                # Which list filters the API accepts (name, status...); the default path is /etc.
                "resource_query_filters_file": venv() / "etc/cinder/resource_filters.json",
                "periodic_interval": 10,
                "report_interval": 5,
            },
            "database": {"connection": layout.db_url(site.db("cinder"))},
            "keystone_authtoken": authtoken("cinder"),
            "nova": service_auth("nova"),
            "service_user": service_auth("cinder", None) | {"send_service_user_token": "true"},
            "oslo_concurrency": {"lock_path": locks / site.cinder},
            "coordination": {"backend_url": f"file://{locks / site.cinder}"},
            "fake": {
                "volume_driver": "nubo_cinder_driver.FileVolumeDriver",
                "volume_backend_name": "fake",
            },
            "cors": CORS,
        },
    )


def once(marker: str, args, **kwargs) -> None:
    """Runs a one-time set-up command, remembered by a marker file."""
    done = layout.run("done", marker)
    if done.exists():
        return
    procs.run(args, env=env(), **kwargs)
    done.parent.mkdir(parents=True, exist_ok=True)
    done.write_text("")


def setup_keystone() -> None:
    conf = ["--config-file", conf_file("keystone")]
    manage = bin_("keystone-manage")
    once("keystone-db", [manage, *conf, "db_sync"])
    user = "root" if os.geteuid() == 0 else os.environ.get("USER", "nobody")
    once("keystone-fernet", [manage, *conf, "fernet_setup", "--keystone-user", user, "--keystone-group", user])
    once("keystone-credential", [manage, *conf, "credential_setup", "--keystone-user", user, "--keystone-group", user])
    url = f"{KEYSTONE}/v3"
    once(
        "keystone-bootstrap",
        [manage, *conf, "bootstrap", "--bootstrap-password", layout.PASSWORD,
         "--bootstrap-username", "admin", "--bootstrap-project-name", "admin",
         "--bootstrap-role-name", "admin", "--bootstrap-service-name", "keystone",
         "--bootstrap-region-id", "RegionOne", "--bootstrap-admin-url", url,
         "--bootstrap-public-url", url, "--bootstrap-internal-url", url],
    )


def setup_schemas() -> None:
    """The five schema syncs are independent of each other; run them side by side."""
    nova = ["--config-file", conf_file("nova")]

    def nova_cells():
        once("nova-api-db", [bin_("nova-manage"), *nova, "api_db", "sync"])
        once("nova-cell0", [bin_("nova-manage"), *nova, "cell_v2", "map_cell0",
                            "--database_connection", layout.db_url("nova_cell0")])
        cells = procs.run([bin_("nova-manage"), *nova, "cell_v2", "list_cells"], env=env(), quiet=True)
        if " cell1 " not in cells.stdout:
            procs.run([bin_("nova-manage"), *nova, "cell_v2", "create_cell", "--name", "cell1"], env=env())
        once("nova-db", [bin_("nova-manage"), *nova, "db", "sync"])

    jobs = [
        *[lambda s=site: once(f"{s.glance}-db", [bin_("glance-manage"), "--config-file", conf_file(s.glance), "db_sync"])
          for site in SITES],
        *[lambda s=site: once(f"{s.cinder}-db", [bin_("cinder-manage"), "--config-file", conf_file(s.cinder), "db", "sync"])
          for site in SITES],
        lambda: once("placement-db", [bin_("placement-manage"), "--config-file", conf_file("placement"), "db", "sync"]),
        lambda: once("neutron-db", [bin_("neutron-db-manage"), "--config-file", conf_file("neutron"),
                                    "--config-file", layout.etc("neutron", "ml2_conf.ini"), "upgrade", "heads"]),
        nova_cells,
    ]
    with concurrent.futures.ThreadPoolExecutor(len(jobs)) as pool:
        for future in [pool.submit(job) for job in jobs]:
            future.result()


def api_env(service: str) -> dict:
    project = project_of(service)
    # cinder-api takes its config file from argv; the others from environment variables.
    args = f"--config-file {conf_file(service)}" if project == "cinder" else ""
    extra = {
        "keystone": {"OS_KEYSTONE_CONFIG_FILES": str(conf_file("keystone"))},
        "glance": {"OS_GLANCE_CONFIG_DIR": str(layout.etc(service))},
        "placement": {"OS_PLACEMENT_CONFIG_DIR": str(layout.etc("placement"))},
        "nova": {"OS_NOVA_CONFIG_DIR": str(layout.etc("nova"))},
        "neutron": {
            "OS_NEUTRON_CONFIG_DIR": str(layout.etc("neutron")),
            "OS_NEUTRON_CONFIG_FILES": "neutron.conf;ml2_conf.ini",
        },
    }.get(project, {})
    app, _ = APIS[service]
    return env(NUBO_WSGI_APP=app, NUBO_WSGI_ARGS=args, **extra)


def start_api(service: str) -> None:
    procs.start(
        service,
        [bin_("gunicorn"), "--workers", "1", "--threads", "4", "--worker-class", "gthread",
         "--timeout", "600", "--no-control-socket",
         "--bind", f"{layout.HOST}:{layout.PORTS[service]}", "wsgi_shim:application"],
        env=api_env(service),
        cwd=layout.SUPPORT,
    )


def api_ready(service: str) -> bool:
    _, path = APIS[service]
    status = procs.http_status(f"http://{layout.HOST}:{layout.PORTS[service]}{path}")
    return status is not None and status < 500


def start_daemon(name: str) -> None:
    program, service = DAEMONS[name]
    args = ["--config-file", conf_file(service)]
    if name == "nova-compute":
        command = [bin_("python"), layout.SUPPORT / "nova_compute_launcher.py", *args]
    else:
        command = [bin_(program), *args]
    procs.start(name, command, env=env(), cwd=layout.SUPPORT)


def services_fresh(database: str, binaries: list[str]) -> bool:
    rows = infra.query(
        f"SELECT `binary` FROM {database}.services WHERE deleted = 0 AND disabled = 0 "
        "AND updated_at > UTC_TIMESTAMP() - INTERVAL 30 SECOND"
    )
    return set(binaries) <= {row[0] for row in rows}


def nova_ready() -> bool:
    if not services_fresh("nova", ["nova-compute", "nova-conductor", "nova-scheduler"]):
        return False
    return bool(infra.query("SELECT COUNT(*) FROM nova.compute_nodes WHERE deleted = 0")[0][0] != "0")


def start_all(seed_catalog) -> None:
    """Keystone first (everything authenticates against it), then the rest at once."""
    write_configs()
    say("  Keystone")
    setup_keystone()
    start_api("keystone")
    procs.wait_for("Keystone", lambda: api_ready("keystone"), 120, logs=["keystone"])
    seed_catalog()
    say("  schemas of Glance, Cinder, Placement, Neutron and Nova")
    setup_schemas()
    say("  APIs and daemons")
    for service in LATER_APIS:
        start_api(service)
    for daemon in DAEMONS:
        start_daemon(daemon)
    for service in LATER_APIS:
        procs.wait_for(service.capitalize(), lambda s=service: api_ready(s), 240, logs=[service])
    procs.wait_for("Nova's compute, conductor and scheduler", nova_ready, 240,
                   logs=["nova-compute", "nova-conductor", "nova-scheduler"])
    procs.run([bin_("nova-manage"), "--config-file", conf_file("nova"), "cell_v2", "discover_hosts"],
              env=env(), quiet=True)
    for site in SITES:
        procs.wait_for(
            f"{site.region}'s Cinder scheduler, volume and backup services",
            lambda s=site: services_fresh(s.db("cinder"), ["cinder-scheduler", "cinder-volume", "cinder-backup"]),
            240,
            logs=[f"{site.cinder}-scheduler", f"{site.cinder}-volume", f"{site.cinder}-backup"],
        )


LATER_APIS = [name for name in APIS if name != "keystone"]
ALL = list(DAEMONS) + LATER_APIS + ["keystone"]


def stop_all() -> None:
    """In parallel: several daemons take seconds to exit on SIGTERM."""
    with concurrent.futures.ThreadPoolExecutor(len(ALL)) as pool:
        list(pool.map(procs.stop, ALL))


def running() -> dict:
    return {name: procs.pid_of(name) for name in ALL}


def wipe() -> None:
    """Everything but the virtual environments: the next `up` starts from nothing."""
    for folder in ("etc", "data", "run", "home"):
        shutil.rmtree(layout.STATE / folder, ignore_errors=True)
