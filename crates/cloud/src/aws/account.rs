//! An AWS account as the user typed it into the tab: keys, and where its APIs answer.

use std::{fmt, time::Duration};

use time::OffsetDateTime;

use super::signing;
use crate::{
    error::{CloudError, ErrorKind, Service},
    transport::{self, Http, Proxy, Request, Response},
};

/// Keys of an IAM user or role. `Debug` never prints the secret or the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Temporary credentials (STS, SSO) come with one; sent as `X-Amz-Security-Token`.
    pub session_token: Option<String>,
    /// When temporary credentials stop working, where known (STS says it; the token itself
    /// does not). Past it nothing is sent: the user is asked for new keys instead.
    pub expires_at: Option<OffsetDateTime>,
}

impl Credentials {
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: None,
            expires_at: None,
        }
    }

    pub fn with_session_token(mut self, token: impl Into<String>) -> Self {
        self.session_token = Some(token.into());
        self
    }

    pub fn with_expiry(mut self, expires_at: OffsetDateTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    pub fn is_expired_at(&self, now: OffsetDateTime) -> bool {
        self.expires_at.is_some_and(|at| at <= now)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<hidden>")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<hidden>"),
            )
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Reads are retried this many times when AWS throttles them, waiting twice as long each time.
const THROTTLE_RETRIES: u32 = 3;
const FIRST_BACKOFF: Duration = Duration::from_millis(400);

#[derive(Debug, Clone)]
pub struct Account {
    pub http: Http,
    pub proxy: Proxy,
    pub credentials: Credentials,
    /// One endpoint for every service and region, for EC2-compatible clouds and emulators
    /// (`http://127.0.0.1:5055`); AWS's own regional endpoints when absent.
    pub endpoint_url: Option<String>,
}

impl Account {
    pub fn new(http: Http, proxy: Proxy, credentials: Credentials) -> Self {
        Self {
            http,
            proxy,
            credentials,
            endpoint_url: None,
        }
    }

    pub fn with_endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into().trim_end_matches('/').to_owned());
        self
    }

    pub fn ec2(&self, region: &str) -> super::Ec2 {
        super::Ec2::new(self.clone(), region)
    }

    pub fn dlm(&self, region: &str) -> super::Dlm {
        super::Dlm::new(self.clone(), region)
    }

    pub fn kms(&self, region: &str) -> super::Kms {
        super::Kms::new(self.clone(), region)
    }

    /// `https://ec2.eu-central-1.amazonaws.com`: the host the signature is made for.
    pub fn endpoint(&self, prefix: &str, region: &str) -> String {
        match &self.endpoint_url {
            Some(url) => url.clone(),
            None if region.starts_with("cn-") => {
                format!("https://{prefix}.{region}.amazonaws.com.cn")
            }
            None => format!("https://{prefix}.{region}.amazonaws.com"),
        }
    }

    /// Signs `request` (its URL is the upstream's) for `signing_name` in `region`, sends it
    /// through the proxy and returns the response whatever its status; failures to sign or to
    /// get an answer are errors. `read` calls are retried while AWS throttles them.
    pub(crate) async fn send(
        &self,
        service: Service,
        signing_name: &str,
        region: &str,
        request: Request,
        read: bool,
    ) -> Result<Response, CloudError> {
        let mut backoff = FIRST_BACKOFF;
        let mut attempt = 0;
        loop {
            let response = self
                .send_once(service, signing_name, region, request.clone())
                .await?;
            let throttled = response.status == 429
                || (response.status == 503 && read)
                || (!response.is_success()
                    && super::errors::decode(service, &response).kind == ErrorKind::Throttled);
            if !(read && throttled && attempt < THROTTLE_RETRIES) {
                return Ok(response);
            }
            attempt += 1;
            transport::sleep(backoff).await;
            backoff *= 2;
        }
    }

    /// `url`, a GET, signed in its query for `signing_name` in `region` at `time`.
    pub(crate) fn presign(
        &self,
        service: Service,
        signing_name: &str,
        region: &str,
        url: &str,
        time: std::time::SystemTime,
        expires: Duration,
    ) -> Result<String, CloudError> {
        if self.credentials.is_expired_at(time.into()) {
            return Err(expired(service, &self.credentials));
        }
        signing::presign(url, &self.credentials, region, signing_name, time, expires)
            .map_err(|e| CloudError::new(ErrorKind::Invalid, service, e.to_string()))
    }

    async fn send_once(
        &self,
        service: Service,
        signing_name: &str,
        region: &str,
        mut request: Request,
    ) -> Result<Response, CloudError> {
        let now = OffsetDateTime::now_utc();
        if self.credentials.is_expired_at(now) {
            return Err(expired(service, &self.credentials));
        }
        // Signed at every attempt: a retried request carries a fresh date.
        signing::sign(
            &mut request,
            &self.credentials,
            region,
            signing_name,
            now.into(),
        )
        .map_err(|e| CloudError::new(ErrorKind::Invalid, service, e.to_string()))?;
        request.url = self.proxy.url(&request.url);
        self.http
            .send(request)
            .await
            .map_err(|e| CloudError::transport(service, e))
    }
}

/// What a call with temporary keys past their expiry gets instead of AWS's `ExpiredToken`.
fn expired(service: Service, credentials: &Credentials) -> CloudError {
    let at = credentials
        .expires_at
        .and_then(|at| {
            at.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default();
    CloudError::new(
        ErrorKind::Expired,
        service,
        format!("the temporary credentials expired at {at}; sign in with new ones"),
    )
}
