//! The AWS client against the local EC2 (moto, IAM enforcement on) through nubo's own proxy, as
//! the browser uses it: workflow 3 as the seeded `operator` (may snapshot, denied
//! `ec2:CreateVolume`) and `admin`. Ignored by a plain `cargo test`; `cargo xtask test` runs
//! them once the local cloud is up. moto has no DLM: aws_recorded.rs covers it.

use std::{process::Command, time::SystemTime};

use nubo_cloud::{
    ErrorKind, Resource,
    aws::{
        Account, Credentials, Ec2, Permission,
        ec2::{
            Filter, Instance, InstanceSnapshots, NewImage, NewSnapshot, NewVolume, Query,
            SnapshotCopy, Tag,
        },
        kms::EBS_DEFAULT_ALIAS,
        signing,
    },
    transport::{Http, Method, Request},
};
use nubo_proxy::workers::Workers;
use serde_json::Value;

mod local;
use local::unique;

struct Local {
    _proxy: Workers,
    logins: Value,
    proxy: nubo_cloud::transport::Proxy,
}

fn local() -> Local {
    let (workers, proxy) = local::proxy();
    Local {
        _proxy: workers,
        logins: local::logins("ec2-logins.json"),
        proxy,
    }
}

impl Local {
    fn credentials(&self, user: &str) -> Credentials {
        let keys = &self.logins["users"][user];
        Credentials::new(
            keys["aws_access_key_id"].as_str().unwrap(),
            keys["aws_secret_access_key"].as_str().unwrap(),
        )
    }

    fn endpoint(&self) -> &str {
        self.logins["endpoint_url"].as_str().unwrap()
    }

    fn account(&self, credentials: Credentials) -> Account {
        Account::new(Http::new(), self.proxy.clone(), credentials)
            .with_endpoint_url(self.endpoint())
    }

    fn ec2(&self, user: &str, region: &str) -> Ec2 {
        self.account(self.credentials(user)).ec2(region)
    }
}

async fn instance_named(ec2: &Ec2, name: &str) -> Instance {
    let mut found = ec2
        .instances(&Query::default().filter(Filter::new("tag:Name", [name])))
        .await
        .unwrap()
        .items;
    assert_eq!(found.len(), 1, "instance {name}");
    found.remove(0)
}

async fn volume_count(ec2: &Ec2) -> usize {
    ec2.volumes(&Query::default()).await.unwrap().items.len()
}

