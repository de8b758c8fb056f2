"""Keystone's catalog for the local cloud: two regions, service users, services and endpoints.
Runs in the openstack virtual environment; idempotent (finds before it creates)."""

import sys

import openstack

KEYSTONE, PASSWORD, HOST = sys.argv[1], sys.argv[2], sys.argv[3]
REGIONS = ["RegionOne", "RegionTwo"]
SERVICES = [
    # name, type, URL
    ("keystone", "identity", f"{KEYSTONE}/v3"),
    ("glance", "image", f"http://{HOST}:9292"),
    ("cinderv3", "volumev3", f"http://{HOST}:8776/v3"),
    ("cinder", "block-storage", f"http://{HOST}:8776/v3"),
    ("nova", "compute", f"http://{HOST}:8774/v2.1"),
    ("placement", "placement", f"http://{HOST}:8778"),
    ("neutron", "network", f"http://{HOST}:9696"),
]
SERVICE_USERS = ["glance", "cinder", "nova", "placement", "neutron"]

conn = openstack.connect(
    auth_url=f"{KEYSTONE}/v3",
    username="admin",
    password=PASSWORD,
    project_name="admin",
    user_domain_name="Default",
    project_domain_name="Default",
    region_name="RegionOne",
)
identity = conn.identity

existing_regions = {r.id for r in identity.regions()}
for region in REGIONS:
    if region not in existing_regions:
        identity.create_region(id=region)


def project(name, description):
    return identity.find_project(name, domain_id="default") or identity.create_project(
        name=name, domain_id="default", description=description
    )


def role(name):
    return identity.find_role(name) or identity.create_role(name=name)


def user(name):
    return identity.find_user(name, domain_id="default") or identity.create_user(
        name=name, password=PASSWORD, domain_id="default"
    )


service_project = project("service", "OpenStack's own service users")
roles = {name: role(name) for name in ("admin", "service", "member", "reader")}
for name in SERVICE_USERS:
    account = user(name)
    for role_name in ("admin", "service"):
        identity.assign_project_role_to_user(service_project, account, roles[role_name])

for name, kind, url in SERVICES:
    service = identity.find_service(name) or identity.create_service(name=name, type=kind)
    have = {(e.region_id, e.interface) for e in identity.endpoints(service_id=service.id)}
    for region in REGIONS:
        for interface in ("public", "internal", "admin"):
            if (region, interface) not in have:
                identity.create_endpoint(
                    service_id=service.id, interface=interface, url=url, region_id=region
                )
print("catalog ready")
