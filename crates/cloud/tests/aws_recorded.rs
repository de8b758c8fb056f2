//! The AWS client against recorded answers — moto's real ones and AWS-shaped ones from the
//! models (see tests/samples/README.md) — served by a local upstream behind a real nubo proxy.
//! What the client sent is checked as well as what it read.

use std::time::{Duration, Instant};

use nubo_cloud::{
    ErrorKind, Resource, Service,
    aws::{
        Permission, all_pages,
        dlm::{NewDailyPolicy, ResourceType, Tag as DlmTag, default_role_arn},
        ec2::{
            Filter, InstanceSnapshots, NewImage, NewSnapshot, NewVolume, Query, SnapshotCopy, Tag,
        },
    },
};
use serde_json::{Value, json};

mod replay;
use replay::{Replay, sample};

const MOTO_ACTIONS: &[&str] = &[
    "DescribeRegions",
    "DescribeAvailabilityZones",
    "DescribeInstances",
    "DescribeVolumes",
    "DescribeSnapshots",
    "CreateSnapshot",
    "CreateSnapshots",
    "CreateTags",
    "DeleteTags",
    "CopySnapshot",
    "CreateVolume",
    "StopInstances",
    "StartInstances",
    "CreateImage",
    "DescribeImages",
    "DeregisterImage",
    "DeleteSnapshot",
];

async fn with_moto_answers() -> Replay {
    let replay = Replay::start().await;
    for action in MOTO_ACTIONS {
        replay.answer(action, 200, &[], sample(&format!("ec2/{action}.xml")));
    }
    replay
}

#[tokio::test]
async fn moto_answers_read_as_typed_values() {
    let replay = with_moto_answers().await;
    let ec2 = replay.account().ec2("us-east-1");

    let regions = ec2.regions().await.unwrap();
    assert!(regions.iter().any(|r| r.name == "us-east-1"));
    assert!(regions.len() >= 2);
    let zones = ec2.availability_zones().await.unwrap();
    assert!(
        zones
            .iter()
            .any(|z| z.name == "us-east-1a" && z.id.is_some())
    );

    let instances = ec2
        .instances(&Query::default().filter(Filter::new("tag:Name", ["web-server"])))
        .await
        .unwrap();
    let web = &instances.items[0];
    assert_eq!(web.name(), "web-server");
    assert_eq!(web.status(), "running");
    assert_eq!(web.availability_zone(), Some("us-east-1a"));
    assert_eq!(web.volume_ids().count(), 3, "root and two data volumes");
    assert_eq!(instances.next_token, None);

    let volumes = ec2.volumes(&Query::default()).await.unwrap().items;
    assert!(volumes.iter().all(|v| v.id.starts_with("vol-")));
    let data = volumes
        .iter()
        .find(|v| v.name() == "web-server-data-1")
        .unwrap();
    assert_eq!(
        data.attachments[0].instance_id.as_deref(),
        Some(web.id.as_str())
    );
    assert_eq!(data.volume_type.as_deref(), Some("gp3"));

    let snapshots = ec2.snapshots(&Query::default()).await.unwrap().items;
    let nightly = snapshots
        .iter()
        .find(|s| s.name() == "web-server-data-1-nightly")
        .unwrap();
    assert_eq!(nightly.tag("Owner"), Some("ops"));
    assert_eq!(
        (nightly.status(), nightly.percent()),
        ("completed", Some(100))
    );
    assert!(snapshots.iter().any(|s| s.tags.is_empty()));

    let made = ec2
        .create_snapshot(&NewSnapshot {
            volume_id: data.id.clone(),
            description: Some("recorded sample".into()),
            tags: vec![Tag::new("Name", "sample"), Tag::new("Owner", "ops")],
        })
        .await
        .unwrap();
    assert_eq!((made.name(), made.tag("Owner")), ("sample", Some("ops")));
    let all = ec2
        .create_snapshots(&InstanceSnapshots {
            instance_id: web.id.clone(),
            exclude_boot_volume: true,
            copy_tags_from_volume: true,
            ..InstanceSnapshots::default()
        })
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    ec2.create_tags(&[&made.id], &[Tag::new("Team", "db")])
        .await
        .unwrap();
    ec2.delete_tags(&[&made.id], &["Team"]).await.unwrap();
    let copy = ec2
        .copy_snapshot(&SnapshotCopy {
            source_region: "us-east-1".into(),
            source_snapshot_id: made.id.clone(),
            ..SnapshotCopy::default()
        })
        .await
        .unwrap();
    assert!(copy.starts_with("snap-"));
    let restored = ec2
        .create_volume(&NewVolume {
            availability_zone: "us-east-1a".into(),
            snapshot_id: Some(made.id.clone()),
            volume_type: Some("gp3".into()),
            ..NewVolume::default()
        })
        .await
        .unwrap();
    assert!(restored.snapshot_id.is_some());
    // AWS answers `creating`; moto has it ready at once.
    assert_eq!(restored.status(), "available");
    let stopping = ec2.stop_instances(&[&web.id]).await.unwrap();
    assert_eq!(stopping[0].current.name, "stopping");
    let starting = ec2.start_instances(&[&web.id]).await.unwrap();
    assert_eq!(starting[0].current.name, "pending");
    let image = ec2
        .create_image(&NewImage {
            instance_id: web.id.clone(),
            name: "recorded-sample".into(),
            tags: vec![Tag::new("Name", "recorded-sample")],
            ..NewImage::default()
        })
        .await
        .unwrap();
    assert!(image.starts_with("ami-"));
    let images = ec2.images(&Query::default()).await.unwrap().items;
    assert!(images.iter().any(|i| i.snapshot_ids().count() > 0));
    ec2.deregister_image(&image, true).await.unwrap();
    ec2.delete_snapshot(&made.id).await.unwrap();

    // What went out: every call signed for ec2 in us-east-1 and for the upstream's host,
    // the account's own snapshots and images only, the guide's tags on the snapshot.
    let seen = replay.seen();
    assert_eq!(seen.len(), MOTO_ACTIONS.len(), "one call per action");
    for request in &seen {
        let authorization = request.headers["authorization"].to_str().unwrap();
        assert!(
            authorization.contains("/us-east-1/ec2/aws4_request"),
            "{authorization}"
        );
        assert_eq!(request.param("Version"), Some("2016-11-15"));
    }
    let find = |action: &str| {
        seen.iter()
            .find(|s| s.param("Action") == Some(action))
            .unwrap()
    };
    assert_eq!(find("DescribeSnapshots").param("Owner.1"), Some("self"));
    assert_eq!(find("DescribeImages").param("Owner.1"), Some("self"));
    let create = find("CreateSnapshot");
    assert_eq!(
        create.param("TagSpecification.1.ResourceType"),
        Some("snapshot")
    );
    assert_eq!(create.param("TagSpecification.1.Tag.2.Key"), Some("Owner"));
    let instance_snapshots = find("CreateSnapshots");
    assert_eq!(
        instance_snapshots.param("InstanceSpecification.ExcludeBootVolume"),
        Some("true")
    );
    assert_eq!(
        instance_snapshots.param("CopyTagsFromSource"),
        Some("volume")
    );
    assert_eq!(
        find("DeregisterImage").param("DeleteAssociatedSnapshots"),
        Some("true")
    );
    assert_eq!(
        find("DescribeInstances").param("Filter.1.Name"),
        Some("tag:Name")
    );
}

