//! nubo-cloud's browser half in headless Chromium: SigV4 with the browser's clock (where
//! `SystemTime::now()` would panic), and a signed EC2 call carried by fetch. The test runner's
//! own server stands in for the cloud: whatever it answers must come back as a CloudError with
//! its status, not as a network failure or a panic.
#![cfg(target_arch = "wasm32")]

use nubo_cloud::{
    ErrorKind, Service,
    aws::{Account, Credentials, ec2::Query, signing},
    transport::{Http, Method, Proxy, Request},
};
use time::OffsetDateTime;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn signs_with_the_browsers_clock() {
    let now = OffsetDateTime::now_utc();
    let mut request = Request::new(Method::Post, "https://ec2.eu-central-1.amazonaws.com/").header(
        "content-type",
        "application/x-www-form-urlencoded; charset=utf-8",
    );
    request.body = Some(b"Action=DescribeRegions&Version=2016-11-15".to_vec());
    let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    signing::sign(
        &mut request,
        &credentials,
        "eu-central-1",
        "ec2",
        now.into(),
    )
    .unwrap();
    let header = |name: &str| {
        request
            .headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    let today = format!(
        "{:04}{:02}{:02}",
        now.year(),
        u8::from(now.month()),
        now.day()
    );
    assert!(header("x-amz-date").starts_with(&today));
    assert!(header("authorization").contains(&format!("/{today}/eu-central-1/ec2/aws4_request")));
}

#[wasm_bindgen_test]
async fn a_signed_call_goes_out_through_fetch_and_its_answer_is_read() {
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let account = Account::new(
        Http::new(),
        Proxy(String::new()),
        Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    )
    .with_endpoint_url(format!("{origin}/no-ec2-here"));
    let error = account
        .ec2("us-east-1")
        .volumes(&Query::default())
        .await
        .unwrap_err();
    assert_eq!(error.service, Service::Ec2);
    assert_ne!(error.kind, ErrorKind::Network, "{error}");
    assert!(error.status.is_some_and(|s| s >= 400), "{error}");
}
