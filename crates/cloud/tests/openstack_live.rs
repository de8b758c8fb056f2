//! The OpenStack client against the local cloud of real services (`cargo xtask cloud up`),
//! through nubo's own proxy, as the browser uses it. Ignored by a plain `cargo test`;
//! `cargo xtask test` runs them once the cloud is up.

use std::{collections::BTreeMap, future::Future, time::Duration};

use nubo_cloud::{
    CloudError, ErrorKind, Service,
    openstack::{
        Cloud, Credentials, Page, ProjectScope, Query, Resource, Session,
        cinder::{
            Cinder, Kind, NewBackup, NewSnapshot, Renamed, RestoreTarget, Snapshot,
            VolumeFromImage, VolumeFromSnapshot,
        },
        nova::{Boot, Networks, NewServer, Server},
        paging::all_pages,
    },
    transport::Http,
};
use nubo_proxy::workers::Workers;
use serde_json::Value;

mod local;
use local::unique;

struct Local {
    _proxy: Workers,
    cloud: Cloud,
    logins: Value,
}

/// The seeded logins, and a proxy allowing exactly the local cloud's endpoints.
fn local() -> Local {
    let logins = local::logins("openstack-logins.json");
    let (proxy, prefix) = local::proxy();
    let cloud = Cloud::new(Http::new(), prefix, logins["auth_url"].as_str().unwrap());
    Local {
        _proxy: proxy,
        cloud,
        logins,
    }
}

impl Local {
    fn password(&self, who: &str, project: &str) -> Credentials {
        let login = &self.logins[who];
        Credentials::Password {
            user: login["username"].as_str().unwrap().into(),
            user_domain: "Default".into(),
            password: login["password"].as_str().unwrap().into(),
            project: ProjectScope::Name {
                name: project.into(),
                domain: "Default".into(),
            },
        }
    }

    async fn demo(&self) -> Session {
        self.cloud
            .login(&self.password("demo", "demo"), Some("RegionOne"))
            .await
            .unwrap()
    }
}

/// The one item a name filter finds.
fn only<T>(found: Result<Page<T>, CloudError>, what: &str) -> T {
    let mut items = found.unwrap_or_else(|e| panic!("{what}: {e}")).items;
    assert_eq!(items.len(), 1, "{what}: expected exactly one");
    items.remove(0)
}

/// Takes a volume snapshot and waits until it is available; returns its id and the snapshot.
async fn available_snapshot(cinder: &Cinder<'_>, snapshot: &NewSnapshot) -> (String, Snapshot) {
    let id = cinder.create_snapshot(snapshot).await.unwrap();
    let ready = wait_until("volume snapshot", || cinder.snapshot(&id), &["available"]).await;
    (id, ready)
}

