//! Bad input never panics a parser (a panic in wasm kills the whole page): arbitrary bytes, and
//! real samples truncated or with bytes changed, go through every response parser and the
//! error decoder. Each must answer Ok or Err.

use nubo_cloud::{
    error::{CloudError, Service},
    openstack::{
        cinder::{Backup, Limits, LimitsBody, List, Snapshot, Volume},
        glance::{Image, ImageList},
        keystone::{ProjectList, TokenBody},
        microversion::VersionDocument,
        nova::{Flavor, FlavorList, ServerBody, ServerList},
        paging::marker_of,
        session::version_root,
    },
    transport::Response,
};
use proptest::prelude::*;

mod common;

/// Runs `bytes` through every parser; returns how many accepted it.
fn parse_everything(bytes: &[u8]) -> usize {
    fn ok<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> usize {
        usize::from(serde_json::from_slice::<T>(bytes).is_ok())
    }
    let accepted = ok::<ServerList>(bytes)
        + ok::<ServerBody>(bytes)
        + ok::<FlavorList>(bytes)
        + ok::<Flavor>(bytes)
        + ok::<ImageList>(bytes)
        + ok::<Image>(bytes)
        + ok::<List<Volume>>(bytes)
        + ok::<List<Snapshot>>(bytes)
        + ok::<List<Backup>>(bytes)
        + ok::<Volume>(bytes)
        + ok::<Snapshot>(bytes)
        + ok::<Backup>(bytes)
        + ok::<Limits>(bytes)
        + ok::<LimitsBody>(bytes)
        + ok::<TokenBody>(bytes)
        + ok::<ProjectList>(bytes)
        + ok::<VersionDocument>(bytes);
    if let Ok(token) = serde_json::from_slice::<TokenBody>(bytes) {
        let _ = token.token.expires();
    }
    if let Ok(document) = serde_json::from_slice::<VersionDocument>(bytes) {
        let _ = document.range("v2.1");
    }
    for status in [400, 401, 403, 404, 409, 413, 500, 502] {
        let response = Response {
            status,
            headers: Vec::new(),
            body: bytes.to_vec(),
        };
        let error = CloudError::from_openstack(Service::Cinder, &response, true);
        assert!(!error.message.is_empty());
        let _ = error.to_string();
    }
    let text = String::from_utf8_lossy(bytes);
    let _ = marker_of(&text);
    let _ = version_root(&text);
    accepted
}

fn samples() -> &'static [Vec<u8>] {
    static SAMPLES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    SAMPLES.get_or_init(read_samples)
}

fn read_samples() -> Vec<Vec<u8>> {
    let root = common::samples_root();
    let files = [
        "nova/doc/api_samples/servers/v2.100/servers-details-resp.json",
        "nova/doc/api_samples/servers/server-get-resp.json",
        "nova/doc/api_samples/flavors/v2.75/flavors-detail-resp.json",
        "nova/doc/api_samples/versions/v21-version-get-resp.json",
        "glance/api-ref/source/v2/samples/images-list-response.json",
        "cinder/api-ref/source/v3/samples/volumes/v3.69/volumes-list-detailed-response.json",
        "cinder/api-ref/source/v3/samples/snapshots/v3.65/snapshots-list-detailed-response.json",
        "cinder/api-ref/source/v3/samples/backups/v3.56/backups-list-detailed-response.json",
        "cinder/api-ref/source/v3/samples/limits/limits-show-response.json",
        "keystone/api-ref/source/v3/samples/auth/responses/project-scoped-password.json",
    ];
    files
        .iter()
        .map(|file| {
            std::fs::read(root.join(file)).unwrap_or_else(|e| {
                panic!("{}: {e} (set NUBO_API_SAMPLES)", root.join(file).display())
            })
        })
        .collect()
}

#[test]
fn whole_samples_are_accepted() {
    // The mutation tests below only mean something if the untouched samples parse.
    for sample in samples() {
        assert!(parse_everything(sample) > 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        parse_everything(&bytes);
    }

    #[test]
    fn truncated_samples(which in 0usize..10, cut in any::<prop::sample::Index>()) {
        let sample = &samples()[which];
        parse_everything(&sample[..cut.index(sample.len() + 1)]);
    }

    #[test]
    fn mutated_samples(
        which in 0usize..10,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut sample = samples()[which].clone();
        for (at, byte) in edits {
            let i = at.index(sample.len());
            sample[i] = byte;
        }
        parse_everything(&sample);
    }
}
