"""Smoke test of the local OpenStack through its real APIs (openstacksdk), so a broken local
cloud shows up here before the portal's own tests fail for unclear reasons."""

import json
import os
import sys

import openstack
import requests

from checks import check, summary, wait_gone, wait_status

LOGINS = json.load(open(sys.argv[1]))
AUTH_URL = LOGINS["auth_url"]


def password_login(user="demo", project="demo", region="RegionOne"):
    login = LOGINS[user]
    return openstack.connect(
        auth_url=AUTH_URL, username=login["username"], password=login["password"],
        project_name=project, user_domain_name="Default", project_domain_name="Default",
        region_name=region,
    )


demo = password_login()
RUN = f"smoke-{os.getpid()}"


@check
def password_login_returns_a_token_and_a_catalog_with_two_regions():
    """RegionTwo has image and block storage services of its own and no compute."""
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": "demo", "domain": {"name": "Default"}, "password": LOGINS["demo"]["password"]}}},
        "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}},
    }}
    response = requests.post(f"{AUTH_URL}/auth/tokens", json=body, timeout=30)
    assert response.status_code == 201, response.text
    assert response.headers["X-Subject-Token"]
    catalog = response.json()["token"]["catalog"]

    def urls(kind):
        return {(e["region_id"], e["url"]) for s in catalog if s["type"] == kind
                for e in s["endpoints"] if e["interface"] == "public"}

    for kind in ("image", "volumev3", "block-storage"):
        by_region = dict(urls(kind))
        assert set(by_region) == {"RegionOne", "RegionTwo"}, (kind, by_region)
        assert by_region["RegionOne"] != by_region["RegionTwo"], (kind, by_region)
    assert {region for region, _ in urls("compute")} == {"RegionOne"}


@check
def regions_hold_different_data():
    region_two = password_login(region="RegionTwo")
    one = {v.name for v in demo.block_storage.volumes()}
    two = {v.name for v in region_two.block_storage.volumes()}
    assert "r2-data" in two and "r2-data" not in one, (one, two)
    assert "archive" in one and "archive" not in two, (one, two)
    assert region_two.image.find_image("r2-golden") is not None
    assert demo.image.find_image("r2-golden") is None


@check
def demo_sees_two_projects():
    projects = demo.session.get(f"{AUTH_URL}/auth/projects").json()["projects"]
    assert sorted(p["name"] for p in projects) == ["demo", "staging"], projects


@check
def application_credential_logs_in_to_demo():
    credential = LOGINS["application_credential"]
    conn = openstack.connect(
        auth_type="v3applicationcredential", auth_url=AUTH_URL,
        application_credential_id=credential["id"],
        application_credential_secret=credential["secret"], region_name="RegionOne",
    )
    assert conn.current_project_id == demo.current_project_id
    assert {s.name for s in conn.compute.servers()} >= {"web-1", "web-2", "db-1"}


@check
def image_upload_list_delete():
    image = demo.image.create_image(
        name=f"{RUN}-image", data=b"\0" * 65536, disk_format="raw", container_format="bare"
    )
    wait_status("image", lambda: demo.image.get_image(image.id), "active", failed=("killed",))
    assert image.id in {i.id for i in demo.image.images()}
    demo.image.delete_image(image)
    assert demo.image.find_image(image.id) is None


@check
def volume_snapshot_backup_restore_and_clone():
    storage = demo.block_storage
    volume = storage.create_volume(name=f"{RUN}-vol", size=1)
    wait_status("volume", lambda: storage.get_volume(volume.id), "available")
    snapshot = storage.create_snapshot(volume_id=volume.id, name=f"{RUN}-snap")
    wait_status("snapshot", lambda: storage.get_snapshot(snapshot.id), "available")
    backup = storage.create_backup(
        volume_id=volume.id, snapshot_id=snapshot.id, name=f"{RUN}-backup"
    )
    assert storage.get_backup(backup.id).status == "creating"
    backup = wait_status("backup", lambda: storage.get_backup(backup.id), "available", timeout=240)
    assert backup.snapshot_id == snapshot.id
    restored = storage.restore_backup(backup, name=f"{RUN}-restored")
    restored_id = restored["volume_id"] if isinstance(restored, dict) else restored.volume_id
    wait_status("restored volume", lambda: storage.get_volume(restored_id), "available", timeout=240)
    clone = storage.create_volume(name=f"{RUN}-from-snap", size=1, snapshot_id=snapshot.id)
    wait_status("volume from snapshot", lambda: storage.get_volume(clone.id), "available")
    for resource in (clone.id, restored_id):
        storage.delete_volume(resource)
    storage.delete_backup(backup)
    wait_gone(lambda: storage.find_backup(backup.id))
    storage.delete_snapshot(snapshot)
    wait_gone(lambda: storage.find_snapshot(snapshot.id))
    storage.delete_volume(volume)
    wait_gone(lambda: storage.find_volume(volume.id))


@check
def server_create_stop_start_snapshot_delete():
    compute = demo.compute
    server = compute.create_server(
        name=f"{RUN}-server", flavor_id=compute.find_flavor("m1.tiny").id,
        image_id=demo.image.find_image("cirros-fake").id, networks="none",
    )
    wait_status("server", lambda: compute.get_server(server.id), "active")
    compute.stop_server(server)
    wait_status("stopped server", lambda: compute.get_server(server.id), "shutoff")
    compute.start_server(server)
    wait_status("started server", lambda: compute.get_server(server.id), "active")
    image = compute.create_server_image(server, f"{RUN}-snapshot", wait=False)
    image_id = getattr(image, "id", image)
    snap = wait_status("snapshot image", lambda: demo.image.get_image(image_id), "active", failed=("killed",))
    assert snap.properties.get("image_type") == "snapshot" or getattr(snap, "image_type", None) == "snapshot"
    demo.image.delete_image(image_id)
    compute.delete_server(server)
    wait_gone(lambda: compute.find_server(server.id))


summary("openstack smoke")
