//! The EC2 Query API's request: a form body with `Action`, `Version` and parameters whose names
//! carry list positions (`Filter.1.Value.2`), named as the EC2 model's query names say.

use super::ec2::{Filter, Tag};

pub const EC2_VERSION: &str = "2016-11-15";

#[derive(Debug, Clone)]
pub struct Params {
    pub action: &'static str,
    pairs: Vec<(String, String)>,
}

impl Params {
    pub fn new(action: &'static str) -> Self {
        Self::of_version(action, EC2_VERSION)
    }

    /// An action of another Query API (STS, IAM), which has its own version.
    pub fn of_version(action: &'static str, version: &str) -> Self {
        Self {
            action,
            pairs: vec![
                ("Action".into(), action.into()),
                ("Version".into(), version.into()),
            ],
        }
    }

    pub fn set(mut self, name: &str, value: impl ToString) -> Self {
        self.pairs.push((name.to_owned(), value.to_string()));
        self
    }

    pub fn opt(self, name: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(value) => self.set(name, value),
            None => self,
        }
    }

    /// `true` only: EC2's booleans default to false, and fewer parameters read better in logs.
    pub fn flag(self, name: &str, on: bool) -> Self {
        if on { self.set(name, "true") } else { self }
    }

    /// `Name.1`, `Name.2`, …
    pub fn list<S: AsRef<str>>(mut self, name: &str, values: &[S]) -> Self {
        for (i, value) in values.iter().enumerate() {
            self = self.set(&format!("{name}.{}", i + 1), value.as_ref());
        }
        self
    }

    pub fn filters(mut self, filters: &[Filter]) -> Self {
        for (i, filter) in filters.iter().enumerate() {
            let prefix = format!("Filter.{}", i + 1);
            self = self
                .set(&format!("{prefix}.Name"), &filter.name)
                .list(&format!("{prefix}.Value"), &filter.values);
        }
        self
    }

    /// `{prefix}.N.Key` and `{prefix}.N.Value`.
    pub fn tags(mut self, prefix: &str, tags: &[Tag]) -> Self {
        for (i, tag) in tags.iter().enumerate() {
            self = self
                .set(&format!("{prefix}.{}.Key", i + 1), &tag.key)
                .set(&format!("{prefix}.{}.Value", i + 1), &tag.value);
        }
        self
    }

    /// Tags given to what the call creates; one specification per resource type.
    pub fn tag_specifications(mut self, specifications: &[(&str, &[Tag])]) -> Self {
        let mut n = 0;
        for (resource_type, tags) in specifications {
            if tags.is_empty() {
                continue;
            }
            n += 1;
            let prefix = format!("TagSpecification.{n}");
            self = self
                .set(&format!("{prefix}.ResourceType"), resource_type)
                .tags(&format!("{prefix}.Tag"), tags);
        }
        self
    }

    pub fn encode(&self) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&self.pairs)
            .finish()
    }

    /// As a URL's query, each name and value encoded as SigV4 canonicalises them (`%20`, not
    /// `+`), so a presigned URL reads the same to AWS as it did to the signer.
    pub fn encode_query(&self) -> String {
        self.pairs
            .iter()
            .map(|(name, value)| format!("{}={}", rfc3986(name), rfc3986(value)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Everything but RFC 3986's unreserved characters is percent-encoded.
const RESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

pub fn rfc3986(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, RESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_filters_and_tag_specifications_are_numbered_from_one() {
        let tags = [Tag::new("Name", "db data"), Tag::new("Owner", "ops&co")];
        let params = Params::new("CreateSnapshot")
            .set("VolumeId", "vol-1")
            .tag_specifications(&[("snapshot", &tags), ("volume", &[])])
            .filters(&[Filter::new("tag:Name", ["a", "b"])])
            .list("Owner", &["self"])
            .flag("DryRun", false);
        assert_eq!(
            params.encode(),
            "Action=CreateSnapshot&Version=2016-11-15&VolumeId=vol-1\
             &TagSpecification.1.ResourceType=snapshot\
             &TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=db+data\
             &TagSpecification.1.Tag.2.Key=Owner&TagSpecification.1.Tag.2.Value=ops%26co\
             &Filter.1.Name=tag%3AName&Filter.1.Value.1=a&Filter.1.Value.2=b&Owner.1=self"
        );
    }
}