/// Polls until the status of what `fetch` returns is one of `wanted`; fails on error states or
/// after two minutes.
async fn wait_until<T, F, Fut>(what: &str, mut fetch: F, wanted: &[&str]) -> T
where
    T: Resource,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, CloudError>>,
{
    let mut seen = Vec::new();
    for _ in 0..240 {
        let current = fetch().await.unwrap_or_else(|e| panic!("{what}: {e}"));
        let now = current.status().to_owned();
        if seen.last() != Some(&now) {
            seen.push(now.clone());
        }
        if wanted.contains(&now.as_str()) {
            return current;
        }
        assert!(
            !now.contains("error") && now != "killed",
            "{what} went to {now} (states seen: {seen:?})"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("{what} never reached {wanted:?} (states seen: {seen:?})");
}

async fn wait_gone<T, F, Fut>(what: &str, mut fetch: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, CloudError>>,
{
    for _ in 0..240 {
        match fetch().await {
            Err(e) if e.kind == ErrorKind::NotFound => return,
            Err(e) => panic!("{what}: {e}"),
            Ok(_) => tokio::time::sleep(Duration::from_millis(500)).await,
        }
    }
    panic!("{what} was never deleted");
}

#[tokio::test]
#[ignore = "needs the local cloud; `cargo xtask test` runs it"]
async fn password_login_projects_regions_and_rescoping() {
    let local = local();
    let demo = local.demo().await;
    assert_eq!(demo.user().name, "demo");
    assert_eq!(demo.project().unwrap().name, "demo");
    assert_eq!(demo.regions(), ["RegionOne", "RegionTwo"]);
    assert!(demo.expires_at() > time::OffsetDateTime::now_utc());

    let mut projects: Vec<String> = demo
        .projects()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    projects.sort();
    assert_eq!(projects, ["demo", "staging"]);

    let staging_id = demo
        .projects()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == "staging")
        .unwrap()
        .id;
    let staging = demo.rescope(&staging_id).await.unwrap();
    assert_eq!(staging.project().unwrap().name, "staging");
    assert_eq!(staging.region(), "RegionOne");
    let names = |page: Page<Server>| page.items.into_iter().map(|s| s.name).collect::<Vec<_>>();
    assert_eq!(
        names(staging.nova().servers(&Query::new()).await.unwrap()),
        ["stage-app-1"]
    );

    // RegionTwo: its own Glance and Cinder, no Nova.
    let r2 = demo.with_region("RegionTwo").unwrap();
    let volumes = r2.cinder().volumes(&Query::new()).await.unwrap();
    assert!(
        volumes
            .items
            .iter()
            .any(|v| v.name.as_deref() == Some("r2-data"))
    );
    assert!(
        !volumes
            .items
            .iter()
            .any(|v| v.name.as_deref() == Some("archive"))
    );
    let images = r2.glance().images(&Query::new()).await.unwrap();
    assert!(
        images
            .items
            .iter()
            .any(|i| i.name.as_deref() == Some("r2-golden"))
    );
    let no_nova = r2.nova().servers(&Query::new()).await.unwrap_err();
    assert_eq!(no_nova.kind, ErrorKind::NotFound);
    assert!(no_nova.message.contains("no Nova endpoint"), "{no_nova}");
    assert_eq!(
        demo.with_region("Atlantis").unwrap_err().kind,
        ErrorKind::NotFound
    );

    // Wrong password: Keystone's own words, and not mistaken for an expired session.
    let wrong = Credentials::Password {
        user: "demo".into(),
        user_domain: "Default".into(),
        password: "not-the-password".into(),
        project: ProjectScope::Id(staging_id),
    };
    let refused = local.cloud.login(&wrong, None).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Unauthenticated);
    assert_eq!(refused.service, Service::Keystone);
    assert_eq!(refused.status, Some(401));
    assert!(refused.message.contains("authentication"), "{refused}");
}

#[tokio::test]
#[ignore = "needs the local cloud; `cargo xtask test` runs it"]
async fn a_password_login_without_a_project_opens_one_of_the_users() {
    let local = local();
    let unnamed = |preferred: Option<&str>| {
        let Credentials::Password {
            user,
            user_domain,
            password,
            ..
        } = local.password("demo", "demo")
        else {
            unreachable!()
        };
        Credentials::Password {
            user,
            user_domain,
            password,
            project: ProjectScope::Unnamed {
                preferred: preferred.map(str::to_owned),
            },
        }
    };
    // The last project used on this device, when the user still has it.
    let staging = local
        .cloud
        .login(&unnamed(Some("staging")), None)
        .await
        .unwrap();
    assert_eq!(staging.project().unwrap().name, "staging");
    // Else one of the user's projects: demo's are demo and staging.
    for preferred in [None, Some("gone")] {
        let session = local.cloud.login(&unnamed(preferred), None).await.unwrap();
        let name = session.project().unwrap().name.clone();
        assert!(["demo", "staging"].contains(&name.as_str()), "{name}");
        assert!(session.nova().servers(&Query::new()).await.is_ok());
    }
}

#[tokio::test]
#[ignore = "needs the local cloud; `cargo xtask test` runs it"]
async fn application_credentials_by_id_and_by_name() {
    let local = local();
    let credential = &local.logins["application_credential"];
    let secret = credential["secret"].as_str().unwrap().to_owned();
    let by_id = Credentials::ApplicationCredential {
        id: credential["id"].as_str().unwrap().into(),
        secret: secret.clone(),
    };
    let by_name = Credentials::NamedApplicationCredential {
        name: credential["name"].as_str().unwrap().into(),
        user: "demo".into(),
        user_domain: "Default".into(),
        secret,
    };
    for credentials in [by_id, by_name] {
        let session = local.cloud.login(&credentials, None).await.unwrap();
        assert_eq!(session.project().unwrap().name, "demo");
        let servers = session.nova().servers(&Query::new()).await.unwrap();
        let names: Vec<&str> = servers.items.iter().map(|s| s.name.as_str()).collect();
        for seeded in ["web-1", "web-2", "db-1"] {
            assert!(names.contains(&seeded), "{names:?}");
        }
    }
}

#[tokio::test]
#[ignore = "needs the local cloud; `cargo xtask test` runs it"]
async fn servers_page_filter_and_flavors() {
    let local = local();
    let demo = local.demo().await;
    let nova = demo.nova();
    assert!(
        demo.microversion(Service::Nova)
            .await
            .unwrap()
            .unwrap()
            .minor
            >= 45
    );

    let mut marker = None;
    let mut paged = Vec::new();
    loop {
        let mut query = Query::new().limit(1);
        if let Some(m) = marker.take() {
            query = query.marker(m);
        }
        let page = nova.servers(&query).await.unwrap();
        assert!(page.items.len() <= 1);
        paged.extend(page.items.into_iter().map(|s| s.name));
        match page.next_marker {
            Some(next) => marker = Some(next),
            None => break,
        }
        assert!(paged.len() < 100, "paging does not end");
    }
    for seeded in ["web-1", "web-2", "db-1"] {
        assert!(paged.iter().any(|n| n == seeded), "{paged:?}");
    }

    // Glance and Cinder page too, one item at a time.
    let session = &demo;
    let images = all_pages(
        Service::Glance,
        &Query::new().limit(1),
        100,
        |q| async move { session.glance().images(&q).await },
    )
    .await
    .unwrap();
    for seeded in ["cirros-fake", "web-1-snap", "golden-protected"] {
        assert!(
            images.iter().any(|i| i.name.as_deref() == Some(seeded)),
            "{seeded}"
        );
    }
    let volumes = all_pages(
        Service::Cinder,
        &Query::new().limit(1),
        100,
        |q| async move { session.cinder().volumes(&q).await },
    )
    .await
    .unwrap();
    for seeded in ["db-data", "archive"] {
        assert!(
            volumes.iter().any(|v| v.name.as_deref() == Some(seeded)),
            "{seeded}"
        );
    }

    let stopped = nova
        .servers(&Query::new().filter("status", "SHUTOFF"))
        .await
        .unwrap();
    assert!(stopped.items.iter().all(|s| s.status == "SHUTOFF"));
    assert!(stopped.items.iter().any(|s| s.name == "web-2"));
    let db = only(
        nova.servers(&Query::new().filter("name", "^db-1$")).await,
        "db-1",
    );
    let shown = nova.server(&db.id).await.unwrap();
    assert_eq!(shown.name, "db-1");
    assert_eq!(shown.volumes_attached.len(), 1, "db-data is attached");

    let flavors = nova.flavors().await.unwrap();
    assert!(flavors.iter().any(|f| f.name == "m1.tiny" && f.ram == 512));
    let again = nova.flavors().await.unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&flavors, &again),
        "flavors are cached per session"
    );

    let missing = nova.server("no-such-server").await.unwrap_err();
    assert_eq!(missing.kind, ErrorKind::NotFound);
    assert_eq!(missing.service, Service::Nova);
    assert!(missing.request_id.is_some(), "{missing:?}");
}

