//! Data Lifecycle Manager (REST-JSON, API 2018-01-12): the policies that snapshot tagged volumes
//! or instances on a schedule, such as the guide's daily snapshot at 02:00 UTC.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime, Time};

use super::{Account, errors};
use crate::{
    error::{CloudError, ErrorKind, Service},
    transport::{Method, Request, Response},
};

/// DLM's tags are `{"Key", "Value"}`, unlike EC2's XML `key`/`value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

impl From<super::ec2::Tag> for Tag {
    fn from(tag: super::ec2::Tag) -> Self {
        Self {
            key: tag.key,
            value: tag.value,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ResourceType {
    Volume,
    Instance,
}

/// Seconds since 1970 as DLM sends them; an ISO 8601 string is read too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Timestamp {
    Seconds(f64),
    Text(String),
}

impl Timestamp {
    pub fn to_datetime(&self) -> Option<OffsetDateTime> {
        match self {
            Self::Seconds(s) if s.is_finite() => {
                OffsetDateTime::from_unix_timestamp_nanos((s * 1e9) as i128).ok()
            }
            Self::Seconds(_) => None,
            Self::Text(text) => {
                OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<u32>,
    /// `HOURS`, the only unit DLM has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval_unit: Option<String>,
    /// `hh:mm` in UTC: the first run of the day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub times: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cron_expression: Option<String>,
}

impl CreateRule {
    /// The first run strictly after `now`, for interval schedules (`every N hours from
    /// hh:mm UTC`); None for cron expressions, which are shown as written.
    pub fn next_run(&self, now: OffsetDateTime) -> Option<OffsetDateTime> {
        if self.cron_expression.is_some() {
            return None;
        }
        let hours = i64::from(self.interval?);
        if hours == 0 || self.interval_unit.as_deref().is_some_and(|u| u != "HOURS") {
            return None;
        }
        let (h, m) = self.times.first().map_or(Some((0, 0)), |t| {
            let (h, m) = t.split_once(':')?;
            Some((h.parse().ok()?, m.parse().ok()?))
        })?;
        let now = now.to_offset(time::UtcOffset::UTC);
        let first = now
            .replace_time(Time::from_hms(h, m, 0).ok()?)
            .checked_sub(Duration::days(1))?;
        // Runs fall at first + k·interval; DLM's intervals divide 24, so days line up.
        let since = (now - first).whole_minutes();
        let step = hours * 60;
        let k = since / step + 1;
        first.checked_add(Duration::minutes(k * step))
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RetainRule {
    /// Keep this many snapshots of each volume.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval_unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Schedule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_tags: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags_to_add: Vec<Tag>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_rule: Option<CreateRule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retain_rule: Option<RetainRule>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Parameters {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_boot_volume: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_reboot: Option<bool>,
}

/// The part of a policy nubo shows and writes; DLM keeps the parts it does not know.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_types: Vec<ResourceType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_tags: Vec<Tag>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Parameters>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicySummary {
    pub policy_id: String,
    pub description: Option<String>,
    /// ENABLED, DISABLED, ERROR
    pub state: String,
    pub policy_type: Option<String>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    pub default_policy: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Policy {
    pub policy_id: String,
    pub description: Option<String>,
    pub state: String,
    pub status_message: Option<String>,
    pub execution_role_arn: Option<String>,
    pub date_created: Option<Timestamp>,
    pub date_modified: Option<Timestamp>,
    pub policy_details: Option<PolicyDetails>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    pub policy_arn: Option<String>,
}

impl crate::Resource for PolicySummary {
    fn id(&self) -> &str {
        &self.policy_id
    }
    fn name(&self) -> &str {
        self.description.as_deref().unwrap_or_default()
    }
    fn status(&self) -> &str {
        &self.state
    }
}

/// The role DLM's console creates; new policies offer it.
pub fn default_role_arn(account_id: &str) -> String {
    format!("arn:aws:iam::{account_id}:role/AWSDataLifecycleManagerDefaultRole")
}

/// The guide's schedule: snapshots of every volume (or instance) with the target tags, every day
/// at `time_utc`, keeping the last `retain_count`.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDailyPolicy {
    pub description: String,
    pub execution_role_arn: String,
    pub resource_type: ResourceType,
    pub target_tags: Vec<Tag>,
    /// `hh:mm`, UTC.
    pub time_utc: String,
    pub retain_count: u32,
    /// Snapshots get their volume's tags.
    pub copy_tags: bool,
    pub tags_to_add: Vec<Tag>,
    pub enabled: bool,
}

impl NewDailyPolicy {
    pub fn details(&self) -> PolicyDetails {
        PolicyDetails {
            policy_type: Some("EBS_SNAPSHOT_MANAGEMENT".into()),
            resource_types: vec![self.resource_type],
            target_tags: self.target_tags.clone(),
            schedules: vec![Schedule {
                name: Some(format!("Daily at {} UTC", self.time_utc)),
                copy_tags: Some(self.copy_tags),
                tags_to_add: self.tags_to_add.clone(),
                create_rule: Some(CreateRule {
                    interval: Some(24),
                    interval_unit: Some("HOURS".into()),
                    times: vec![self.time_utc.clone()],
                    cron_expression: None,
                }),
                retain_rule: Some(RetainRule {
                    count: Some(self.retain_count),
                    ..RetainRule::default()
                }),
            }],
            parameters: None,
        }
    }

    /// The body of CreateLifecyclePolicy.
    pub fn body(&self) -> Value {
        json!({
            "ExecutionRoleArn": self.execution_role_arn,
            "Description": self.description,
            "State": state(self.enabled),
            "PolicyDetails": self.details(),
        })
    }
}

fn state(enabled: bool) -> &'static str {
    if enabled { "ENABLED" } else { "DISABLED" }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PoliciesAnswer {
    #[serde(default)]
    policies: Vec<PolicySummary>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyAnswer {
    policy: Policy,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreatedAnswer {
    policy_id: String,
}

#[doc(hidden)]
/// The parsers of every DLM answer, by operation, for tests that feed them broken answers.
pub fn parse_answer(operation: &str, response: &Response) -> Result<(), CloudError> {
    match operation {
        "GetLifecyclePolicies" => parse::<PoliciesAnswer>(response).map(drop),
        "GetLifecyclePolicy" => parse::<PolicyAnswer>(response).map(drop),
        "CreateLifecyclePolicy" => parse::<CreatedAnswer>(response).map(drop),
        _ => Ok(()),
    }
}

fn parse<T: DeserializeOwned>(response: &Response) -> Result<T, CloudError> {
    serde_json::from_slice(&response.body)
        .map_err(|e| CloudError::unreadable(Service::Dlm, response, e))
}

/// Data Lifecycle Manager in one region of an account.
#[derive(Debug, Clone)]
pub struct Dlm {
    account: Account,
    region: String,
}

impl Dlm {
    pub fn new(account: Account, region: &str) -> Self {
        Self {
            account,
            region: region.to_owned(),
        }
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Response, CloudError> {
        let url = format!("{}{path}", self.account.endpoint("dlm", &self.region));
        let mut request = Request::new(method, url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = self
            .account
            .send(
                Service::Dlm,
                "dlm",
                &self.region,
                request,
                method == Method::Get,
            )
            .await?;
        if response.is_success() {
            Ok(response)
        } else {
            Err(errors::decode(Service::Dlm, &response))
        }
    }

    /// `/policies/{id}`, for ids as DLM makes them (`policy-0123abcd…`).
    fn policy_path(id: &str) -> Result<String, CloudError> {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(CloudError::new(
                ErrorKind::Invalid,
                Service::Dlm,
                format!("{id:?} is not a lifecycle policy id"),
            ));
        }
        Ok(format!("/policies/{id}"))
    }

    pub async fn policies(&self) -> Result<Vec<PolicySummary>, CloudError> {
        let response = self.call(Method::Get, "/policies", None).await?;
        Ok(parse::<PoliciesAnswer>(&response)?.policies)
    }

    pub async fn policy(&self, id: &str) -> Result<Policy, CloudError> {
        let response = self
            .call(Method::Get, &Self::policy_path(id)?, None)
            .await?;
        Ok(parse::<PolicyAnswer>(&response)?.policy)
    }

    /// Returns the new policy's id.
    pub async fn create_daily_policy(&self, policy: &NewDailyPolicy) -> Result<String, CloudError> {
        let response = self
            .call(Method::Post, "/policies", Some(policy.body()))
            .await?;
        Ok(parse::<CreatedAnswer>(&response)?.policy_id)
    }

    pub async fn set_enabled(&self, id: &str, enabled: bool) -> Result<(), CloudError> {
        let body = json!({ "State": state(enabled) });
        self.call(Method::Patch, &Self::policy_path(id)?, Some(body))
            .await
            .map(drop)
    }

    pub async fn delete_policy(&self, id: &str) -> Result<(), CloudError> {
        self.call(Method::Delete, &Self::policy_path(id)?, None)
            .await
            .map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn daily_at(time: &str, hours: u32) -> CreateRule {
        CreateRule {
            interval: Some(hours),
            interval_unit: Some("HOURS".into()),
            times: vec![time.into()],
            cron_expression: None,
        }
    }

    #[test]
    fn next_run_of_a_daily_schedule() {
        let rule = daily_at("02:00", 24);
        assert_eq!(
            rule.next_run(datetime!(2026-11-25 01:59 UTC)),
            Some(datetime!(2026-11-25 02:00 UTC))
        );
        assert_eq!(
            rule.next_run(datetime!(2026-11-25 02:00 UTC)),
            Some(datetime!(2026-11-26 02:00 UTC))
        );
        // The user's clock may be in any zone; the answer is the same instant.
        assert_eq!(
            rule.next_run(datetime!(2026-11-25 23:30 +01:00)),
            Some(datetime!(2026-11-26 02:00 UTC))
        );
        assert_eq!(
            daily_at("02:00", 12).next_run(datetime!(2026-11-25 03:00 UTC)),
            Some(datetime!(2026-11-25 14:00 UTC))
        );
        let cron = CreateRule {
            cron_expression: Some("cron(0 2 ? * MON *)".into()),
            ..CreateRule::default()
        };
        assert_eq!(cron.next_run(datetime!(2026-11-25 00:00 UTC)), None);
        assert_eq!(
            daily_at("2am", 24).next_run(datetime!(2026-11-25 00:00 UTC)),
            None
        );
    }

    #[test]
    fn a_daily_policy_as_dlm_expects_it() {
        let policy = NewDailyPolicy {
            description: "Daily snapshots of tagged volumes".into(),
            execution_role_arn: default_role_arn("123456789012"),
            resource_type: ResourceType::Volume,
            target_tags: vec![Tag {
                key: "Backup".into(),
                value: "daily".into(),
            }],
            time_utc: "02:00".into(),
            retain_count: 7,
            copy_tags: true,
            tags_to_add: vec![],
            enabled: true,
        };
        assert_eq!(
            policy.body(),
            json!({
                "ExecutionRoleArn": "arn:aws:iam::123456789012:role/AWSDataLifecycleManagerDefaultRole",
                "Description": "Daily snapshots of tagged volumes",
                "State": "ENABLED",
                "PolicyDetails": {
                    "PolicyType": "EBS_SNAPSHOT_MANAGEMENT",
                    "ResourceTypes": ["VOLUME"],
                    "TargetTags": [{"Key": "Backup", "Value": "daily"}],
                    "Schedules": [{
                        "Name": "Daily at 02:00 UTC",
                        "CopyTags": true,
                        "CreateRule": {"Interval": 24, "IntervalUnit": "HOURS", "Times": ["02:00"]},
                        "RetainRule": {"Count": 7}
                    }]
                }
            })
        );
    }
}
