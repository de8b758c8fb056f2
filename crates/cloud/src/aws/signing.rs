//! AWS Signature Version 4, by AWS's own `aws-sigv4`. A request is signed for its upstream URL
//! (the host AWS checks) before the proxy's prefix is put in front of it; nubo's proxy sends it
//! on with that same `Host`.

use std::time::{Duration, SystemTime};

use aws_sigv4::{
    http_request::{
        self, SignableBody, SignableRequest, SignatureLocation, SigningInstructions,
        SigningSettings,
    },
    sign::v4,
};

use super::{Credentials, query::rfc3986};
use crate::transport::Request;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not sign the request: {0}")]
pub struct SigningError(String);

/// Adds `x-amz-date`, `authorization` and, with temporary credentials, `x-amz-security-token`.
/// Every header already on the request is signed, so nothing may change them on the way.
/// `time` comes from the caller: `SystemTime::now()` panics in wasm32-unknown-unknown.
pub fn sign(
    request: &mut Request,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<(), SigningError> {
    let signable = SignableRequest::new(
        request.method.as_str(),
        request.url.as_str(),
        request
            .headers
            .iter()
            .map(|(name, value)| (*name, value.as_str())),
        SignableBody::Bytes(request.body.as_deref().unwrap_or_default()),
    )
    .map_err(failed)?;
    let scope = Scope {
        credentials,
        region,
        service,
        time,
    };
    let (added, _) = scope
        .instructions(signable, SigningSettings::default())?
        .into_parts();
    for header in added {
        request
            .headers
            .push((header.name(), header.value().to_owned()));
    }
    Ok(())
}

/// A GET of `url` that carries its own signature in its query (`X-Amz-Signature` and the
/// rest), valid for `expires`: what EC2's CopySnapshot wants as `PresignedUrl`, for AWS to call
/// the source region in the user's name. Only `host` is signed, as botocore does.
pub fn presign(
    url: &str,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
    expires: Duration,
) -> Result<String, SigningError> {
    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::QueryParams;
    settings.expires_in = Some(expires);
    let signable = SignableRequest::new("GET", url, std::iter::empty(), SignableBody::Bytes(&[]))
        .map_err(failed)?;
    let scope = Scope {
        credentials,
        region,
        service,
        time,
    };
    let (_, added) = scope.instructions(signable, settings)?.into_parts();
    let mut signed = url.to_owned();
    for (name, value) in added {
        signed.push(if signed.contains('?') { '&' } else { '?' });
        signed.push_str(&format!("{}={}", rfc3986(name), rfc3986(&value)));
    }
    Ok(signed)
}

/// Who signs, for which service, where and when.
struct Scope<'a> {
    credentials: &'a Credentials,
    region: &'a str,
    service: &'a str,
    time: SystemTime,
}

impl Scope<'_> {
    fn instructions(
        &self,
        request: SignableRequest<'_>,
        settings: SigningSettings,
    ) -> Result<SigningInstructions, SigningError> {
        let identity = aws_credential_types::Credentials::new(
            &self.credentials.access_key_id,
            &self.credentials.secret_access_key,
            self.credentials.session_token.clone(),
            None,
            "nubo",
        )
        .into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(self.region)
            .name(self.service)
            .time(self.time)
            .settings(settings)
            .build()
            .map_err(failed)?
            .into();
        let (instructions, _signature) = http_request::sign(request, &params)
            .map_err(failed)?
            .into_parts();
        Ok(instructions)
    }
}

fn failed(e: impl std::fmt::Display) -> SigningError {
    SigningError(e.to_string())
}

#[cfg(test)]
mod tests {
    //! Cases of AWS's published SigV4 test suite (aws-signing-test-suite/v4, as the aws-sigv4
    //! crate ships it): credentials, time, request and the expected `Authorization`.
    use std::time::Duration;

    use super::*;
    use crate::transport::Method;

    /// 2015-08-30T12:36:00Z
    const SUITE_TIME: u64 = 1_440_938_160;

    fn suite_credentials() -> Credentials {
        Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    }