#[tokio::test]
#[ignore = "needs the local cloud; `cargo xtask test` runs it"]
async fn instance_snapshot_copy_rebuild_and_delete() {
    let local = local();
    let demo = local.demo().await;
    let (nova, glance) = (demo.nova(), demo.glance());
    let web1 = only(
        nova.servers(&Query::new().filter("name", "^web-1$")).await,
        "web-1",
    );

    // Workflow 1: snapshot, followed until active, found among the snapshots.
    let name = unique("snap");
    let metadata = BTreeMap::from([("nubo_test".to_owned(), "yes".to_owned())]);
    let image_id = nova.create_image(&web1.id, &name, &metadata).await.unwrap();
    let image = wait_until("instance snapshot", || glance.image(&image_id), &["active"]).await;
    assert_eq!(image.name.as_deref(), Some(name.as_str()));
    assert!(image.is_snapshot(), "{image:?}");
    assert_eq!(image.instance_uuid.as_deref(), Some(web1.id.as_str()));
    let snapshots = glance
        .snapshots(&Query::new().filter("instance_uuid", web1.id.clone()))
        .await
        .unwrap();
    assert!(snapshots.items.iter().any(|i| i.id == image_id));
    assert!(snapshots.items.iter().all(|i| i.is_snapshot()));

    // An exact copy from the snapshot.
    let tiny = nova
        .flavors()
        .await
        .unwrap()
        .iter()
        .find(|f| f.name == "m1.tiny")
        .unwrap()
        .id
        .clone();
    let copy_id = nova
        .create_server(&NewServer {
            name: unique("copy"),
            boot: Boot::Image(image_id.clone()),
            flavor_id: tiny,
            networks: Networks::None,
            availability_zone: None,
            key_name: None,
            security_groups: Vec::new(),
        })
        .await
        .unwrap();
    let copy = wait_until("copy", || nova.server(&copy_id), &["ACTIVE"]).await;
    assert_eq!(copy.image.unwrap().id, image_id);

    // Restore: rebuild the copy from the snapshot; stop and start it.
    nova.rebuild(&copy_id, &image_id).await.unwrap();
    wait_until("rebuild", || nova.server(&copy_id), &["ACTIVE"]).await;
    nova.stop(&copy_id).await.unwrap();
    wait_until("stop", || nova.server(&copy_id), &["SHUTOFF"]).await;
    let conflict = nova.stop(&copy_id).await.unwrap_err();
    assert_eq!(conflict.kind, ErrorKind::Conflict, "{conflict}");
    assert!(conflict.message.contains("vm_state stopped"), "{conflict}");
    nova.start(&copy_id).await.unwrap();
    wait_until("start", || nova.server(&copy_id), &["ACTIVE"]).await;
    nova.delete_server(&copy_id).await.unwrap();
    wait_gone("copy", || nova.server(&copy_id)).await;

    // Images → Delete Image.
    glance.delete_image(&image_id).await.unwrap();
    let gone = glance.image(&image_id).await.unwrap_err();
    assert_eq!(gone.kind, ErrorKind::NotFound);
}

