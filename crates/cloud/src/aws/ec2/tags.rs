//! Tags, and what turns one set of them into another.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

impl Tag {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            value: value.into(),
        }
    }
}

impl Tag {
    /// Keys starting with `aws:` belong to AWS (DLM marks its snapshots so); users can neither
    /// set nor remove them.
    pub fn is_reserved(&self) -> bool {
        self.key.starts_with("aws:")
    }
}

/// What turns the tags `before` into `after`: the tags to set (new keys and changed values,
/// for CreateTags) and the keys to remove (for DeleteTags). Reserved keys are left alone.
pub fn tag_changes(before: &[Tag], after: &[Tag]) -> (Vec<Tag>, Vec<String>) {
    let set = after
        .iter()
        .filter(|t| !t.is_reserved() && !before.contains(t))
        .cloned()
        .collect();
    let removed = before
        .iter()
        .filter(|t| !t.is_reserved() && !after.iter().any(|a| a.key == t.key))
        .map(|t| t.key.clone())
        .collect();
    (set, removed)
}

pub(super) fn tag<'a>(tags: &'a [Tag], key: &str) -> Option<&'a str> {
    tags.iter().find(|t| t.key == key).map(|t| t.value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_changes_set_new_and_changed_values_and_remove_missing_keys() {
        let before = [
            Tag::new("Name", "db"),
            Tag::new("Owner", "ana"),
            Tag::new("Team", "ops"),
            Tag::new("aws:dlm:lifecycle-policy-id", "policy-1"),
        ];
        let after = [
            Tag::new("Name", "db"),
            Tag::new("Owner", "bea"),
            Tag::new("Backup", "daily"),
        ];
        let (set, removed) = tag_changes(&before, &after);
        assert_eq!(set, [Tag::new("Owner", "bea"), Tag::new("Backup", "daily")]);
        assert_eq!(removed, ["Team"]);
        assert_eq!(tag_changes(&before, &before), (vec![], vec![]));
    }

    #[test]
    fn reserved_tags_are_never_set_or_removed() {
        let (set, removed) = tag_changes(&[Tag::new("aws:x", "1")], &[Tag::new("aws:y", "2")]);
        assert!(set.is_empty() && removed.is_empty());
    }
}
