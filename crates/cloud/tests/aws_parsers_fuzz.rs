//! Bad input never panics an AWS parser (a panic in wasm kills the whole page): arbitrary bytes,
//! and the recorded samples truncated or with bytes changed, go through every EC2, DLM, STS and
//! IAM response parser and both error decoders. Each must answer Ok or Err.

use std::sync::OnceLock;

use nubo_cloud::{
    Service,
    aws::{dlm, ec2, errors, identity},
    transport::Response,
};
use proptest::prelude::*;

const EC2_ACTIONS: &[&str] = &[
    "DescribeRegions",
    "DescribeAvailabilityZones",
    "DescribeInstances",
    "StopInstances",
    "DescribeVolumes",
    "CreateVolume",
    "DeleteVolume",
    "CreateSnapshot",
    "CreateSnapshots",
    "DescribeSnapshots",
    "CopySnapshot",
    "CreateImage",
    "DescribeImages",
    "DeleteSnapshot",
];
const DLM_OPERATIONS: &[&str] = &[
    "GetLifecyclePolicies",
    "GetLifecyclePolicy",
    "CreateLifecyclePolicy",
];

/// Runs `bytes` through every parser; returns how many accepted it.
fn parse_everything(bytes: &[u8]) -> usize {
    let response = |status: u16| Response {
        status,
        headers: vec![(
            "x-amzn-errortype".into(),
            "InvalidRequestException:x".into(),
        )],
        body: bytes.to_vec(),
    };
    let ok = response(200);
    let mut accepted = 0;
    for action in EC2_ACTIONS {
        accepted += usize::from(ec2::parse_answer(action, &ok).is_ok());
    }
    for operation in DLM_OPERATIONS {
        accepted += usize::from(dlm::parse_answer(operation, &ok).is_ok());
    }
    for action in ["GetCallerIdentity", "ListAccountAliases"] {
        accepted += usize::from(identity::parse_answer(action, &ok).is_ok());
    }
    for status in [400, 401, 403, 404, 412, 429, 500, 503] {
        for service in [Service::Ec2, Service::Dlm, Service::Sts, Service::Iam] {
            let error = errors::decode(service, &response(status));
            assert!(!error.message.is_empty());
            let _ = error.to_string();
        }
    }
    accepted
}

fn samples() -> &'static [Vec<u8>] {
    static SAMPLES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/samples");
        let mut files = Vec::new();
        for dir in ["ec2", "ec2/aws", "dlm", "identity"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    files.push(std::fs::read(path).unwrap());
                }
            }
        }
        assert!(files.len() >= 30, "samples missing: {}", files.len());
        files
    })
}

#[test]
fn whole_samples_are_accepted() {
    // The mutation tests below only mean something if the untouched answers parse.
    let successes = samples().iter().filter(|s| parse_everything(s) > 0).count();
    let errors = samples()
        .iter()
        .filter(|s| {
            let answer = Response {
                status: 400,
                headers: vec![],
                body: s.to_vec(),
            };
            errors::decode(Service::Ec2, &answer).code.is_some()
        })
        .count();
    assert!(successes >= 20, "{successes} samples parsed");
    assert!(errors >= 7, "{errors} samples decoded as EC2 errors");
}

fn pick(which: usize) -> &'static [u8] {
    let all = samples();
    &all[which % all.len()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        parse_everything(&bytes);
    }

    #[test]
    fn arbitrary_xml_like_text(text in "(<[a-zA-Z]{1,12}( [a-z]{1,5}=\"[^\"]{0,5}\")?/?>|</[a-zA-Z]{1,12}>|[^<]{0,10}|&[a-z#0-9]{0,6};?){0,40}") {
        parse_everything(text.as_bytes());
    }

    #[test]
    fn truncated_samples(which in any::<usize>(), cut in any::<prop::sample::Index>()) {
        let sample = pick(which);
        parse_everything(&sample[..cut.index(sample.len() + 1)]);
    }

    #[test]
    fn mutated_samples(
        which in any::<usize>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut sample = pick(which).to_vec();
        for (at, byte) in edits {
            let i = at.index(sample.len());
            sample[i] = byte;
        }
        parse_everything(&sample);
    }
}
