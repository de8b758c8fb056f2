//! Key Management Service (JSON 1.1, `TrentService`): only what a copy form needs, the aliases
//! of a region's keys, so the user picks a key by its name instead of pasting an ARN.

use serde::Deserialize;
use serde_json::{Value, json};

use super::{Account, errors};
use crate::{
    error::{CloudError, Service},
    transport::{Method, Request},
};

/// `alias/aws/ebs`, the key EBS encrypts with unless told otherwise.
pub const EBS_DEFAULT_ALIAS: &str = "alias/aws/ebs";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Alias {
    /// `alias/backup`; AWS's own keys are `alias/aws/…`.
    pub alias_name: String,
    #[serde(default)]
    pub alias_arn: Option<String>,
    /// Absent for an AWS key not yet made in this region (`alias/aws/ebs` before first use).
    #[serde(default)]
    pub target_key_id: Option<String>,
}

impl Alias {
    /// A key the user made (not `alias/aws/…`) that points at one.
    pub fn is_customer_key(&self) -> bool {
        !self.alias_name.starts_with("alias/aws/") && self.target_key_id.is_some()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AliasesAnswer {
    #[serde(default)]
    aliases: Vec<Alias>,
    #[serde(default)]
    next_marker: Option<String>,
    #[serde(default)]
    truncated: bool,
}

/// KMS in one region of an account.
#[derive(Debug, Clone)]
pub struct Kms {
    account: Account,
    region: String,
}

impl Kms {
    pub fn new(account: Account, region: &str) -> Self {
        Self {
            account,
            region: region.to_owned(),
        }
    }

    /// Every alias of the region, page after page.
    pub async fn aliases(&self) -> Result<Vec<Alias>, CloudError> {
        super::all_pages(Service::Kms, 20, |marker| async move {
            let mut body = json!({ "Limit": 100 });
            if let Some(marker) = marker {
                body["Marker"] = Value::String(marker);
            }
            let answer: AliasesAnswer = self.call("ListAliases", &body).await?;
            Ok(super::Page {
                items: answer.aliases,
                next_token: answer.next_marker.filter(|_| answer.truncated),
            })
        })
        .await
    }

    async fn call<T: serde::de::DeserializeOwned>(
        &self,
        action: &str,
        body: &Value,
    ) -> Result<T, CloudError> {
        let url = format!("{}/", self.account.endpoint("kms", &self.region));
        let mut request = Request::new(Method::Post, url)
            .header("x-amz-target", format!("TrentService.{action}"));
        request.body = Some(body.to_string().into_bytes());
        let request = request.header("content-type", "application/x-amz-json-1.1");
        let read = action.starts_with("List") || action.starts_with("Describe");
        let response = self
            .account
            .send(Service::Kms, "kms", &self.region, request, read)
            .await?;
        if !response.is_success() {
            return Err(errors::decode(Service::Kms, &response));
        }
        serde_json::from_slice(&response.body).map_err(|e| {
            CloudError::new(
                crate::ErrorKind::Unexpected,
                Service::Kms,
                format!("KMS answered something nubo cannot read: {e}"),
            )
        })
    }
}