/// botocore, in the local cloud's moto environment, signs the same request; both signatures
/// must agree byte for byte.
#[tokio::test]
#[ignore = "needs the local cloud: cargo xtask cloud up"]
async fn our_signatures_match_botocores() {
    let local = local();
    let aws =
        std::fs::canonicalize(local::state_dir().join("bin/aws")).expect("the moto venv's aws");
    let python = aws.parent().unwrap().join("python");
    let url = format!("{}/", local.endpoint());
    let body = "Action=DescribeSnapshots&Version=2016-11-15&Owner.1=self&Filter.1.Name=tag%3AName&Filter.1.Value.1=web+server%2A";
    let credentials = local.credentials("operator");
    let script = r#"
import json, sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
url, body, key, secret, token, region = sys.argv[1:7]
request = AWSRequest(method="POST", url=url, data=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
SigV4Auth(Credentials(key, secret, token or None), "ec2", region).add_auth(request)
print(json.dumps({"date": request.headers["X-Amz-Date"], "authorization": request.headers["Authorization"]}))
"#;
    for token in ["", "FwoGZXIvYXdzEJr//////////wEaDBnubo-session-token"] {
        let output = Command::new(&python)
            .args([
                "-c",
                script,
                &url,
                body,
                &credentials.access_key_id,
                &credentials.secret_access_key,
                token,
                "eu-central-1",
            ])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let botocore: Value = serde_json::from_slice(&output.stdout).unwrap();
        let date = time::PrimitiveDateTime::parse(
            botocore["date"].as_str().unwrap(),
            time::macros::format_description!("[year][month][day]T[hour][minute][second]Z"),
        )
        .unwrap()
        .assume_utc();
        let mut request = Request::new(Method::Post, url.clone()).header(
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        );
        request.body = Some(body.as_bytes().to_vec());
        let mut ours = credentials.clone();
        if !token.is_empty() {
            ours = ours.with_session_token(token);
        }
        signing::sign(
            &mut request,
            &ours,
            "eu-central-1",
            "ec2",
            SystemTime::from(date),
        )
        .unwrap();
        let authorization = &request
            .headers
            .iter()
            .find(|(n, _)| *n == "authorization")
            .unwrap()
            .1;
        assert_eq!(authorization, botocore["authorization"].as_str().unwrap());
    }
}

#[tokio::test]
#[ignore = "needs the local cloud: cargo xtask cloud up"]
async fn signed_calls_pass_and_a_wrong_secret_is_rejected_plainly() {
    let local = local();
    let ec2 = local.ec2("operator", "us-east-1");
    let regions = ec2.regions().await.unwrap();
    assert!(
        regions.iter().any(|r| r.name == "eu-central-1"),
        "{regions:?}"
    );
    let zones = ec2.availability_zones().await.unwrap();
    assert!(
        zones.iter().all(|z| z.name.starts_with("us-east-1")),
        "{zones:?}"
    );
    // Regions hold their own resources.
    let eu = local.ec2("operator", "eu-central-1");
    let eu_volumes = eu.volumes(&Query::default()).await.unwrap().items;
    assert!(eu_volumes.iter().any(|v| v.name() == "eu-app-data-1"));
    assert!(!eu_volumes.iter().any(|v| v.name() == "web-server-data-1"));

    let mut wrong = local.credentials("operator");
    wrong.secret_access_key = "not-the-secret".into();
    let error = local
        .account(wrong)
        .ec2("us-east-1")
        .volumes(&Query::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unauthenticated);
    assert_eq!(error.code.as_deref(), Some("AuthFailure"));
    assert_eq!(error.status, Some(401));
    assert!(error.message.contains("not able to validate"), "{error}");

    // Temporary keys past their known expiry send nothing: no answer, so no status.
    let past = local
        .credentials("operator")
        .with_expiry(time::OffsetDateTime::now_utc() - time::Duration::minutes(1));
    let error = local
        .account(past)
        .ec2("us-east-1")
        .volumes(&Query::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Expired, "{error}");
    assert_eq!(error.status, None);
    assert!(error.message.contains("expired at"), "{error}");
}

/// Who the keys belong to: the account id and caller from STS, the alias from IAM where the
/// policy allows reading it (the seeded operator may not).
#[tokio::test]
#[ignore = "needs the local cloud: cargo xtask cloud up"]
async fn the_keys_name_their_account_and_caller() {
    let local = local();
    let admin = local.account(local.credentials("admin"));
    let identity = admin.caller_identity("eu-central-1").await.unwrap();
    assert_eq!(identity.account, "123456789012");
    assert_eq!(identity.caller_name(), Some("admin"), "{identity:?}");
    assert_eq!(
        admin.alias("us-east-1").await.unwrap().as_deref(),
        Some("nubo-local")
    );

    let operator = local.account(local.credentials("operator"));
    let identity = operator.caller_identity("us-east-1").await.unwrap();
    assert_eq!(identity.caller_name(), Some("operator"), "{identity:?}");
    let error = operator.alias("us-east-1").await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Forbidden, "{error}");
    assert_eq!(error.service, nubo_cloud::Service::Iam);
    assert!(
        error.to_string().contains("iam:ListAccountAliases"),
        "{error}"
    );
}

/// Workflow 3: a volume snapshot with Name and Owner tags, then the restore that IAM denies the
/// operator and allows the admin.
#[tokio::test]
#[ignore = "needs the local cloud: cargo xtask cloud up"]
async fn snapshot_with_name_and_owner_then_restore_only_where_allowed() {
    let local = local();
    let (operator, admin) = (
        local.ec2("operator", "us-east-1"),
        local.ec2("admin", "us-east-1"),
    );
    let volume = operator
        .volumes(&Query::default().filter(Filter::new("tag:Name", ["db-server-data-1"])))
        .await
        .unwrap()
        .items
        .remove(0);
    let name = unique("ebs");
    let snapshot = operator
        .create_snapshot(&NewSnapshot {
            volume_id: volume.id.clone(),
            description: Some("before the upgrade".into()),
            tags: vec![Tag::new("Name", &name), Tag::new("Owner", "operator")],
        })
        .await
        .unwrap();
    let listed = operator
        .snapshots(&Query::default().filter(Filter::new("tag:Name", [name.as_str()])))
        .await
        .unwrap()
        .items;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, snapshot.id);
    assert_eq!(listed[0].tag("Owner"), Some("operator"));
    assert_eq!(listed[0].description.as_deref(), Some("before the upgrade"));
    assert_eq!(listed[0].volume_size, volume.size);

    let restore = NewVolume {
        availability_zone: "us-east-1a".into(),
        snapshot_id: Some(snapshot.id.clone()),
        volume_type: Some("gp3".into()),
        tags: vec![Tag::new("Name", format!("{name}-restored"))],
        ..NewVolume::default()
    };
    let before = volume_count(&admin).await;
    match operator.may_create_volume(&restore).await.unwrap() {
        Permission::Denied(error) => {
            assert_eq!(error.kind, ErrorKind::Forbidden);
            assert!(error.message.contains("ec2:CreateVolume"), "{error}");
        }
        Permission::Allowed => panic!("the operator may not restore"),
    }
    let denied = operator.create_volume(&restore).await.unwrap_err();
    assert_eq!(denied.kind, ErrorKind::Forbidden);
    assert_eq!(volume_count(&admin).await, before, "nothing was created");

    assert_eq!(
        admin.may_create_volume(&restore).await.unwrap(),
        Permission::Allowed
    );
    assert_eq!(
        volume_count(&admin).await,
        before,
        "a dry run creates nothing"
    );
    let restored = admin.create_volume(&restore).await.unwrap();
    assert_eq!(restored.snapshot_id.as_deref(), Some(snapshot.id.as_str()));
    assert_eq!(restored.size, volume.size);
    assert_eq!(restored.name(), format!("{name}-restored"));
    admin.delete_volume(&restored.id).await.unwrap();

    // The operator may not delete either; the admin may, once.
    let kept = operator.delete_snapshot(&snapshot.id).await.unwrap_err();
    assert_eq!(kept.kind, ErrorKind::Forbidden);
    admin.delete_snapshot(&snapshot.id).await.unwrap();
    let again = admin.delete_snapshot(&snapshot.id).await.unwrap_err();
    assert_eq!(again.kind, ErrorKind::NotFound);
}