/// The AWS-shaped task answers, with a test's own ids and state in place of their placeholders
/// (the browser tests fill in moto's).
fn task_sample(name: &str, state: &str) -> Vec<u8> {
    String::from_utf8(sample(&format!("ec2/aws/{name}.xml")))
        .unwrap()
        .replace("INSTANCE_ID", "i-0123456789abcdef0")
        .replace("SNAPSHOT_ID", "snap-0a1b2c3d4e5f60718")
        .replace("TASK_STATE", state)
        .into_bytes()
}

#[tokio::test]
async fn a_root_volume_replacement_is_requested_and_followed() {
    let replay = Replay::start().await;
    replay.answer(
        "CreateReplaceRootVolumeTask",
        200,
        &[],
        task_sample("CreateReplaceRootVolumeTask", "pending"),
    );
    replay.answer(
        "DescribeReplaceRootVolumeTasks",
        200,
        &[],
        task_sample("DescribeReplaceRootVolumeTasks", "succeeded"),
    );
    let ec2 = replay.account().ec2("us-east-1");
    let task = ec2
        .create_replace_root_volume_task(
            "i-0123456789abcdef0",
            Some("snap-0a1b2c3d4e5f60718"),
            false,
        )
        .await
        .unwrap();
    assert_eq!(task.id, "replacevol-0c1d2e3f4a5b6c7d8");
    assert_eq!(task.state, "pending");
    assert!(!task.is_over());
    let followed = ec2.replace_root_volume_task(&task.id).await.unwrap();
    assert_eq!(followed.state, "succeeded");
    assert!(followed.is_over());
    assert_eq!(
        followed.complete_time.as_deref(),
        Some("2026-12-04T03:10:42Z")
    );
    let seen = replay.seen();
    assert_eq!(seen[0].param("InstanceId"), Some("i-0123456789abcdef0"));
    assert_eq!(seen[0].param("SnapshotId"), Some("snap-0a1b2c3d4e5f60718"));
    assert_eq!(seen[0].param("DeleteReplacedRootVolume"), Some("false"));
    assert_eq!(
        seen[1].param("ReplaceRootVolumeTaskId.1"),
        Some("replacevol-0c1d2e3f4a5b6c7d8")
    );
    // To the launch state: no snapshot is sent.
    ec2.create_replace_root_volume_task("i-0123456789abcdef0", None, true)
        .await
        .unwrap();
    let again = replay.seen().pop().unwrap();
    assert_eq!(again.param("SnapshotId"), None);
    assert_eq!(again.param("DeleteReplacedRootVolume"), Some("true"));
}