/// What an exact copy of app-1 is made of, as the launch form reads it.
#[tokio::test]
#[ignore = "needs the local cloud; `cargo xtask test` runs it"]
async fn key_pairs_zones_and_security_groups_of_an_exact_copy() {
    let local = local();
    let demo = local.demo().await;
    let app = only(
        demo.nova()
            .servers(&Query::new().filter("name", "^app-1$"))
            .await,
        "app-1",
    );
    assert_eq!(app.key_name.as_deref(), Some("demo-key"));
    assert_eq!(app.availability_zone.as_deref(), Some("nova"));
    let mut groups: Vec<_> = app
        .security_groups
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    groups.sort_unstable();
    assert_eq!(groups, ["default", "web"]);
    assert!(
        app.addresses.contains_key("demo-net"),
        "{:?}",
        app.addresses
    );
    let keys = demo.nova().key_pairs().await.unwrap();
    assert!(keys.iter().any(|k| k.name == "demo-key"), "{keys:?}");
    assert_eq!(demo.nova().zones().await.unwrap(), ["nova"]);
    let groups = demo.neutron().security_groups().await.unwrap();
    assert!(groups.iter().any(|g| g.name == "web"), "{groups:?}");
    let networks = demo.neutron().networks(&Query::new()).await.unwrap();
    assert!(
        networks.iter().any(|n| n.name == "demo-net"),
        "{networks:?}"
    );
}

#[tokio::test]
#[ignore = "needs the local cloud; `cargo xtask test` runs it"]
async fn protected_images_are_refused_in_glances_words() {
    let local = local();
    let demo = local.demo().await;
    let protected = only(
        demo.glance()
            .images(&Query::new().filter("name", "golden-protected"))
            .await,
        "golden-protected",
    );
    assert!(protected.protected);
    let refused = demo.glance().delete_image(&protected.id).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Forbidden);
    assert_eq!(refused.service, Service::Glance);
    assert_eq!(refused.status, Some(403));
    assert!(
        refused
            .message
            .contains("is protected and cannot be deleted"),
        "{refused}"
    );
    assert!(demo.glance().image(&protected.id).await.is_ok());
}

