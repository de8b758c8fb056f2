"""Seed data that makes the portal worth looking at: projects, users, flavors, an image,
servers in several states, volumes, a snapshot with a full backup, an instance snapshot and an
application credential. Runs in the openstack virtual environment; idempotent by name."""

import json
import os
import sys
import time

import openstack

KEYSTONE, PASSWORD, LOGINS = sys.argv[1], sys.argv[2], sys.argv[3]
APP_CREDENTIAL = ("nubo-demo", "nubo-demo-app-secret")


def connect(user, project, region="RegionOne"):
    return openstack.connect(
        auth_url=f"{KEYSTONE}/v3",
        username=user,
        password=PASSWORD,
        project_name=project,
        user_domain_name="Default",
        project_domain_name="Default",
        region_name=region,
    )


def wait(what, fetch, done, failed=("error",), timeout=180):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        resource = fetch()
        status = (getattr(resource, "status", None) or "").lower()
        if status in done:
            return resource
        if status in failed:
            sys.exit(f"seed: {what} went to {status}")
        time.sleep(1)
    sys.exit(f"seed: {what} not {done} after {timeout}s (last: {status})")


admin = connect("admin", "admin")
identity = admin.identity
roles = {r.name: r for r in identity.roles()}


def project(name, description):
    return identity.find_project(name, domain_id="default") or identity.create_project(
        name=name, domain_id="default", description=description
    )


projects = {
    "demo": project("demo", "The demo user's workloads"),
    "staging": project("staging", "A second project, for the project switcher"),
}
demo_user = identity.find_user("demo", domain_id="default") or identity.create_user(
    name="demo", password=PASSWORD, domain_id="default", default_project_id=projects["demo"].id
)
admin_user = identity.find_user("admin", domain_id="default")
for p in projects.values():
    identity.assign_project_role_to_user(p, demo_user, roles["member"])
    identity.assign_project_role_to_user(p, admin_user, roles["admin"])

# m1.volume has no root disk: it only boots from a volume (or a volume-backed snapshot).
for name, ram, vcpus, disk in (("m1.tiny", 512, 1, 1), ("m1.small", 2048, 1, 20), ("m1.medium", 4096, 2, 40), ("m1.volume", 512, 1, 0)):
    if not admin.compute.find_flavor(name):
        admin.compute.create_flavor(name=name, ram=ram, vcpus=vcpus, disk=disk, is_public=True)

image = admin.image.find_image("cirros-fake")
if image is None:
    image = admin.image.create_image(
        name="cirros-fake",
        data=os.urandom(1024 * 1024),
        disk_format="raw",
        container_format="bare",
        visibility="public",
    )
image = wait("image cirros-fake", lambda: admin.image.get_image(image.id), {"active"}, ("killed",))
tiny = admin.compute.find_flavor("m1.tiny")

demo = connect("demo", "demo")
staging = connect("demo", "staging")


def server(conn, name):
    found = conn.compute.find_server(name)
    if found is None:
        found = conn.compute.create_server(
            name=name, flavor_id=tiny.id, image_id=image.id, networks="none"
        )
    return found


def volume(conn, name, size=1, description=None):
    found = conn.block_storage.find_volume(name)
    if found is None:
        found = conn.block_storage.create_volume(name=name, size=size, description=description)
    return found


# Created together, waited for together: each takes seconds of its own.
servers = {name: server(demo, name) for name in ("web-1", "web-2", "db-1")}
servers["stage-app-1"] = server(staging, "stage-app-1")
volumes = {
    "db-data": volume(demo, "db-data", 1, "Database files of db-1"),
    "archive": volume(demo, "archive", 1, "Old logs, detached"),
}
volumes["stage-data"] = volume(staging, "stage-data", 2)
for name, s in servers.items():
    conn = staging if name.startswith("stage") else demo
    servers[name] = wait(f"server {name}", lambda c=conn, i=s.id: c.compute.get_server(i), {"active", "shutoff"})
for name, v in volumes.items():
    conn = staging if name.startswith("stage") else demo
    volumes[name] = wait(f"volume {name}", lambda c=conn, i=v.id: c.block_storage.get_volume(i), {"available", "in-use"})

# db-1 has its data volume attached; web-2 is stopped.
if volumes["db-data"].status == "available":
    demo.compute.create_volume_attachment(servers["db-1"], volume_id=volumes["db-data"].id)
    wait("attachment of db-data", lambda: demo.block_storage.get_volume(volumes["db-data"].id), {"in-use"})
# app-1 has what an exact copy must keep: a network, two security groups, a key pair and a
# zone (Neutron binds its port through the local cloud's bind-everything mechanism driver).
net = demo.network.find_network("demo-net") or demo.network.create_network(name="demo-net")
if not demo.network.find_subnet("demo-subnet"):
    demo.network.create_subnet(name="demo-subnet", network_id=net.id, ip_version=4, cidr="10.20.0.0/24")
web_group = demo.network.find_security_group("web") or demo.network.create_security_group(
    name="web", description="HTTP and HTTPS from anywhere"
)
if demo.compute.find_keypair("demo-key") is None:
    demo.compute.create_keypair(name="demo-key")
app = demo.compute.find_server("app-1")
if app is None:
    app = demo.compute.create_server(
        name="app-1", flavor_id=admin.compute.find_flavor("m1.small").id, image_id=image.id,
        networks=[{"uuid": net.id}], security_groups=[{"name": "default"}, {"name": "web"}],
        key_name="demo-key", availability_zone="nova",
    )
wait("server app-1", lambda: demo.compute.get_server(app.id), {"active"})