#[tokio::test]
async fn pages_are_followed_and_pending_progress_is_read() {
    let replay = Replay::start().await;
    replay.answer(
        "DescribeSnapshots",
        200,
        &[],
        sample("ec2/aws/DescribeSnapshots-page1.xml"),
    );
    replay.answer(
        "DescribeSnapshots@eyJ2IjoyLCJjIjoiZXhhbXBsZSJ9",
        200,
        &[],
        sample("ec2/aws/DescribeSnapshots-page2.xml"),
    );
    let ec2 = replay.account().ec2("eu-central-1");
    let snapshots = all_pages(Service::Ec2, 10, |token| {
        let ec2 = ec2.clone();
        async move {
            ec2.snapshots(&Query::default().page_size(2).after(token))
                .await
        }
    })
    .await
    .unwrap();
    assert_eq!(snapshots.len(), 2);
    let pending = &snapshots[0];
    assert_eq!((pending.status(), pending.percent()), ("pending", Some(45)));
    assert_eq!(
        pending.name(),
        "db & logs <prod>",
        "entities decoded, markup kept as text"
    );
    assert_eq!(snapshots[1].storage_tier.as_deref(), Some("archive"));
    let seen = replay.seen();
    assert_eq!(seen.len(), 2);
    // EC2's minimum page size is 5; the token goes back unchanged.
    assert_eq!(seen[0].param("MaxResults"), Some("5"));
    assert_eq!(seen[0].param("NextToken"), None);
    assert_eq!(
        seen[1].param("NextToken"),
        Some("eyJ2IjoyLCJjIjoiZXhhbXBsZSJ9")
    );
    // Ids and MaxResults together are refused by EC2, so ids go alone.
    ec2.snapshots(&Query::ids(["snap-0a1b2c3d4e5f60718"]).page_size(50))
        .await
        .unwrap();
    let by_id = replay.seen().pop().unwrap();
    assert_eq!(by_id.param("SnapshotId.1"), Some("snap-0a1b2c3d4e5f60718"));
    assert_eq!(by_id.param("MaxResults"), None);
}

fn restore() -> NewVolume {
    NewVolume {
        availability_zone: "us-east-1a".into(),
        snapshot_id: Some("snap-1023255ffbf908697".into()),
        ..NewVolume::default()
    }
}

