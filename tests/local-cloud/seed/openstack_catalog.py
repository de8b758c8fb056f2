"""Keystone's catalog for the local cloud: regions, service users, services and endpoints.
Runs in the openstack virtual environment. It converges: missing entries are created, endpoints
whose URL changed are updated and endpoints no longer wanted are removed, so a cloud made by an
older version of this script is brought up to date."""

import json
import sys

import openstack

KEYSTONE, PASSWORD, ENDPOINTS = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
# service name -> type; ENDPOINTS maps region -> type -> URL
SERVICES = {
    "keystone": "identity",
    "glance": "image",
    "cinderv3": "volumev3",
    "cinder": "block-storage",
    "nova": "compute",
    "placement": "placement",
    "neutron": "network",
}
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
for region in ENDPOINTS:
    if region not in existing_regions:
        identity.create_region(id=region)

service_project = identity.find_project("service", domain_id="default") or identity.create_project(
    name="service", domain_id="default", description="OpenStack's own service users"
)
roles = {
    name: identity.find_role(name) or identity.create_role(name=name)
    for name in ("admin", "service", "member", "reader")
}
for name in SERVICE_USERS:
    account = identity.find_user(name, domain_id="default") or identity.create_user(
        name=name, password=PASSWORD, domain_id="default"
    )
    for role_name in ("admin", "service"):
        identity.assign_project_role_to_user(service_project, account, roles[role_name])

for name, kind in SERVICES.items():
    service = identity.find_service(name) or identity.create_service(name=name, type=kind)
    wanted = {
        (region, interface): urls[kind]
        for region, urls in ENDPOINTS.items()
        if kind in urls
        for interface in ("public", "internal", "admin")
    }
    for endpoint in identity.endpoints(service_id=service.id):
        key = (endpoint.region_id, endpoint.interface)
        if key not in wanted:
            identity.delete_endpoint(endpoint)
        elif endpoint.url != wanted[key]:
            identity.update_endpoint(endpoint, url=wanted.pop(key))
        else:
            wanted.pop(key)
    for (region, interface), url in wanted.items():
        identity.create_endpoint(service_id=service.id, interface=interface, url=url, region_id=region)
print("catalog ready")
