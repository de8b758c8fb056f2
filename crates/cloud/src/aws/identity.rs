//! Who a pair of keys belongs to: STS GetCallerIdentity (the account id and the caller's ARN)
//! and IAM ListAccountAliases (the account's friendly name). The portal labels an account with
//! them and fills in what the guide asks for (the `Owner` tag, the DLM role's ARN).

use serde::Deserialize;

use super::{Account, errors, query::Params, xml};
use crate::{
    error::{CloudError, Service},
    transport::{Method, Request},
};

const STS_VERSION: &str = "2011-06-15";
const IAM_VERSION: &str = "2010-05-08";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CallerIdentity {
    #[serde(rename = "Account")]
    pub account: String,
    #[serde(rename = "Arn")]
    pub arn: String,
    #[serde(rename = "UserId", default)]
    pub user_id: String,
}

impl CallerIdentity {
    /// The IAM user's name, the role session's or the federated user's; `None` for the root
    /// user, who has no name of its own.
    pub fn caller_name(&self) -> Option<&str> {
        let resource = self.arn.splitn(6, ':').nth(5)?;
        let (kind, rest) = resource.split_once('/')?;
        match kind {
            // `user/path/Alice`: the name is the last segment.
            "user" | "federated-user" => rest.rsplit('/').next(),
            // `assumed-role/RoleName/session-name`
            "assumed-role" => rest.split_once('/').map(|(_, session)| session),
            _ => None,
        }
        .filter(|name| !name.is_empty())
    }
}

#[derive(Deserialize)]
struct CallerIdentityAnswer {
    #[serde(rename = "GetCallerIdentityResult")]
    result: CallerIdentity,
}

#[derive(Deserialize)]
struct AliasesAnswer {
    #[serde(rename = "ListAccountAliasesResult")]
    result: AliasesResult,
}

#[derive(Deserialize)]
struct AliasesResult {
    #[serde(rename = "AccountAliases", default)]
    aliases: Option<Members>,
}

#[derive(Deserialize)]
struct Members {
    #[serde(rename = "member", default)]
    members: Vec<String>,
}

impl Account {
    /// STS GetCallerIdentity, asked in `region` (STS answers in every region). Real AWS
    /// allows it to every key; a policy that denies it gets a `Forbidden` error.
    pub async fn caller_identity(&self, region: &str) -> Result<CallerIdentity, CloudError> {
        let url = format!("{}/", self.endpoint("sts", region));
        let params = Params::of_version("GetCallerIdentity", STS_VERSION);
        let response = self
            .query(Service::Sts, "sts", region, url, &params)
            .await?;
        let answer: CallerIdentityAnswer = xml::parse(Service::Sts, &response)?;
        Ok(answer.result)
    }

    /// The account's alias (an account has one at most), from IAM, which is global: its one
    /// endpoint signs for us-east-1 (cn-north-1 in China).
    pub async fn alias(&self, region: &str) -> Result<Option<String>, CloudError> {
        let (url, signing_region) = match &self.endpoint_url {
            Some(url) => (format!("{url}/"), region),
            None if region.starts_with("cn-") => (
                "https://iam.cn-north-1.amazonaws.com.cn/".into(),
                "cn-north-1",
            ),
            None => ("https://iam.amazonaws.com/".into(), "us-east-1"),
        };
        let params = Params::of_version("ListAccountAliases", IAM_VERSION);
        let response = self
            .query(Service::Iam, "iam", signing_region, url, &params)
            .await?;
        let answer: AliasesAnswer = xml::parse(Service::Iam, &response)?;
        Ok(answer
            .result
            .aliases
            .and_then(|a| a.members.into_iter().find(|m| !m.is_empty())))
    }

    /// One Query API call (a form POST answered in XML) that changes nothing.
    async fn query(
        &self,
        service: Service,
        signing_name: &str,
        region: &str,
        url: String,
        params: &Params,
    ) -> Result<crate::transport::Response, CloudError> {
        let mut request = Request::new(Method::Post, url).header(
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        );
        request.body = Some(params.encode().into_bytes());
        let response = self
            .send(service, signing_name, region, request, true)
            .await?;
        if response.is_success() {
            Ok(response)
        } else {
            Err(errors::decode(service, &response))
        }
    }
}

#[doc(hidden)]
/// The parsers of the answers above, by action, for tests that feed them real and broken
/// answers.
pub fn parse_answer(action: &str, response: &crate::transport::Response) -> Result<(), CloudError> {
    match action {
        "GetCallerIdentity" => xml::parse::<CallerIdentityAnswer>(Service::Sts, response).map(drop),
        "ListAccountAliases" => xml::parse::<AliasesAnswer>(Service::Iam, response).map(drop),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(arn: &str) -> CallerIdentity {
        CallerIdentity {
            account: "123456789012".into(),
            arn: arn.into(),
            user_id: String::new(),
        }
    }

    #[test]
    fn the_caller_is_named_by_the_last_part_of_its_arn() {
        let name = |arn| identity(arn).caller_name().map(str::to_owned);
        assert_eq!(
            name("arn:aws:iam::123456789012:user/Alice").as_deref(),
            Some("Alice")
        );
        assert_eq!(
            name("arn:aws:iam::123456789012:user/division/ops/Bob").as_deref(),
            Some("Bob")
        );
        assert_eq!(
            name("arn:aws:sts::123456789012:assumed-role/Admin/carla@example.org").as_deref(),
            Some("carla@example.org")
        );
        assert_eq!(
            name("arn:aws:sts::123456789012:federated-user/dan").as_deref(),
            Some("dan")
        );
        assert_eq!(name("arn:aws:iam::123456789012:root"), None);
        assert_eq!(name("not an arn"), None);
    }
}