# bfv-1 boots from a volume made from the image, with a data volume attached: its snapshot is
# a zero-byte image that stands for Cinder snapshots of both.
boot_volume = demo.block_storage.find_volume("bfv-root")
if boot_volume is None:
    boot_volume = demo.block_storage.create_volume(
        name="bfv-root", size=1, image_id=image.id, description="Root disk of bfv-1"
    )
boot_volume = wait("volume bfv-root", lambda: demo.block_storage.get_volume(boot_volume.id), {"available", "in-use"})
bfv = demo.compute.find_server("bfv-1")
if bfv is None:
    bfv = demo.compute.create_server(
        name="bfv-1",
        flavor_id=tiny.id,
        networks="none",
        block_device_mapping=[{
            "boot_index": 0, "uuid": boot_volume.id, "source_type": "volume",
            "destination_type": "volume", "delete_on_termination": False,
        }],
    )
bfv = wait("server bfv-1", lambda: demo.compute.get_server(bfv.id), {"active", "shutoff"})
bfv_data = volume(demo, "bfv-data", 1, "Data disk of bfv-1")
bfv_data = wait("volume bfv-data", lambda: demo.block_storage.get_volume(bfv_data.id), {"available", "in-use"})
if bfv_data.status == "available":
    demo.compute.create_volume_attachment(bfv, volume_id=bfv_data.id)
    wait("attachment of bfv-data", lambda: demo.block_storage.get_volume(bfv_data.id), {"in-use"})

if servers["web-2"].status.lower() == "active":
    demo.compute.stop_server(servers["web-2"])
    wait("stop of web-2", lambda: demo.compute.get_server(servers["web-2"].id), {"shutoff"})

# A snapshot with a full backup, so the portal can offer an incremental one.
snapshot = demo.block_storage.find_snapshot("archive-snap")
if snapshot is None:
    snapshot = demo.block_storage.create_snapshot(
        volume_id=volumes["archive"].id, name="archive-snap", description="Before clean-up"
    )
snapshot = wait("snapshot archive-snap", lambda: demo.block_storage.get_snapshot(snapshot.id), {"available"})
backup = demo.block_storage.find_backup("archive-full")
if backup is None:
    backup = demo.block_storage.create_backup(
        volume_id=volumes["archive"].id,
        snapshot_id=snapshot.id,
        name="archive-full",
        description="Full backup of archive-snap",
    )
wait("backup archive-full", lambda: demo.block_storage.get_backup(backup.id), {"available"}, timeout=240)

# An instance snapshot, as workflow 1 makes them.
if demo.image.find_image("web-1-snap") is None:
    image_id = demo.compute.create_server_image(servers["web-1"], "web-1-snap", wait=False)
    image_id = getattr(image_id, "id", image_id)
    wait("image web-1-snap", lambda: demo.image.get_image(image_id), {"active"}, ("killed",))

# A protected image of demo's: deleting it must be refused in Glance's own words.
protected = demo.image.find_image("golden-protected")
if protected is None:
    protected = demo.image.create_image(
        name="golden-protected", data=os.urandom(64 * 1024), disk_format="raw", container_format="bare"
    )
protected = wait("image golden-protected", lambda: demo.image.get_image(protected.id), {"active"}, ("killed",))
if not protected.is_protected:
    demo.image.update_image(protected, is_protected=True)

demo_identity = demo.identity
user_id = demo_user.id
# RegionTwo has an image and block storage of its own: different data, so switching regions
# shows it (it has no compute).
demo_r2 = connect("demo", "demo", "RegionTwo")
r2_image = demo_r2.image.find_image("r2-golden")
if r2_image is None:
    r2_image = demo_r2.image.create_image(
        name="r2-golden", data=os.urandom(256 * 1024), disk_format="raw", container_format="bare"
    )
wait("image r2-golden", lambda: demo_r2.image.get_image(r2_image.id), {"active"}, ("killed",))
r2_volume = volume(demo_r2, "r2-data", 2, "Only in RegionTwo")
r2_volume = wait("volume r2-data", lambda: demo_r2.block_storage.get_volume(r2_volume.id), {"available"})
r2_snapshot = demo_r2.block_storage.find_snapshot("r2-data-snap")
if r2_snapshot is None:
    r2_snapshot = demo_r2.block_storage.create_snapshot(volume_id=r2_volume.id, name="r2-data-snap")
wait("snapshot r2-data-snap", lambda: demo_r2.block_storage.get_snapshot(r2_snapshot.id), {"available"})

credential = next(
    (c for c in demo_identity.application_credentials(user_id) if c.name == APP_CREDENTIAL[0]),
    None,
)
if credential is None:
    credential = demo_identity.create_application_credential(
        user_id, name=APP_CREDENTIAL[0], secret=APP_CREDENTIAL[1],
        description="nubo's local cloud: log in as demo without a password",
    )

with open(LOGINS, "w") as out:
    json.dump(
        {
            "auth_url": f"{KEYSTONE}/v3",
            "admin": {"username": "admin", "password": PASSWORD, "project": "admin", "domain": "Default"},
            "demo": {"username": "demo", "password": PASSWORD, "project": "demo", "domain": "Default"},
            "application_credential": {"id": credential.id, "name": APP_CREDENTIAL[0], "secret": APP_CREDENTIAL[1]},
        },
        out,
        indent=2,
    )
print("seeded: 2 projects, 4 flavors, 6 servers (one booted from a volume, one on a network with "
      "security groups and a key pair), 5 volumes, 1 snapshot, "
      "1 backup, 2 images in RegionOne; 1 image, 1 volume, 1 snapshot in RegionTwo")