    fn signed(request: Request, credentials: &Credentials) -> Request {
        let mut request = request;
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(SUITE_TIME);
        sign(&mut request, credentials, "us-east-1", "service", time).unwrap();
        request
    }

    fn header<'a>(request: &'a Request, name: &str) -> &'a str {
        request
            .headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} header"))
    }

    const PREFIX: &str =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";

    #[test]
    fn get_vanilla() {
        let request = signed(
            Request::new(Method::Get, "https://example.amazonaws.com/"),
            &suite_credentials(),
        );
        assert_eq!(header(&request, "x-amz-date"), "20150830T123600Z");
        assert_eq!(
            header(&request, "authorization"),
            format!(
                "{PREFIX}SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
            )
        );
    }

    #[test]
    fn get_vanilla_query_order_key_case() {
        let request = signed(
            Request::new(
                Method::Get,
                "https://example.amazonaws.com/?Param2=value2&Param1=value1",
            ),
            &suite_credentials(),
        );
        assert_eq!(
            header(&request, "authorization"),
            format!(
                "{PREFIX}SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
            )
        );
    }

    #[test]
    fn post_vanilla() {
        let request = signed(
            Request::new(Method::Post, "https://example.amazonaws.com/"),
            &suite_credentials(),
        );
        assert_eq!(
            header(&request, "authorization"),
            format!(
                "{PREFIX}SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
            )
        );
    }

    #[test]
    fn get_vanilla_with_session_token() {
        let token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
        let request = signed(
            Request::new(Method::Get, "https://example.amazonaws.com/"),
            &suite_credentials().with_session_token(token),
        );
        assert_eq!(header(&request, "x-amz-security-token"), token);
        assert_eq!(
            header(&request, "authorization"),
            format!(
                "{PREFIX}SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"
            )
        );
    }

    #[test]
    fn headers_on_the_request_are_signed_and_the_port_is_part_of_the_host() {
        let form = Request::new(Method::Post, "http://127.0.0.1:5055/")
            .header("content-type", "application/x-www-form-urlencoded");
        let mut with_body = form.clone();
        with_body.body = Some(b"Action=DescribeRegions&Version=2016-11-15".to_vec());
        let a = signed(with_body.clone(), &suite_credentials());
        assert!(
            header(&a, "authorization").contains("SignedHeaders=content-type;host;x-amz-date,")
        );
        // The body is part of the signature, and so is the port.
        let b = signed(form, &suite_credentials());
        assert_ne!(header(&a, "authorization"), header(&b, "authorization"));
        let mut other_port = with_body;
        other_port.url = "http://127.0.0.1:5056/".into();
        let c = signed(other_port, &suite_credentials());
        assert_ne!(header(&a, "authorization"), header(&c, "authorization"));
    }

    fn presigned(url: &str) -> String {
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(SUITE_TIME);
        presign(
            url,
            &suite_credentials(),
            "us-east-1",
            "service",
            time,
            Duration::from_secs(3600),
        )
        .unwrap()
    }

    /// The suite's `query-signed-request.txt` of `get-vanilla-query`; the order of the
    /// parameters may differ, the signature may not.
    #[test]
    fn presigned_get_vanilla_query() {
        let url = presigned("https://example.amazonaws.com/");
        assert_eq!(
            url,
            "https://example.amazonaws.com/?X-Amz-Algorithm=AWS4-HMAC-SHA256\
             &X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request\
             &X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host\
             &X-Amz-Signature=e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d"
        );
    }

    #[test]
    fn presigned_get_vanilla_query_order_key_case_keeps_the_operation_first() {
        let url = presigned("https://example.amazonaws.com/?Param2=value2&Param1=value1");
        assert!(url.starts_with(
            "https://example.amazonaws.com/?Param2=value2&Param1=value1&X-Amz-Algorithm="
        ));
        assert!(url.ends_with(
            "&X-Amz-Signature=86012e2c9ad4d77369f5d81c11f75158aae4f895a085212cc6d3f923d300bed5"
        ));
    }
}
