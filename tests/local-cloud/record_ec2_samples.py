"""Records moto's raw EC2 answers as parser samples for nubo-cloud's tests
(crates/cloud/tests/samples/ec2/; STS's and IAM's beside it in identity/). Run in the moto virtual environment against the seeded local
cloud (`cargo xtask cloud up`):

    $VENV/bin/python tests/local-cloud/record_ec2_samples.py ~/.local/share/nubo/local-cloud/ec2-logins.json OUT_DIR

Each request is signed by botocore and sent as the portal sends it: a form POST."""

import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

LOGINS = json.load(open(sys.argv[1]))
OUT = Path(sys.argv[2])
ENDPOINT = LOGINS["endpoint_url"] + "/"


def call(user, action, params=(), region="us-east-1", secret=None, service="ec2", version="2016-11-15"):
    keys = LOGINS["users"][user]
    credentials = Credentials(keys["aws_access_key_id"], secret or keys["aws_secret_access_key"])
    body = urllib.parse.urlencode([("Action", action), ("Version", version), *params])
    request = AWSRequest(method="POST", url=ENDPOINT, data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(credentials, service, region).add_auth(request)
    prepared = urllib.request.Request(ENDPOINT, data=body.encode(), headers=dict(request.headers), method="POST")
    try:
        with urllib.request.urlopen(prepared) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def record(name, status_body, into=OUT):
    status, body = status_body
    into.mkdir(parents=True, exist_ok=True)
    (into / f"{name}.xml").write_bytes(body)
    print(f"{name}: HTTP {status}, {len(body)} bytes")
    return body.decode()


def between(text, tag):
    return text.split(f"<{tag}>", 1)[1].split(f"</{tag}>", 1)[0]


record("DescribeRegions", call("admin", "DescribeRegions"))
record("DescribeAvailabilityZones", call("admin", "DescribeAvailabilityZones"))
instances = record("DescribeInstances", call("admin", "DescribeInstances", [("Filter.1.Name", "tag:Name"), ("Filter.1.Value.1", "web-server")]))
instance = between(instances, "instanceId")
volumes = record("DescribeVolumes", call("admin", "DescribeVolumes", [("Filter.1.Name", "attachment.instance-id"), ("Filter.1.Value.1", instance)]))
record("DescribeSnapshots", call("admin", "DescribeSnapshots", [("Owner.1", "self")]))
data_volume = [v for v in volumes.split("<item>") if "<device>/dev/sdf</device>" in v][0]
volume = between(data_volume, "volumeId")
snapshot = between(record("CreateSnapshot", call("admin", "CreateSnapshot", [
    ("VolumeId", volume), ("Description", "recorded sample"),
    ("TagSpecification.1.ResourceType", "snapshot"),
    ("TagSpecification.1.Tag.1.Key", "Name"), ("TagSpecification.1.Tag.1.Value", "sample"),
    ("TagSpecification.1.Tag.2.Key", "Owner"), ("TagSpecification.1.Tag.2.Value", "ops")])), "snapshotId")
made = record("CreateSnapshots", call("admin", "CreateSnapshots", [("InstanceSpecification.InstanceId", instance), ("InstanceSpecification.ExcludeBootVolume", "true")]))
record("CreateTags", call("admin", "CreateTags", [("ResourceId.1", snapshot), ("Tag.1.Key", "Team"), ("Tag.1.Value", "db")]))
record("DeleteTags", call("admin", "DeleteTags", [("ResourceId.1", snapshot), ("Tag.1.Key", "Team")]))
copy = between(record("CopySnapshot", call("admin", "CopySnapshot", [("SourceRegion", "us-east-1"), ("SourceSnapshotId", snapshot)], region="eu-central-1")), "snapshotId")
restored = record("CreateVolume", call("admin", "CreateVolume", [("AvailabilityZone", "us-east-1a"), ("SnapshotId", snapshot), ("VolumeType", "gp3")]))
record("StopInstances", call("admin", "StopInstances", [("InstanceId.1", instance)]))
record("StartInstances", call("admin", "StartInstances", [("InstanceId.1", instance)]))
image = between(record("CreateImage", call("admin", "CreateImage", [("InstanceId", instance), ("Name", "recorded-sample")])), "imageId")
record("DescribeImages", call("admin", "DescribeImages", [("Owner.1", "self")]))
record("DeregisterImage", call("admin", "DeregisterImage", [("ImageId", image)]))
# Errors, in both of moto's envelopes.
record("error-AuthFailure", call("admin", "DescribeVolumes", secret="wrong"))
record("error-AccessDenied", call("operator", "CreateVolume", [("AvailabilityZone", "us-east-1a"), ("SnapshotId", snapshot)]))
record("error-DryRunOperation", call("admin", "CreateVolume", [("AvailabilityZone", "us-east-1a"), ("SnapshotId", snapshot), ("DryRun", "true")]))
record("error-VolumeInUse", call("admin", "DeleteVolume", [("VolumeId", volume)]))
# Who the keys belong to (STS) and the account's alias (IAM), with IAM's refusal.
IDENTITY = OUT.parent / "identity"
record("GetCallerIdentity", call("operator", "GetCallerIdentity", service="sts", version="2011-06-15"), IDENTITY)
record("ListAccountAliases", call("admin", "ListAccountAliases", service="iam", version="2010-05-08"), IDENTITY)
record("error-AccessDenied", call("operator", "ListAccountAliases", service="iam", version="2010-05-08"), IDENTITY)
# Clean up what the recording made.
record("DeleteSnapshot", call("admin", "DeleteSnapshot", [("SnapshotId", snapshot)]))
record("error-InvalidSnapshot.NotFound", call("admin", "DeleteSnapshot", [("SnapshotId", snapshot)]))
call("admin", "DeleteSnapshot", [("SnapshotId", copy)], region="eu-central-1")
for item in made.split("<snapshotId>")[1:]:
    call("admin", "DeleteSnapshot", [("SnapshotId", item.split("<", 1)[0])])
call("admin", "DeleteVolume", [("VolumeId", between(restored, "volumeId"))])