#[tokio::test]
#[ignore = "needs the local cloud: cargo xtask cloud up"]
async fn every_volume_of_an_instance_at_once() {
    let local = local();
    let (operator, admin) = (
        local.ec2("operator", "us-east-1"),
        local.ec2("admin", "us-east-1"),
    );
    let web = instance_named(&operator, "web-server").await;
    let attached = web.volume_ids().count();
    assert!(attached >= 3, "root and two data volumes: {web:?}");
    let tag = unique("all");
    let spec = InstanceSnapshots {
        instance_id: web.id.clone(),
        description: Some("every volume".into()),
        exclude_boot_volume: true,
        copy_tags_from_volume: true,
        tags: vec![Tag::new("Batch", &tag)],
    };
    let data_only = operator.create_snapshots(&spec).await.unwrap();
    assert_eq!(data_only.len(), attached - 1);
    let everything = operator
        .create_snapshots(&InstanceSnapshots {
            exclude_boot_volume: false,
            ..spec
        })
        .await
        .unwrap();
    assert_eq!(everything.len(), attached);
    let batch = admin
        .snapshots(&Query::default().filter(Filter::new("tag:Batch", [tag.as_str()])))
        .await
        .unwrap()
        .items;
    assert_eq!(batch.len(), 2 * attached - 1);
    for snapshot in data_only.iter().chain(&everything) {
        assert!(
            web.volume_ids()
                .any(|v| Some(v) == snapshot.volume_id.as_deref())
        );
        admin.delete_snapshot(&snapshot.id).await.unwrap();
    }
}

