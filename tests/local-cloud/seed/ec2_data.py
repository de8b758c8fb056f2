"""Seed data for the local EC2 (moto): instances with several volumes, Name tags and snapshots in
two regions, the account alias `nubo-local`, and two IAM users: `admin` (everything) and `operator` (may
snapshot, may not restore: ec2:CreateVolume is denied, as in the EBS guide; may not read the
alias), and one snapshot tagged as a DLM policy's. Runs in the moto virtual environment
while moto's IAM enforcement is off; writes the access keys to a JSON file."""

import json
import sys

import boto3

ENDPOINT, OUT = sys.argv[1], sys.argv[2]
REGIONS = {
    # region: [(instance Name, [data volume sizes])]
    "us-east-1": [("web-server", [8, 20]), ("db-server", [50])],
    "eu-central-1": [("eu-app", [10])],
}
ACCOUNT_ALIAS = "nubo-local"
SEED_KEYS = {"aws_access_key_id": "seed", "aws_secret_access_key": "seed"}
DLM_POLICY_ID = "policy-0a1b2c3d4e5f60718"


def client(service, region="us-east-1"):
    return boto3.client(service, region_name=region, endpoint_url=ENDPOINT, **SEED_KEYS)


def tags(**pairs):
    return [{"Key": k, "Value": v} for k, v in pairs.items()]


for region, instances in REGIONS.items():
    ec2 = client("ec2", region)
    zone = f"{region}a"
    for name, sizes in instances:
        reservation = ec2.run_instances(
            ImageId="ami-0abcdef1234567890",
            InstanceType="t3.micro",
            MinCount=1,
            MaxCount=1,
            Placement={"AvailabilityZone": zone},
            TagSpecifications=[{"ResourceType": "instance", "Tags": tags(Name=name, Owner="ops")}],
        )
        instance_id = reservation["Instances"][0]["InstanceId"]
        for index, size in enumerate(sizes):
            volume = ec2.create_volume(
                AvailabilityZone=zone,
                Size=size,
                VolumeType="gp3",
                TagSpecifications=[{"ResourceType": "volume", "Tags": tags(Name=f"{name}-data-{index + 1}")}],
            )
            ec2.attach_volume(VolumeId=volume["VolumeId"], InstanceId=instance_id, Device=f"/dev/sd{'fgh'[index]}")
            if index == 0:
                ec2.create_snapshot(
                    VolumeId=volume["VolumeId"],
                    Description=f"Nightly {name}-data-1",
                    TagSpecifications=[
                        {"ResourceType": "snapshot", "Tags": tags(Name=f"{name}-data-1-nightly", Owner="ops")}
                    ],
                )
    scratch = ec2.create_volume(
        AvailabilityZone=zone,
        Size=5,
        VolumeType="gp2",
        TagSpecifications=[{"ResourceType": "volume", "Tags": tags(Name=f"scratch-{region}")}],
    )
    ec2.create_snapshot(VolumeId=scratch["VolumeId"], Description="Untagged snapshot")
    # What DLM makes on a real AWS endpoint (moto has no DLM): the snapshot carries the reserved
    # tags of the policy that made it, so the lists can say "Schedule policy-…".
    ec2.create_snapshot(
        VolumeId=scratch["VolumeId"],
        Description="Made by a DLM policy",
        TagSpecifications=[
            {
                "ResourceType": "snapshot",
                "Tags": tags(**{"aws:dlm:lifecycle-policy-id": DLM_POLICY_ID, "dlm:managed": "true"}),
            }
        ],
    )

iam = client("iam")
iam.create_account_alias(AccountAlias=ACCOUNT_ALIAS)
ADMIN_POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
# moto evaluates EC2 permissions against Resource "*" only.
OPERATOR_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "ec2:Describe*",
                "ec2:CreateSnapshot",
                "ec2:CreateSnapshots",
                "ec2:CreateTags",
                "ec2:CreateImage",
                "ec2:StopInstances",
                "ec2:StartInstances",
                # Real AWS answers GetCallerIdentity to every key; moto asks IAM.
                "sts:GetCallerIdentity",
            ],
            "Resource": "*",
        },
        {"Effect": "Deny", "Action": "ec2:CreateVolume", "Resource": "*"},
    ],
}
keys = {}
for user, policy in (("admin", ADMIN_POLICY), ("operator", OPERATOR_POLICY)):
    iam.create_user(UserName=user)
    iam.put_user_policy(UserName=user, PolicyName=f"nubo-{user}", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName=user)["AccessKey"]
    keys[user] = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}

with open(OUT, "w") as out:
    json.dump({"endpoint_url": ENDPOINT, "regions": list(REGIONS), "users": keys}, out, indent=2)
print(f"seeded: 3 instances, 8 volumes, 5 snapshots in 2 regions; alias {ACCOUNT_ALIAS}; IAM users admin and operator")
