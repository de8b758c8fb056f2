//! Reading EC2's XML into typed structs with quick-xml's serde support. Member names are the
//! EC2 model's `locationName`s; the namespace is ignored (moto's differs from AWS's).

use serde::{Deserialize, Deserializer, de::DeserializeOwned};

use crate::{CloudError, Service, transport::Response};

pub fn parse<T: DeserializeOwned>(service: Service, response: &Response) -> Result<T, CloudError> {
    let text = std::str::from_utf8(&response.body)
        .map_err(|e| CloudError::unreadable(service, response, e))?;
    quick_xml::de::from_str(text).map_err(|e| CloudError::unreadable(service, response, e))
}

/// EC2 wraps every list as `<xxxSet><item>…</item></xxxSet>`; the struct field gets the items.
pub fn items<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    #[derive(Deserialize)]
    struct Set<T> {
        #[serde(rename = "item", default = "Vec::new")]
        items: Vec<T>,
    }
    Ok(Option::<Set<T>>::deserialize(deserializer)?
        .map(|set| set.items)
        .unwrap_or_default())
}

/// `<nextToken/>` and an absent token both mean "no more pages".
pub fn token<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(Option::<String>::deserialize(deserializer)?.filter(|t| !t.trim().is_empty()))
}