#[tokio::test]
#[ignore = "needs the local cloud: cargo xtask cloud up"]
async fn copies_tags_images_and_instance_power() {
    let local = local();
    let admin = local.ec2("admin", "us-east-1");
    let eu = local.ec2("admin", "eu-central-1");
    let operator = local.ec2("operator", "us-east-1");
    let db = instance_named(&operator, "db-server").await;

    // Tags edited in place.
    let snapshot = admin
        .snapshots(&Query::default().filter(Filter::new("tag:Name", ["db-server-data-1-nightly"])))
        .await
        .unwrap()
        .items
        .remove(0);
    admin
        .create_tags(&[&snapshot.id], &[Tag::new("Team", "db")])
        .await
        .unwrap();
    let tagged = admin
        .snapshots(&Query::ids([snapshot.id.as_str()]))
        .await
        .unwrap()
        .items;
    assert_eq!(tagged[0].tag("Team"), Some("db"));
    admin.delete_tags(&[&snapshot.id], &["Team"]).await.unwrap();
    let untagged = admin
        .snapshots(&Query::ids([snapshot.id.as_str()]))
        .await
        .unwrap()
        .items;
    assert_eq!(untagged[0].tag("Team"), None);

    // A copy in another region, asked of that region.
    let copy = eu
        .copy_snapshot(&SnapshotCopy {
            source_region: "us-east-1".into(),
            source_snapshot_id: snapshot.id.clone(),
            description: Some("disaster recovery copy".into()),
            tags: vec![Tag::new("Name", "db-dr-copy")],
            ..SnapshotCopy::default()
        })
        .await
        .unwrap();
    let copied = eu
        .snapshots(&Query::ids([copy.as_str()]))
        .await
        .unwrap()
        .items;
    assert_eq!(copied[0].name(), "db-dr-copy");
    let elsewhere = admin
        .snapshots(&Query::ids([copy.as_str()]))
        .await
        .unwrap_err();
    assert_eq!(elsewhere.kind, ErrorKind::NotFound);
    eu.delete_snapshot(&copy).await.unwrap();

    // An AMI of the instance, by the operator; deregistered by the admin with its snapshots.
    let name = unique("ami");
    let image = operator
        .create_image(&NewImage {
            instance_id: db.id.clone(),
            name: name.clone(),
            description: Some("exact copy".into()),
            no_reboot: true,
            tags: vec![Tag::new("Name", &name)],
            // moto 5.2 answers HTTP 500 (NotImplementedError) to snapshot tags on CreateImage.
            snapshot_tags: vec![],
        })
        .await
        .unwrap();
    let images = operator
        .images(&Query::ids([image.as_str()]))
        .await
        .unwrap()
        .items;
    assert_eq!(images[0].name.as_deref(), Some(name.as_str()));
    assert_eq!(images[0].status(), "available");
    let behind: Vec<String> = images[0].snapshot_ids().map(str::to_owned).collect();
    assert!(!behind.is_empty());
    admin.deregister_image(&image, false).await.unwrap();
    for id in &behind {
        admin.delete_snapshot(id).await.unwrap();
    }
    assert!(
        admin
            .images(&Query::default())
            .await
            .unwrap()
            .items
            .iter()
            .all(|i| i.id != image)
    );

    // Stop and start, as the operator.
    let stopping = operator.stop_instances(&[&db.id]).await.unwrap();
    assert_eq!(stopping[0].instance_id, db.id);
    assert_eq!(
        instance_named(&operator, "db-server").await.status(),
        "stopped"
    );
    operator.start_instances(&[&db.id]).await.unwrap();
    assert_eq!(
        instance_named(&operator, "db-server").await.status(),
        "running"
    );
}

/// Copy to region of an encrypted snapshot, with a key of the destination found by its alias:
/// the copy is encrypted with that key. (moto does not check the presigned URL the copy
/// carries; `an_encrypted_copy_carries_the_presigned_url_botocore_makes` does.)
#[tokio::test]
#[ignore = "needs the local cloud: cargo xtask cloud up"]
async fn an_encrypted_snapshot_is_copied_with_a_key_of_the_destination() {
    let local = local();
    let us = local.ec2("admin", "us-east-1");
    let eu = local.ec2("admin", "eu-central-1");
    let aliases = local
        .account(local.credentials("admin"))
        .kms("eu-central-1")
        .aliases()
        .await
        .unwrap();
    let ebs = aliases
        .iter()
        .find(|a| a.alias_name == EBS_DEFAULT_ALIAS)
        .expect("EBS's default key in eu-central-1");
    assert!(!ebs.is_customer_key());
    let key = ebs.target_key_id.clone().unwrap();

    let name = unique("vault");
    let volume = us
        .create_volume(&NewVolume {
            availability_zone: "us-east-1a".into(),
            size: Some(1),
            encrypted: true,
            tags: vec![Tag::new("Name", &name)],
            ..NewVolume::default()
        })
        .await
        .unwrap();
    assert_eq!(volume.encrypted, Some(true));
    let snapshot = us
        .create_snapshot(&NewSnapshot {
            volume_id: volume.id.clone(),
            tags: vec![Tag::new("Name", &name)],
            ..NewSnapshot::default()
        })
        .await
        .unwrap();
    assert_eq!(snapshot.encrypted, Some(true));
    let copy = eu
        .copy_snapshot(&SnapshotCopy {
            source_region: "us-east-1".into(),
            source_snapshot_id: snapshot.id.clone(),
            encrypted: true,
            kms_key_id: Some(key.clone()),
            tags: vec![Tag::new("Name", &name)],
            ..SnapshotCopy::default()
        })
        .await
        .unwrap();
    let copied = eu
        .snapshots(&Query::ids([copy.as_str()]))
        .await
        .unwrap()
        .items;
    assert_eq!(copied[0].encrypted, Some(true));
    assert_eq!(copied[0].kms_key_id.as_deref(), Some(key.as_str()));

    eu.delete_snapshot(&copy).await.unwrap();
    us.delete_snapshot(&snapshot.id).await.unwrap();
    us.delete_volume(&volume.id).await.unwrap();
}
