//! Every relevant real API sample in `../shared/api-samples` (or `$NUBO_API_SAMPLES`) must parse
//! into the client's types: a sample that fails is a bug in the type. New microversion folders
//! are picked up by file name, without editing this list.

use std::path::{Path, PathBuf};

use nubo_cloud::openstack::{
    cinder::{Backup, List, Snapshot, Volume},
    glance::{Image, ImageList},
    keystone::{ProjectList, TokenBody},
    microversion::VersionDocument,
    nova::{Flavor, FlavorList, ServerBody, ServerList},
};
use serde::de::DeserializeOwned;
use serde_json::Value;

mod common;
use common::samples_root;

/// Files under `dir` (recursively) whose name satisfies `wanted`, sorted.
fn files(dir: &str, wanted: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut all = Vec::new();
    walk(&samples_root().join(dir), &mut all);
    let mut found: Vec<PathBuf> = all
        .into_iter()
        .filter(|p| wanted(p.file_name().unwrap().to_str().unwrap()))
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no samples matched in {dir}");
    found
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn parse<T: DeserializeOwned>(path: &Path) -> T {
    serde_json::from_slice(&read(path))
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

fn inner<T: DeserializeOwned>(path: &Path, key: &str) -> T {
    let mut value: Value = parse(path);
    serde_json::from_value(value[key].take())
        .unwrap_or_else(|e| panic!("{} (\"{key}\") does not parse: {e}", path.display()))
}

const NOVA: &str = "nova/doc/api_samples";
const CINDER: &str = "cinder/api-ref/source/v3/samples";
const GLANCE: &str = "glance/api-ref/source/v2/samples";
const KEYSTONE: &str = "keystone/api-ref/source/v3/samples";

#[test]
fn nova_servers_at_every_microversion() {
    let mut servers = 0;
    for path in files(&format!("{NOVA}/servers"), |n| {
        n == "servers-details-resp.json" || n == "servers-details-with-changes-before.json"
    }) {
        let list: ServerList = parse(&path);
        assert!(!list.servers.is_empty(), "{}", path.display());
        for server in &list.servers {
            assert!(!server.id.is_empty() && !server.status.is_empty());
        }
        servers += list.servers.len();
    }
    let mut down_cell = 0;
    for path in files(&format!("{NOVA}/servers"), |n| {
        n == "server-get-resp.json" || n == "server-get-down-cell-resp.json"
    }) {
        down_cell += usize::from(path.ends_with("server-get-down-cell-resp.json"));
        let body: ServerBody = parse(&path);
        assert!(!body.server.id.is_empty(), "{}", path.display());
    }
    assert!(servers >= 10, "only {servers} servers read");
    assert!(
        down_cell > 0,
        "servers of a down cell (no name) are part of the set"
    );
}

#[test]
fn nova_flavors_at_every_microversion() {
    for path in files(&format!("{NOVA}/flavors"), |n| {
        n == "flavors-detail-resp.json"
    }) {
        let list: FlavorList = parse(&path);
        assert!(list.flavors.iter().all(|f| !f.id.is_empty() && f.ram > 0));
    }
    for path in files(&format!("{NOVA}/flavors"), |n| n == "flavor-get-resp.json") {
        let flavor: Flavor = inner(&path, "flavor");
        assert!(!flavor.name.is_empty());
    }
}

#[test]
fn nova_snapshot_answer_and_flavor_shapes() {
    for path in files(&format!("{NOVA}/servers"), |n| {
        n == "server-action-create-image-resp.json"
    }) {
        let value: Value = parse(&path);
        assert!(value["image_id"].as_str().is_some_and(|id| !id.is_empty()));
    }
    // Since 2.47 a server embeds its flavor's details instead of a reference.
    let modern: ServerBody =
        parse(&samples_root().join(format!("{NOVA}/servers/v2.100/server-get-resp.json")));
    let flavor = modern.server.flavor.unwrap();
    assert_eq!(flavor.original_name.as_deref(), Some("m1.tiny"));
    assert_eq!(flavor.vcpus, Some(1));
    let old: ServerBody =
        parse(&samples_root().join(format!("{NOVA}/servers/server-get-resp.json")));
    assert!(old.server.flavor.unwrap().id.is_some());
    assert!(old.server.image.is_some());
}

#[test]
fn nova_and_cinder_version_documents() {
    for path in files(&format!("{NOVA}/versions"), |n| n.ends_with(".json")) {
        let document: VersionDocument = parse(&path);
        if path.ends_with("v21-version-get-resp.json") {
            let (min, max) = document.range("v2.1").expect("v2.1 has microversions");
            assert_eq!(min.to_string(), "2.1");
            assert!(max.minor >= 90, "{max}");
        }
    }
    for path in files(&format!("{CINDER}/versions"), |n| n.ends_with(".json")) {
        let document: VersionDocument = parse(&path);
        let (min, max) = document.range("v3.").expect("v3 has microversions");
        assert_eq!(min.to_string(), "3.0");
        assert!(max.minor >= 60, "{max}");
    }
}

#[test]
fn cinder_volumes_snapshots_backups_at_every_microversion() {
    let lists = |kind: &str| {
        files(&format!("{CINDER}/{kind}"), |n| {
            n.ends_with("-list-detailed-response.json")
        })
    };
    for path in lists("volumes") {
        let list: List<Volume> = parse(&path);
        assert!(
            list.items.iter().all(|v| !v.id.is_empty()),
            "{}",
            path.display()
        );
    }
    for path in lists("snapshots") {
        let list: List<Snapshot> = parse(&path);
        assert!(list.items.iter().all(|s| !s.volume_id.is_empty()));
    }
    for path in lists("backups") {
        let list: List<Backup> = parse(&path);
        assert!(!list.items.is_empty());
    }
    for (kind, one) in [
        ("volumes", "volume"),
        ("snapshots", "snapshot"),
        ("backups", "backup"),
    ] {
        for path in files(&format!("{CINDER}/{kind}"), |n| {
            n == format!("{one}-show-response.json")
        }) {
            let value: Value = parse(&path);
            assert!(value[one]["id"].is_string(), "{}", path.display());
            match one {
                "volume" => drop(inner::<Volume>(&path, one)),
                "snapshot" => drop(inner::<Snapshot>(&path, one)),
                _ => drop(inner::<Backup>(&path, one)),
            }
        }
    }
}

#[test]
fn cinder_limits() {
    let path = samples_root().join(format!("{CINDER}/limits/limits-show-response.json"));
    let limits: nubo_cloud::openstack::cinder::Limits = inner(&path, "limits");
    assert_eq!(limits.usage("Volumes"), Some((0, Some(10))));
    assert_eq!(limits.usage("Backups"), Some((0, Some(10))));
    assert_eq!(
        limits.pair("totalGigabytesUsed", "maxTotalVolumeGigabytes"),
        Some((0, Some(1000)))
    );
    let nova = samples_root().join("nova/doc/api_samples/limits/limit-get-resp.json");
    let compute: nubo_cloud::openstack::limits::Limits = inner(&nova, "limits");
    assert_eq!(compute.usage("Instances"), Some((0, Some(10))));
    assert_eq!(
        compute.pair("totalRAMUsed", "maxTotalRAMSize"),
        Some((0, Some(51200)))
    );
    assert_eq!(
        compute.usage("FloatingIps"),
        Some((0, None)),
        "-1 is no limit"
    );
}

#[test]
fn glance_images_and_the_snapshot_fields_samples_lack() {
    let list: ImageList =
        parse(&samples_root().join(format!("{GLANCE}/images-list-response.json")));
    assert!(!list.images.is_empty());
    for name in [
        "image-show-response.json",
        "image-create-response.json",
        "image-update-response.json",
    ] {
        let image: Image = parse(&samples_root().join(format!("{GLANCE}/{name}")));
        assert!(!image.id.is_empty());
    }
    // Nova's instance snapshots carry two properties the published samples do not show.
    let mut value: Value =
        parse(&samples_root().join(format!("{GLANCE}/image-show-response.json")));
    value["image_type"] = "snapshot".into();
    value["instance_uuid"] = "0e44cc9c-e052-415d-afbf-469b0d384170".into();
    let snapshot: Image = serde_json::from_value(value).unwrap();
    assert!(snapshot.is_snapshot());
    assert_eq!(
        snapshot.instance_uuid.as_deref(),
        Some("0e44cc9c-e052-415d-afbf-469b0d384170")
    );
}

/// Recorded from the local cloud: Nova's snapshot of bfv-1, a server booted from a volume with
/// a data volume attached. Zero bytes in Glance; two Cinder snapshots in its mapping.
#[test]
fn a_volume_backed_snapshot_names_its_cinder_snapshots() {
    let image: Image = parse(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/samples/openstack/glance-volume-backed-snapshot.json"),
    );
    assert_eq!(image.size, Some(0));
    assert!(image.is_volume_backed());
    // Nova marks it neither with image_type nor with instance_uuid.
    assert_eq!(image.image_type, None);
    assert_eq!(image.instance_uuid, None);
    assert!(image.is_snapshot());
    assert_eq!(
        image.volume_snapshot_ids(),
        [
            "26ef5170-80cb-4368-9d61-f1749bd4077c",
            "8b0f1486-e994-4314-b8cb-b13eeeb1a0a7"
        ]
    );
    let root = &image.block_devices[0];
    assert_eq!(root.boot_index, Some(0));
    assert_eq!(root.device_name.as_deref(), Some("/dev/sda"));
    assert_eq!(root.volume_size, Some(1));
    // Every other property is kept for the detail, as Glance gave it.
    assert_eq!(image.properties["root_device_name"], "/dev/sda");
    assert_eq!(image.properties["bdm_v2"], "True");
    assert!(!image.properties.contains_key("block_device_mapping"));
    assert!(!image.properties.contains_key("name"));

    // A plain image has no mapping; an unreadable one is taken as none.
    let plain: Image = parse(&samples_root().join(format!("{GLANCE}/image-show-response.json")));
    assert!(!plain.is_volume_backed());
    let mut value: Value =
        parse(&samples_root().join(format!("{GLANCE}/image-show-response.json")));
    value["block_device_mapping"] = "not json".into();
    let unreadable: Image = serde_json::from_value(value).unwrap();
    assert!(unreadable.block_devices.is_empty());
}

#[test]
fn keystone_tokens_and_projects() {
    for path in files(&format!("{KEYSTONE}/auth/responses"), |n| {
        n != "auth-receipt-password.json"
    }) {
        let body: TokenBody = parse(&path);
        body.token
            .expires()
            .unwrap_or_else(|e| panic!("{}: expires_at: {e}", path.display()));
        assert!(!body.token.user.id.is_empty());
    }
    let scoped: TokenBody = parse(&samples_root().join(format!(
        "{KEYSTONE}/auth/responses/project-scoped-password.json"
    )));
    assert!(scoped.token.project.is_some());
    assert!(
        scoped
            .token
            .catalog
            .iter()
            .any(|e| e.service_type == "identity")
    );
    let projects: ProjectList = parse(&samples_root().join(format!(
        "{KEYSTONE}/admin/get-available-project-scopes-response.json"
    )));
    assert!(!projects.projects.is_empty());
}
