//! When a row action is allowed, and why not when it is not. Refusals are data, so the words
//! the page shows for them follow the language switcher.

use std::sync::Arc;

use nubo_cloud::{
    Resource,
    openstack::{glance::Image, nova::Server},
};

use crate::status::{Tone, tone};

/// Why a row action is not allowed now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The resource's status is not one the action declares.
    Status(String),
    /// Nova is busy with the server (its task state).
    NovaBusy(String),
    /// Glance is still writing the image.
    GlanceBusy,
    Protected,
    /// IAM (or Keystone's policy) denies the action named, as a `DryRun` found out.
    Denied(String),
}

/// Why an action is not allowed for a row in `status`, or `None` when it is.
pub fn refusal(status: &str, allowed: &[&str]) -> Option<Refusal> {
    (!allowed.contains(&status)).then(|| Refusal::Status(status.to_owned()))
}

type Check<T> = Arc<dyn Fn(&T) -> Option<Refusal> + Send + Sync>;

/// When a row action is allowed.
pub enum Allowed<T> {
    Always,
    /// In these statuses (the resource's `status()`), as the cloud spells them.
    In(&'static [&'static str]),
    /// When this says no refusal (it may read signals: the page's own knowledge, as an IAM
    /// denial found by a `DryRun`).
    When(Check<T>),
}

impl<T: Resource> Allowed<T> {
    pub fn when(check: impl Fn(&T) -> Option<Refusal> + Send + Sync + 'static) -> Self {
        Self::When(Arc::new(check))
    }

    pub fn refusal(&self, row: &T) -> Option<Refusal> {
        match self {
            Self::Always => None,
            Self::In(states) => refusal(row.status(), states),
            Self::When(check) => check(row),
        }
    }
}

/// A server action allowed in `states`, and never while Nova is busy with the server (its task
/// state): Nova would answer 409 to anything sent then.
pub fn nova(states: &'static [&'static str]) -> Allowed<Server> {
    Allowed::when(move |server: &Server| match &server.task_state {
        Some(task) => Some(Refusal::NovaBusy(task.clone())),
        None => refusal(&server.status, states),
    })
}

/// Why an image cannot be deleted now, if it cannot: protected, or still being written (a
/// `queued` image has no data yet, and deleting it is how an upload is abandoned).
pub fn image_delete(image: &Image) -> Option<Refusal> {
    if image.protected {
        Some(Refusal::Protected)
    } else if tone(&image.status) == Tone::Busy && image.status != "queued" {
        Some(Refusal::GlanceBusy)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(status: &str, task: Option<&str>) -> Server {
        serde_json::from_value(serde_json::json!({
            "id": "s-1", "name": "web", "status": status, "OS-EXT-STS:task_state": task,
        }))
        .unwrap()
    }

    fn image(status: &str, protected: bool) -> Image {
        serde_json::from_value(serde_json::json!({
            "id": "i-1", "name": "snap", "status": status, "protected": protected,
        }))
        .unwrap()
    }

    #[test]
    fn declared_states_allow_and_others_refuse_with_the_status() {
        assert_eq!(refusal("available", &["available", "in-use"]), None);
        assert_eq!(
            refusal("creating", &["available"]),
            Some(Refusal::Status("creating".into()))
        );
    }

    #[test]
    fn nova_refuses_while_a_task_runs_even_in_an_allowed_status() {
        let snapshot = nova(&["ACTIVE", "SHUTOFF"]);
        assert_eq!(snapshot.refusal(&server("ACTIVE", None)), None);
        assert_eq!(
            snapshot.refusal(&server("ACTIVE", Some("image_snapshot"))),
            Some(Refusal::NovaBusy("image_snapshot".into()))
        );
        assert_eq!(
            snapshot.refusal(&server("ERROR", None)),
            Some(Refusal::Status("ERROR".into()))
        );
    }

    #[test]
    fn an_image_is_deleted_unless_protected_or_being_written() {
        assert_eq!(image_delete(&image("active", false)), None);
        assert_eq!(image_delete(&image("queued", false)), None);
        assert_eq!(
            image_delete(&image("saving", false)),
            Some(Refusal::GlanceBusy)
        );
        assert_eq!(
            image_delete(&image("active", true)),
            Some(Refusal::Protected)
        );
    }
}