#[tokio::test]
async fn denials_and_dry_runs_in_the_words_of_ec2() {
    let replay = Replay::start().await;
    let ec2 = replay.account().ec2("us-east-1");

    // moto's denial (AccessDenied, <ErrorResponse>) and AWS's (UnauthorizedOperation).
    replay.answer(
        "CreateVolume",
        403,
        &[],
        sample("ec2/error-AccessDenied.xml"),
    );
    let denied = ec2.create_volume(&restore()).await.unwrap_err();
    assert_eq!(
        (denied.kind, denied.code.as_deref()),
        (ErrorKind::Forbidden, Some("AccessDenied"))
    );
    assert!(denied.message.contains("ec2:CreateVolume"), "{denied}");
    match ec2.may_create_volume(&restore()).await.unwrap() {
        Permission::Denied(error) => assert_eq!(error.kind, ErrorKind::Forbidden),
        other => panic!("expected a denial, got {other:?}"),
    }
    assert_eq!(replay.seen().last().unwrap().param("DryRun"), Some("true"));

    replay.answer(
        "CreateVolume",
        403,
        &[],
        sample("ec2/aws/error-UnauthorizedOperation.xml"),
    );
    let aws = ec2.create_volume(&restore()).await.unwrap_err();
    assert_eq!(aws.kind, ErrorKind::Forbidden);
    assert!(!aws.to_string().contains("Encoded"), "{aws}");
    assert_eq!(
        aws.details.as_deref(),
        Some("kQfPbN3xR8_example-Encoded-Blob-9z0LmHqUwVx2YtA")
    );
    assert_eq!(
        aws.request_id.as_deref(),
        Some("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")
    );

    replay.answer(
        "CreateVolume",
        412,
        &[],
        sample("ec2/error-DryRunOperation.xml"),
    );
    assert_eq!(
        ec2.may_create_volume(&restore()).await.unwrap(),
        Permission::Allowed
    );

    replay.answer(
        "DescribeVolumes",
        401,
        &[],
        sample("ec2/error-AuthFailure.xml"),
    );
    let rejected = ec2.volumes(&Query::default()).await.unwrap_err();
    assert_eq!(
        (rejected.kind, rejected.code.as_deref()),
        (ErrorKind::Unauthenticated, Some("AuthFailure"))
    );
    assert_eq!(
        rejected.message,
        "AWS was not able to validate the provided access credentials"
    );

    replay.answer(
        "DeleteSnapshot",
        400,
        &[],
        sample("ec2/error-InvalidSnapshot.NotFound.xml"),
    );
    let gone = ec2
        .delete_snapshot("snap-1023255ffbf908697")
        .await
        .unwrap_err();
    assert_eq!(gone.kind, ErrorKind::NotFound);
    assert!(
        gone.to_string().contains("InvalidSnapshot.NotFound"),
        "{gone}"
    );

    replay.answer(
        "DeleteVolume",
        400,
        &[],
        sample("ec2/error-VolumeInUse.xml"),
    );
    replay.answer(
        "DescribeAvailabilityZones",
        500,
        &[],
        b"<html><h1>Internal Server Error</h1>KeyError: 'dlm'</html>".to_vec(),
    );
    let broken = ec2.availability_zones().await.unwrap_err();
    assert_eq!(broken.kind, ErrorKind::Server);
    assert!(broken.message.contains("KeyError"), "{broken}");
}

#[tokio::test]
async fn throttled_reads_are_retried_and_writes_are_not() {
    let replay = Replay::start().await;
    let ec2 = replay.account().ec2("us-east-1");
    let throttled = sample("ec2/aws/error-RequestLimitExceeded.xml");
    replay.answer("DescribeVolumes", 503, &[], throttled.clone());
    replay.answer("CreateSnapshot", 503, &[], throttled);

    let started = Instant::now();
    let error = ec2.volumes(&Query::default()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Throttled);
    assert_eq!(replay.seen().len(), 4, "the first try and three retries");
    assert!(started.elapsed() >= Duration::from_millis(400 + 800 + 1600));

    let error = ec2
        .create_snapshot(&NewSnapshot {
            volume_id: "vol-1".into(),
            ..NewSnapshot::default()
        })
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Throttled);
    assert_eq!(replay.seen().len(), 5, "a write is tried once");
    // Each retry is signed afresh.
    let seen = replay.seen();
    assert!(
        seen[..4]
            .iter()
            .all(|s| s.headers.contains_key("x-amz-date"))
    );
}

