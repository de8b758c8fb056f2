//! AWS's error answers as [`CloudError`]s. EC2 answers XML in two envelopes —
//! `<Response><Errors><Error>…</Errors><RequestID>` and, for authentication,
//! `<ErrorResponse><Error>` (moto: `<ErrorResponse><Errors><Error>`); REST-JSON services such as
//! DLM put the error type in `x-amzn-ErrorType` and the message in a JSON body.

use serde::Deserialize;
use serde_json::Value;

use crate::{
    error::{CloudError, ErrorKind, Service, request_id},
    transport::Response,
};

#[derive(Debug, Default, Deserialize)]
struct Envelope {
    #[serde(rename = "Errors")]
    errors: Option<Errors>,
    #[serde(rename = "Error")]
    error: Option<ErrorBody>,
    #[serde(rename = "RequestID", alias = "RequestId", alias = "requestId")]
    request_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Errors {
    #[serde(rename = "Error", default)]
    errors: Vec<ErrorBody>,
}

#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: Option<String>,
    #[serde(rename = "Message")]
    message: Option<String>,
}

/// The marker before the opaque blob in EC2's permission errors.
const ENCODED: &str = "Encoded authorization failure message:";

/// The error an AWS answer that is not a success stands for.
pub fn decode(service: Service, response: &Response) -> CloudError {
    let (code, message, body_request_id) = match service {
        Service::Dlm | Service::Kms => from_json(response),
        _ => from_xml(response),
    };
    let Some(code) = code else {
        // Not AWS's format: the proxy's JSON refusal, an HTML error page, a bare status. The
        // OpenStack decoder reads those.
        let mut error = CloudError::from_openstack(service, response, false);
        error.kind = match (error.service, response.status) {
            (Service::Proxy, _) => error.kind,
            (_, 429) => ErrorKind::Throttled,
            (_, 401) => ErrorKind::Unauthenticated,
            // DLM always answers in JSON, its failures too: a page of HTML (or nothing) where
            // its answer should be is an endpoint without it, such as an EC2 emulator.
            (Service::Dlm | Service::Kms, 404 | 500 | 501) if !is_json(response) => {
                ErrorKind::Unsupported
            }
            _ => error.kind,
        };
        return error;
    };
    let message = message.unwrap_or_default();
    let (message, details) = match message.split_once(ENCODED) {
        Some((before, encoded)) => (
            before.trim().to_owned(),
            Some(encoded.trim().to_owned()).filter(|e| !e.is_empty()),
        ),
        None => (message.trim().to_owned(), None),
    };
    let message = if message.is_empty() {
        // moto's InvalidSnapshot.NotFound has an empty message; the code still says it.
        format!("{code} (no message from {service})")
    } else {
        message
    };
    CloudError {
        kind: kind_of(&code, response.status),
        service,
        status: Some(response.status),
        code: Some(code),
        message,
        request_id: body_request_id
            .filter(|id| !id.is_empty())
            .or_else(|| request_id(response)),
        details,
    }
}

fn is_json(response: &Response) -> bool {
    response
        .header("content-type")
        .is_some_and(|t| t.contains("json"))
}

fn from_xml(response: &Response) -> (Option<String>, Option<String>, Option<String>) {
    let Ok(text) = std::str::from_utf8(&response.body) else {
        return (None, None, None);
    };
    let Ok(envelope) = quick_xml::de::from_str::<Envelope>(text) else {
        return (None, None, None);
    };
    let first = envelope
        .error
        .or_else(|| envelope.errors.and_then(|e| e.errors.into_iter().next()))
        .unwrap_or_default();
    let code = first.code.filter(|c| !c.trim().is_empty());
    (code, first.message, envelope.request_id)
}

fn from_json(response: &Response) -> (Option<String>, Option<String>, Option<String>) {
    let body: Value = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
    // `ResourceNotFoundException:http://internal.amazon.com/coral/…`
    let code = response
        .header("x-amzn-errortype")
        .map(|t| t.split(':').next().unwrap_or(t).trim().to_owned())
        .or_else(|| text("__type").map(|t| t.rsplit('#').next().unwrap_or(&t).to_owned()))
        .or_else(|| text("code").or_else(|| text("Code")))
        .filter(|c| !c.is_empty());
    (code, text("message").or_else(|| text("Message")), None)
}