#[tokio::test]
#[ignore = "needs the local cloud; `cargo xtask test` runs it"]
async fn volume_snapshot_backup_restore_and_clone() {
    let local = local();
    let demo = local.demo().await;
    let cinder = demo.cinder();
    assert!(demo.microversion(Service::Cinder).await.unwrap().is_some());
    let archive = only(
        cinder
            .volumes(&Query::new().filter("name", "archive"))
            .await,
        "archive",
    );
    let db_data = only(
        cinder
            .volumes(&Query::new().filter("name", "db-data"))
            .await,
        "db-data",
    );
    assert_eq!(db_data.status, "in-use");
    assert!(!db_data.attachments.is_empty());

    let (snapshot_id, snapshot) = available_snapshot(
        &cinder,
        &NewSnapshot {
            volume_id: archive.id.clone(),
            name: unique("vsnap"),
            description: Some("made by nubo's tests".into()),
            force: false,
        },
    )
    .await;
    assert_eq!(snapshot.volume_id, archive.id);

    // Workflow 2: a backup of the snapshot, creating → available.
    let backup_id = cinder
        .create_backup(&NewBackup {
            volume_id: archive.id.clone(),
            snapshot_id: Some(snapshot_id.clone()),
            name: unique("backup"),
            description: Some("from nubo's tests".into()),
            container: None,
            incremental: false,
            force: false,
        })
        .await
        .unwrap();
    let first = cinder.backup(&backup_id).await.unwrap();
    assert_eq!(first.status, "creating");
    let backup = wait_until("backup", || cinder.backup(&backup_id), &["available"]).await;
    assert_eq!(backup.snapshot_id.as_deref(), Some(snapshot_id.as_str()));
    assert!(
        cinder
            .backups(&Query::new())
            .await
            .unwrap()
            .items
            .iter()
            .any(|b| b.id == backup_id)
    );

    // Restore to a new volume, then over that same volume.
    let restored = cinder
        .restore_backup(
            &backup_id,
            &RestoreTarget::NewVolume {
                name: unique("restored"),
            },
        )
        .await
        .unwrap();
    assert_eq!(restored.backup_id, backup_id);
    wait_until(
        "restored volume",
        || cinder.volume(&restored.volume_id),
        &["available"],
    )
    .await;
    let again = cinder
        .restore_backup(
            &backup_id,
            &RestoreTarget::Existing {
                volume_id: restored.volume_id.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(again.volume_id, restored.volume_id);
    wait_until(
        "restore over an existing volume",
        || cinder.volume(&restored.volume_id),
        &["available"],
    )
    .await;

    // A new volume from the snapshot.
    let clone_id = cinder
        .create_volume_from_snapshot(&VolumeFromSnapshot {
            snapshot_id: snapshot_id.clone(),
            name: unique("from-snap"),
            size: None,
            description: None,
        })
        .await
        .unwrap();
    let clone = wait_until(
        "volume from snapshot",
        || cinder.volume(&clone_id),
        &["available"],
    )
    .await;
    assert_eq!(clone.snapshot_id.as_deref(), Some(snapshot_id.as_str()));
    assert_eq!(clone.size, snapshot.size);

    let limits = cinder.limits().await.unwrap();
    let (used, _) = limits.usage("Volumes").unwrap();
    assert!(used >= 3, "{limits:?}");

    // Clean up, each delete followed to the end.
    cinder.delete_volume(&clone_id).await.unwrap();
    cinder.delete_volume(&restored.volume_id).await.unwrap();
    cinder.delete_backup(&backup_id).await.unwrap();
    wait_gone("backup", || cinder.backup(&backup_id)).await;
    cinder.delete_snapshot(&snapshot_id).await.unwrap();
    wait_gone("snapshot", || cinder.snapshot(&snapshot_id)).await;
    wait_gone("clone", || cinder.volume(&clone_id)).await;
}

#[tokio::test]
#[ignore = "needs the local cloud; `cargo xtask test` runs it"]
async fn volume_from_an_image_extended_renamed_and_backed_up_while_in_use() {
    let local = local();
    let demo = local.demo().await;
    let cinder = demo.cinder();
    let image = only(
        demo.glance()
            .images(&Query::new().filter("name", "cirros-fake"))
            .await,
        "cirros-fake",
    );
    let volume_id = cinder
        .create_volume_from_image(&VolumeFromImage {
            image_id: image.id.clone(),
            name: unique("from-image"),
            size: 1,
            description: Some("made by nubo's tests".into()),
            availability_zone: None,
        })
        .await
        .unwrap();
    let volume = wait_until(
        "volume from image",
        || cinder.volume(&volume_id),
        &["available"],
    )
    .await;
    assert_eq!(volume.bootable.as_deref(), Some("true"), "{volume:?}");
    assert_eq!(volume.size, 1);

    // Cinder only grows volumes, in its own words.
    let refused = cinder.extend_volume(&volume_id, 1).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Invalid, "{refused}");
    assert!(refused.to_string().starts_with("Cinder: "), "{refused}");
    cinder.extend_volume(&volume_id, 2).await.unwrap();
    let grown = wait_until(
        "extended volume",
        || cinder.volume(&volume_id),
        &["available"],
    )
    .await;
    assert_eq!(grown.size, 2);

    let renamed = Renamed {
        name: unique("renamed"),
        description: "renamed by nubo's tests".into(),
    };
    cinder
        .rename(Kind::Volume, &volume_id, &renamed)
        .await
        .unwrap();
    let read = cinder.volume(&volume_id).await.unwrap();
    assert_eq!(read.name.as_deref(), Some(renamed.name.as_str()));
    assert_eq!(
        read.description.as_deref(),
        Some(renamed.description.as_str())
    );

    // db-data is attached to db-1: Cinder backs it up only when forced.
    let db_data = only(
        cinder
            .volumes(&Query::new().filter("name", "db-data"))
            .await,
        "db-data",
    );
    let unforced = NewBackup {
        volume_id: db_data.id.clone(),
        name: unique("in-use"),
        ..NewBackup::default()
    };
    let refused = cinder.create_backup(&unforced).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Invalid, "{refused}");
    let backup_id = cinder
        .create_backup(&NewBackup {
            force: true,
            ..unforced
        })
        .await
        .unwrap();
    wait_until(
        "forced backup",
        || cinder.backup(&backup_id),
        &["available"],
    )
    .await;
    let renamed = Renamed {
        name: unique("backup-renamed"),
        description: String::new(),
    };
    cinder
        .rename(Kind::Backup, &backup_id, &renamed)
        .await
        .unwrap();
    let backup = cinder.backup(&backup_id).await.unwrap();
    assert_eq!(backup.name.as_deref(), Some(renamed.name.as_str()));

    cinder.delete_backup(&backup_id).await.unwrap();
    wait_gone("backup", || cinder.backup(&backup_id)).await;
    cinder.delete_volume(&volume_id).await.unwrap();
    wait_gone("volume", || cinder.volume(&volume_id)).await;
}

