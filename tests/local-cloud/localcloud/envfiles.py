"""Files that let the ordinary tools use the local cloud: clouds.yaml for `openstack`, config and
credentials for `aws`, and a bin folder holding just those two commands."""

import json

from . import ec2, layout

CLOUDS_YAML = layout.STATE / "clouds.yaml"
AWS_CONFIG = layout.STATE / "aws" / "config"
AWS_CREDENTIALS = layout.STATE / "aws" / "credentials"
BIN = layout.STATE / "bin"


def write() -> None:
    # openstacksdk refuses --os-region-name RegionTwo when region_name pins RegionOne; a
    # `regions` list (first one the default) allows both.
    clouds = ["clouds:"]
    for name, user, project in (("nubo-admin", "admin", "admin"), ("nubo-demo", "demo", "demo")):
        clouds += [
            f"  {name}:",
            "    auth:",
            f"      auth_url: {layout.KEYSTONE_URL}/v3",
            f"      username: {user}",
            f"      password: {layout.PASSWORD}",
            f"      project_name: {project}",
            "      user_domain_name: Default",
            "      project_domain_name: Default",
            f"    regions: [{', '.join(layout.REGIONS)}]",
            "    identity_api_version: 3",
        ]
    CLOUDS_YAML.write_text("\n".join(clouds) + "\n")

    AWS_CONFIG.parent.mkdir(parents=True, exist_ok=True)
    users = ec2.logins()["users"]
    config, credentials = [], []
    for user, keys in users.items():
        config += [f"[profile nubo-{user}]", f"region = {layout.EC2_REGIONS[0]}", "output = json",
                   f"endpoint_url = {layout.MOTO_URL}", ""]
        credentials += [f"[nubo-{user}]", f"aws_access_key_id = {keys['aws_access_key_id']}",
                        f"aws_secret_access_key = {keys['aws_secret_access_key']}", ""]
    AWS_CONFIG.write_text("\n".join(config))
    AWS_CREDENTIALS.write_text("\n".join(credentials))
    AWS_CREDENTIALS.chmod(0o600)

    BIN.mkdir(parents=True, exist_ok=True)
    for command, venv in (("openstack", layout.venv("openstack")), ("aws", layout.venv("moto"))):
        link = BIN / command
        link.unlink(missing_ok=True)
        link.symlink_to(venv / "bin" / command)


def exports() -> str:
    return "\n".join(
        [
            f"export OS_CLIENT_CONFIG_FILE={CLOUDS_YAML}",
            f"export AWS_CONFIG_FILE={AWS_CONFIG}",
            f"export AWS_SHARED_CREDENTIALS_FILE={AWS_CREDENTIALS}",
            f"export AWS_ENDPOINT_URL={layout.MOTO_URL}",
            f'export PATH="{BIN}:$PATH"',
        ]
    )


def logins_text() -> str:
    openstack = json.loads((layout.STATE / "openstack-logins.json").read_text())
    aws = ec2.logins()
    credential = openstack["application_credential"]
    lines = [
        f"OpenStack  {openstack['auth_url']}  (regions {', '.join(layout.REGIONS)}; domain Default)",
        f"  admin / {layout.PASSWORD}   project admin (also admin of demo and staging)",
        f"  demo  / {layout.PASSWORD}   projects demo and staging (member)",
        f"  application credential {credential['name']}: id {credential['id']}  secret {credential['secret']}",
        f"EC2 (moto) {aws['endpoint_url']}  (regions {', '.join(aws['regions'])})",
    ]
    for user, keys in aws["users"].items():
        what = "allowed everything" if user == "admin" else "may snapshot, denied ec2:CreateVolume"
        lines.append(
            f"  {user:<8} {keys['aws_access_key_id']} / {keys['aws_secret_access_key']}  ({what})"
        )
    return "\n".join(lines)