fn kind_of(code: &str, status: u16) -> ErrorKind {
    match code {
        "UnauthorizedOperation"
        | "AccessDenied"
        | "AccessDeniedException"
        | "OptInRequired"
        | "Blocked" => ErrorKind::Forbidden,
        "AuthFailure"
        | "SignatureDoesNotMatch"
        | "InvalidClientTokenId"
        | "IncompleteSignature"
        | "MissingAuthenticationToken"
        | "RequestExpired"
        | "UnrecognizedClientException" => ErrorKind::Unauthenticated,
        "ExpiredToken" | "ExpiredTokenException" => ErrorKind::Expired,
        "DryRunOperation" => ErrorKind::DryRunOk,
        "RequestLimitExceeded" | "Throttling" | "ThrottlingException" | "SlowDown" => {
            ErrorKind::Throttled
        }
        "IncorrectState"
        | "IncorrectInstanceState"
        | "VolumeInUse"
        | "InvalidSnapshot.InUse"
        | "InvalidVolume.ZoneMismatch"
        | "ConflictException" => ErrorKind::Conflict,
        "InternalError"
        | "InternalFailure"
        | "Unavailable"
        | "ServiceUnavailable"
        | "InternalServerException" => ErrorKind::Server,
        c if c.ends_with(".NotFound") || c == "ResourceNotFoundException" => ErrorKind::NotFound,
        c if c.ends_with("LimitExceeded") || c == "LimitExceededException" => ErrorKind::OverQuota,
        c if c.starts_with("Invalid") || c.starts_with("Missing") || c.starts_with("Unknown") => {
            ErrorKind::Invalid
        }
        _ => match status {
            401 => ErrorKind::Unauthenticated,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::Throttled,
            s if s >= 500 => ErrorKind::Server,
            400..=499 => ErrorKind::Invalid,
            _ => ErrorKind::Unexpected,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn an_endpoint_without_dlm_is_said_to_lack_it() {
        // moto, as `cargo xtask cloud up` runs it, answers DLM's calls with Flask's error page.
        let page = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>";
        let mut answer = response(500, page);
        answer.headers = vec![("content-type".into(), "text/html; charset=utf-8".into())];
        let error = decode(Service::Dlm, &answer);
        assert_eq!(error.kind, ErrorKind::Unsupported);
        assert_eq!(error.status, Some(500));
        // DLM's own failure, in its JSON, stays a server error with its words.
        let mut own = response(
            500,
            r#"{"Message":"Internal failure","Code":"InternalServerException"}"#,
        );
        own.headers = vec![("content-type".into(), "application/json".into())];
        let error = decode(Service::Dlm, &own);
        assert_eq!(
            (error.kind, error.message.as_str()),
            (ErrorKind::Server, "Internal failure")
        );
        // EC2's HTML error page is not read as a missing service.
        assert_ne!(decode(Service::Ec2, &answer).kind, ErrorKind::Unsupported);
    }

    #[test]
    fn ec2_permission_errors_keep_the_encoded_message_aside() {
        let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/operator is not authorized to perform: ec2:CreateVolume on resource: arn:aws:ec2:eu-central-1:123456789012:volume/* with an explicit deny in an identity-based policy. Encoded authorization failure message: AbCdEf0123-_xyz</Message></Error></Errors><RequestID>9f7c2a4e-1b3d-4c5e-8f6a-0b1c2d3e4f5a</RequestID></Response>"#;
        let error = decode(Service::Ec2, &response(403, body));
        assert_eq!(error.kind, ErrorKind::Forbidden);
        assert_eq!(error.code.as_deref(), Some("UnauthorizedOperation"));
        assert!(
            error.message.ends_with("identity-based policy."),
            "{}",
            error.message
        );
        assert!(!error.message.contains("AbCdEf"));
        assert_eq!(error.details.as_deref(), Some("AbCdEf0123-_xyz"));
        assert_eq!(
            error.request_id.as_deref(),
            Some("9f7c2a4e-1b3d-4c5e-8f6a-0b1c2d3e4f5a")
        );
    }

    #[test]
    fn both_envelopes_and_the_kinds_of_their_codes() {
        let cases = [
            (
                401,
                "<ErrorResponse><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message><Type>Sender</Type></Error></Errors></ErrorResponse>",
                ErrorKind::Unauthenticated,
            ),
            (
                403,
                "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error><RequestId>r-1</RequestId></ErrorResponse>",
                ErrorKind::Unauthenticated,
            ),
            (
                400,
                "<Response><Errors><Error><Code>RequestExpired</Code><Message>Request has expired.</Message></Error></Errors><RequestID>r</RequestID></Response>",
                ErrorKind::Unauthenticated,
            ),
            (
                400,
                "<Response><Errors><Error><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error></Errors></Response>",
                ErrorKind::Expired,
            ),
            (
                412,
                "<Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15\"><Errors><Error><Code>DryRunOperation</Code><Message>Request would have succeeded, but DryRun flag is set.</Message></Error></Errors><RequestID>request-id</RequestID></Response>",
                ErrorKind::DryRunOk,
            ),
            (
                503,
                "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors></Response>",
                ErrorKind::Throttled,
            ),
            (
                400,
                "<Response><Errors><Error><Code>InvalidSnapshot.NotFound</Code><Message/></Error></Errors><RequestID>request-id</RequestID></Response>",
                ErrorKind::NotFound,
            ),
            (
                400,
                "<Response><Errors><Error><Code>VolumeInUse</Code><Message>Volume vol-1 is currently attached to i-1</Message></Error></Errors></Response>",
                ErrorKind::Conflict,
            ),
            (
                400,
                "<Response><Errors><Error><Code>SnapshotLimitExceeded</Code><Message>The maximum number of snapshots has been reached.</Message></Error></Errors></Response>",
                ErrorKind::OverQuota,
            ),
            (
                400,
                "<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>Volume of 1 GiB is too small; minimum is 8 GiB.</Message></Error></Errors></Response>",
                ErrorKind::Invalid,
            ),
            (
                500,
                "<Response><Errors><Error><Code>InternalError</Code><Message>An internal error has occurred</Message></Error></Errors></Response>",
                ErrorKind::Server,
            ),
        ];
        for (status, body, kind) in cases {
            let error = decode(Service::Ec2, &response(status, body));
            assert_eq!(error.kind, kind, "{body}");
            assert!(!error.message.is_empty());
        }
        let empty = decode(Service::Ec2, &response(400, cases[6].1));
        assert_eq!(
            empty.message,
            "InvalidSnapshot.NotFound (no message from EC2)"
        );
        assert_eq!(empty.request_id.as_deref(), Some("request-id"));
    }

    #[test]
    fn dlm_errors_come_from_the_error_type_header() {
        let mut answer = response(
            404,
            r#"{"message":"Lifecycle policy with ID policy-0123 was not found.","ResourceType":"LifecyclePolicy","ResourceIds":["policy-0123"]}"#,
        );
        answer.headers = vec![
            (
                "x-amzn-errortype".into(),
                "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.dlm/"
                    .into(),
            ),
            ("x-amzn-requestid".into(), "dlm-req".into()),
        ];
        let error = decode(Service::Dlm, &answer);
        assert_eq!(error.kind, ErrorKind::NotFound);
        assert_eq!(error.code.as_deref(), Some("ResourceNotFoundException"));
        assert_eq!(error.request_id.as_deref(), Some("dlm-req"));
        assert_eq!(
            error.to_string(),
            "Data Lifecycle Manager: Lifecycle policy with ID policy-0123 was not found. (HTTP 404, ResourceNotFoundException, request dlm-req)"
        );
    }

    #[test]
    fn answers_that_are_not_aws_errors_still_say_what_happened() {
        let html = decode(
            Service::Ec2,
            &response(
                500,
                "<!doctype html><title>500 Internal Server Error</title><h1>Internal Server Error</h1><p>KeyError</p>",
            ),
        );
        assert_eq!(html.kind, ErrorKind::Server);
        assert!(html.message.contains("KeyError"), "{}", html.message);
        let proxy = decode(
            Service::Ec2,
            &response(
                403,
                r#"{"error": "upstream_denied", "message": "https://ec2.evil.example is not an allowed upstream"}"#,
            ),
        );
        assert_eq!(proxy.service, Service::Proxy);
        assert_eq!(proxy.kind, ErrorKind::Forbidden);
    }
}