#[tokio::test]
#[ignore = "needs the local cloud; `cargo xtask test` runs it"]
async fn backup_of_a_snapshot_that_is_not_available_keeps_cinders_words() {
    let local = local();
    let demo = local.demo().await;
    let admin = local
        .cloud
        .login(&local.password("admin", "admin"), Some("RegionOne"))
        .await
        .unwrap();
    let cinder = demo.cinder();
    let archive = only(
        cinder
            .volumes(&Query::new().filter("name", "archive"))
            .await,
        "archive",
    );
    let (snapshot_id, _) = available_snapshot(
        &cinder,
        &NewSnapshot {
            volume_id: archive.id.clone(),
            name: unique("broken"),
            description: None,
            force: false,
        },
    )
    .await;
    // Only an administrator can put a snapshot into `error`, as a failed driver would.
    admin
        .request(
            Service::Cinder,
            nubo_cloud::transport::Method::Post,
            &format!("/snapshots/{snapshot_id}/action"),
            Some(&serde_json::json!({"os-reset_status": {"status": "error"}})),
        )
        .await
        .unwrap();
    let refused = cinder
        .create_backup(&NewBackup {
            volume_id: archive.id.clone(),
            snapshot_id: Some(snapshot_id.clone()),
            name: unique("never"),
            ..NewBackup::default()
        })
        .await
        .unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Invalid, "{refused}");
    assert_eq!(refused.service, Service::Cinder);
    assert_eq!(refused.code.as_deref(), Some("badRequest"));
    assert!(refused.message.contains("available"), "{refused}");
    assert!(refused.to_string().starts_with("Cinder: "), "{refused}");
    cinder.delete_snapshot(&snapshot_id).await.unwrap();
    wait_gone("snapshot", || cinder.snapshot(&snapshot_id)).await;
}

#[tokio::test]
#[ignore = "needs the local cloud; `cargo xtask test` runs it"]
async fn a_revoked_token_is_an_expired_session() {
    let local = local();
    let session = local.demo().await;
    session.projects().await.unwrap();
    session.revoke().await.unwrap();
    // Keystone itself; Nova and Cinder may trust their cache of the token for minutes more.
    let expired = session.projects().await.unwrap_err();
    assert_eq!(expired.kind, ErrorKind::Expired, "{expired}");
    assert_eq!(expired.status, Some(401));
    // Known in advance: a session past its expiry sends nothing.
    assert!(session.is_expired_at(session.expires_at()));
    assert!(!session.is_expired_at(session.expires_at() - time::Duration::minutes(1)));
}