#[tokio::test]
async fn lifecycle_policies_against_recorded_dlm_answers() {
    let replay = Replay::start().await;
    let id = "policy-0f1e2d3c4b5a69788";
    replay.answer(
        "GET /policies",
        200,
        &[],
        sample("dlm/GetLifecyclePolicies.json"),
    );
    replay.answer(
        &format!("GET /policies/{id}"),
        200,
        &[],
        sample("dlm/GetLifecyclePolicy.json"),
    );
    replay.answer(
        "POST /policies",
        200,
        &[],
        sample("dlm/CreateLifecyclePolicy.json"),
    );
    replay.answer(&format!("PATCH /policies/{id}"), 200, &[], b"{}".to_vec());
    replay.answer(&format!("DELETE /policies/{id}"), 200, &[], b"{}".to_vec());
    let missing = "policy-0000000000000000a";
    replay.answer(
        &format!("GET /policies/{missing}"),
        404,
        &[
            (
                "x-amzn-errortype",
                "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.dlm/",
            ),
            ("x-amzn-requestid", "dlm-404"),
        ],
        sample("dlm/error-ResourceNotFoundException.json"),
    );
    let dlm = replay.account().dlm("eu-central-1");

    let policies = dlm.policies().await.unwrap();
    assert_eq!(policies.len(), 2);
    assert_eq!(
        (policies[0].status(), policies[1].status()),
        ("ENABLED", "DISABLED")
    );

    let policy = dlm.policy(id).await.unwrap();
    let details = policy.policy_details.unwrap();
    assert_eq!(details.resource_types, vec![ResourceType::Volume]);
    let schedule = &details.schedules[0];
    assert_eq!(schedule.retain_rule.as_ref().unwrap().count, Some(7));
    let rule = schedule.create_rule.as_ref().unwrap();
    let created = policy.date_created.unwrap().to_datetime().unwrap();
    let next = rule.next_run(created).unwrap();
    assert_eq!((next.hour(), next.minute()), (2, 0));
    assert!(next > created && next - created <= time::Duration::days(1));

    let new = NewDailyPolicy {
        description: "Daily snapshots at 02:00 UTC".into(),
        execution_role_arn: default_role_arn("123456789012"),
        resource_type: ResourceType::Volume,
        target_tags: vec![DlmTag {
            key: "Backup".into(),
            value: "daily".into(),
        }],
        time_utc: "02:00".into(),
        retain_count: 7,
        copy_tags: true,
        tags_to_add: vec![Tag::new("Owner", "ops").into()],
        enabled: true,
    };
    assert_eq!(dlm.create_daily_policy(&new).await.unwrap(), id);
    dlm.set_enabled(id, false).await.unwrap();
    dlm.delete_policy(id).await.unwrap();

    let error = dlm.policy(missing).await.unwrap_err();
    assert_eq!(
        (error.kind, error.service),
        (ErrorKind::NotFound, Service::Dlm)
    );
    assert_eq!(error.message, "Policy policy-0000000000000000a not found");
    assert_eq!(error.request_id.as_deref(), Some("dlm-404"));
    let before = replay.seen().len();
    let refused = dlm.delete_policy("../../evil").await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Invalid);
    assert_eq!(replay.seen().len(), before, "nothing was sent");

    let seen = replay.seen();
    for request in &seen {
        let authorization = request.headers["authorization"].to_str().unwrap();
        assert!(
            authorization.contains("/eu-central-1/dlm/aws4_request"),
            "{authorization}"
        );
    }
    let create = seen.iter().find(|s| s.method == "POST").unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&create.body).unwrap(),
        new.body()
    );
    assert_eq!(create.headers["content-type"], "application/json");
    let patch = seen.iter().find(|s| s.method == "PATCH").unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&patch.body).unwrap(),
        json!({"State": "DISABLED"})
    );
    assert!(
        seen.iter()
            .any(|s| s.method == "DELETE" && s.path == format!("/policies/{id}"))
    );
}

/// STS and IAM (moto's answers): who the keys belong to and the account's alias, each request
/// signed for its own service, and IAM's refusal read as a permission error in its words.
#[tokio::test]
async fn identity_answers_name_the_caller_and_the_account() {
    let replay = Replay::start().await;
    replay.answer(
        "GetCallerIdentity",
        200,
        &[],
        sample("identity/GetCallerIdentity.xml"),
    );
    replay.answer(
        "ListAccountAliases",
        200,
        &[],
        sample("identity/ListAccountAliases.xml"),
    );
    let account = replay.account();
    let identity = account.caller_identity("eu-central-1").await.unwrap();
    assert_eq!(identity.account, "123456789012");
    assert_eq!(identity.arn, "arn:aws:iam::123456789012:user/operator");
    assert_eq!(identity.caller_name(), Some("operator"));
    assert_eq!(
        account.alias("eu-central-1").await.unwrap().as_deref(),
        Some("nubo-local")
    );
    let scopes: Vec<String> = replay
        .seen()
        .iter()
        .map(|seen| {
            let authorization = seen.headers["authorization"].to_str().unwrap();
            let version = seen.params.iter().find(|(k, _)| k == "Version").unwrap();
            let scope = authorization.split('/').skip(2).take(2).collect::<Vec<_>>();
            format!("{} {}", scope.join("/"), version.1)
        })
        .collect();
    // STS answers in the region asked; IAM is global and, on an endpoint of its own, signs
    // for the region given.
    assert_eq!(
        scopes,
        ["eu-central-1/sts 2011-06-15", "eu-central-1/iam 2010-05-08"]
    );

    replay.answer(
        "ListAccountAliases",
        403,
        &[],
        sample("identity/error-AccessDenied.xml"),
    );
    let error = account.alias("us-east-1").await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Forbidden);
    assert_eq!(error.service, Service::Iam);
    assert_eq!(error.code.as_deref(), Some("AccessDenied"));
    assert!(
        error
            .to_string()
            .starts_with("IAM: User: arn:aws:iam::123456789012:user/operator is not authorized to perform: iam:ListAccountAliases"),
        "{error}"
    );
}
