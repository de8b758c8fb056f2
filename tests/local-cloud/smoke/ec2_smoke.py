"""Smoke test of the local EC2 (moto) with IAM enforcement on, through boto3: what workflow 3 of
nubo needs, as the operator (may snapshot, may not restore) and the admin."""

import json
import sys

import boto3
import botocore.exceptions

from checks import check, summary

LOGINS = json.load(open(sys.argv[1]))
ENDPOINT = LOGINS["endpoint_url"]


def ec2(user, region="us-east-1", secret=None):
    keys = dict(LOGINS["users"][user])
    if secret:
        keys["aws_secret_access_key"] = secret
    return boto3.client("ec2", region_name=region, endpoint_url=ENDPOINT, **keys)


def error_code(call):
    try:
        call()
    except botocore.exceptions.ClientError as error:
        return error.response["Error"]["Code"]
    raise AssertionError("the call succeeded")


operator, admin = ec2("operator"), ec2("admin")


def instance(name, client=operator):
    reservations = client.describe_instances(Filters=[{"Name": "tag:Name", "Values": [name]}])
    return reservations["Reservations"][0]["Instances"][0]


@check
def regions_hold_different_data():
    us = {t["Value"] for v in operator.describe_volumes()["Volumes"] for t in v.get("Tags", []) if t["Key"] == "Name"}
    eu = {t["Value"] for v in ec2("operator", "eu-central-1").describe_volumes()["Volumes"] for t in v.get("Tags", []) if t["Key"] == "Name"}
    assert "web-server-data-1" in us and "web-server-data-1" not in eu, (us, eu)
    assert "eu-app-data-1" in eu and "eu-app-data-1" not in us, (us, eu)


@check
def operator_snapshots_a_volume_with_name_and_owner_tags():
    volume = operator.describe_volumes(Filters=[{"Name": "tag:Name", "Values": ["db-server-data-1"]}])["Volumes"][0]
    snapshot = operator.create_snapshot(
        VolumeId=volume["VolumeId"], Description="smoke",
        TagSpecifications=[{"ResourceType": "snapshot", "Tags": [
            {"Key": "Name", "Value": "smoke-snap"}, {"Key": "Owner", "Value": "smoke"}]}],
    )
    found = operator.describe_snapshots(SnapshotIds=[snapshot["SnapshotId"]])["Snapshots"][0]
    assert {t["Key"]: t["Value"] for t in found["Tags"]} == {"Name": "smoke-snap", "Owner": "smoke"}
    admin.delete_snapshot(SnapshotId=snapshot["SnapshotId"])


@check
def operator_snapshots_every_volume_of_an_instance():
    server = instance("web-server")
    attached = len(server["BlockDeviceMappings"])
    made = operator.create_snapshots(InstanceSpecification={"InstanceId": server["InstanceId"]})["Snapshots"]
    assert len(made) == attached >= 3, (len(made), attached)
    for snapshot in made:
        admin.delete_snapshot(SnapshotId=snapshot["SnapshotId"])


@check
def operator_may_not_restore_and_nothing_is_created():
    snapshot = operator.describe_snapshots(Filters=[{"Name": "tag:Name", "Values": ["web-server-data-1-nightly"]}])["Snapshots"][0]
    before = len(admin.describe_volumes()["Volumes"])
    restore = lambda dry: operator.create_volume(  # noqa: E731
        SnapshotId=snapshot["SnapshotId"], AvailabilityZone="us-east-1a", DryRun=dry)
    assert error_code(lambda: restore(True)) in ("AccessDenied", "UnauthorizedOperation")
    assert error_code(lambda: restore(False)) in ("AccessDenied", "UnauthorizedOperation")
    assert len(admin.describe_volumes()["Volumes"]) == before


@check
def admin_restores_a_snapshot_to_a_volume():
    snapshot = admin.describe_snapshots(Filters=[{"Name": "tag:Name", "Values": ["web-server-data-1-nightly"]}])["Snapshots"][0]
    assert error_code(lambda: admin.create_volume(
        SnapshotId=snapshot["SnapshotId"], AvailabilityZone="us-east-1a", DryRun=True)) == "DryRunOperation"
    volume = admin.create_volume(SnapshotId=snapshot["SnapshotId"], AvailabilityZone="us-east-1a")
    assert volume["SnapshotId"] == snapshot["SnapshotId"]
    admin.delete_volume(VolumeId=volume["VolumeId"])


@check
def a_wrong_secret_is_rejected():
    assert error_code(lambda: ec2("operator", secret="wrong").describe_volumes()) == "AuthFailure"


summary("ec2 smoke")
