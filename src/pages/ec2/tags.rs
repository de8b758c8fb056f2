//! Edit tags of any EC2 resource: the user edits the whole list, nubo sends what changed —
//! CreateTags for new keys and new values, DeleteTags for removed keys. AWS's own `aws:` tags
//! are shown but cannot be edited.

use leptos::prelude::*;
use nubo_cloud::{
    Resource,
    aws::ec2::{Image, Instance, Snapshot, Tag, Volume, tag_changes},
};

use crate::{
    components::{
        cli::{CliEquivalent, shell_word},
        dialog::Dialog,
        tags::{TagEditor, rows_of, to_tags},
    },
    i18n::{t, t_string, td_string, tu_string, use_i18n},
    kit::{
        form::{FormActions, FormError},
        table::{Allowed, RowAction, label},
    },
    pages::ec2::explain,
    shell::notifications::{Level, Notifications},
    state::{accounts::Accounts, scope::Scope},
    tr,
};

/// What the dialog edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    pub id: String,
    /// How the page names it (Name tag or id).
    pub label: String,
    pub tags: Vec<Tag>,
}

/// What carries tags: every EC2 resource a page lists.
pub trait HasTags: Resource {
    fn tags(&self) -> &[Tag];
}

macro_rules! has_tags {
    ($($type:ty),*) => {
        $(impl HasTags for $type {
            fn tags(&self) -> &[Tag] {
                &self.tags
            }
        })*
    };
}

has_tags!(Instance, Volume, Snapshot, Image);

impl Tagged {
    pub fn of(resource: &impl HasTags) -> Self {
        Self {
            id: resource.id().to_owned(),
            label: label(resource),
            tags: resource.tags().to_vec(),
        }
    }
}

/// The row action that opens the tag editor.
pub fn edit_tags<T: HasTags + Clone + 'static>(target: RwSignal<Option<Tagged>>) -> RowAction<T> {
    RowAction::new(
        |l| td_string!(l, tags.edit),
        Allowed::Always,
        move |row: T| target.set(Some(Tagged::of(&row))),
    )
}

/// The AWS CLI calls that make the same change.
fn cli(region: &str, id: &str, set: &[Tag], removed: &[String]) -> String {
    let mut lines = Vec::new();
    let resource = format!(
        "--region {} --resources {}",
        shell_word(region),
        shell_word(id)
    );
    if !set.is_empty() {
        let tags: Vec<String> = set
            .iter()
            .map(|t| shell_word(&format!("Key={},Value={}", t.key, t.value)))
            .collect();
        lines.push(format!(
            "aws ec2 create-tags {resource} --tags {}",
            tags.join(" ")
        ));
    }
    if !removed.is_empty() {
        let keys: Vec<String> = removed
            .iter()
            .map(|k| shell_word(&format!("Key={k}")))
            .collect();
        lines.push(format!(
            "aws ec2 delete-tags {resource} --tags {}",
            keys.join(" ")
        ));
    }
    lines.join("\n")
}

#[component]
pub fn EditTagsDialog(
    scope: Scope,
    target: RwSignal<Option<Tagged>>,
    /// After a change, so the page shows the new tags.
    on_changed: Callback<()>,
) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let rows = RwSignal::new(Vec::<(String, String)>::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(t) = target.get() {
            rows.set(rows_of(&t.tags));
            error.set(None);
        }
    });
    let changes = move || {
        let before = target.with(|t| t.as_ref().map(|t| t.tags.clone()))?;
        Some(tag_changes(&before, &rows.with(|r| to_tags(r))))
    };
    let command = Signal::derive(move || {
        let (Some(t), Some((set, removed))) = (target.get(), changes()) else {
            return String::new();
        };
        cli(
            &scope.with_value(|s| s.region.clone()),
            &t.id,
            &set,
            &removed,
        )
    });
    let unchanged = Signal::derive(move || {
        changes()
            .filter(|(set, removed)| set.is_empty() && removed.is_empty())
            .map(|_| t_string!(i18n, tags.unchanged).to_string())
    });
    let reserved = move || {
        target.with(|t| {
            t.as_ref()
                .map(|t| {
                    t.tags
                        .iter()
                        .filter(|t| t.is_reserved())
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let close = crate::kit::form::closer(busy, target);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(t), Some((set, removed))) = (target.get_untracked(), untrack(changes)) else {
            return;
        };
        if set.is_empty() && removed.is_empty() {
            return;
        }
        let ec2 = accounts.ec2(&scope.get_value());
        let locale = i18n.get_locale_untracked();
        let id = t.id.clone();
        // Which call failed names the IAM action; a DeleteTags refused after CreateTags
        // succeeded leaves the tags changed in part, so the list is refreshed either way.
        let step = std::rc::Rc::new(std::cell::Cell::new("ec2:CreateTags"));
        let failed_step = step.clone();
        crate::kit::form::run(
            busy,
            error,
            async move {
                let ec2 = ec2?;
                let ids = [id.as_str()];
                if !set.is_empty() {
                    ec2.create_tags(&ids, &set).await?;
                }
                if !removed.is_empty() {
                    step.set("ec2:DeleteTags");
                    let keys: Vec<&str> = removed.iter().map(String::as_str).collect();
                    ec2.delete_tags(&ids, &keys).await?;
                }
                Ok(())
            },
            move |e| {
                on_changed.run(());
                explain(e, failed_step.get(), locale)
            },
            move |()| {
                target.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, tags.saved, name = &t.label),
                    None,
                );
                on_changed.run(());
            },
        );
    };
    let title = Signal::derive(move || {
        target
            .get()
            .map(|t| t_string!(i18n, tags.edit_title, name = t.label).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || target.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <TagEditor rows />
                {move || {
                    let reserved = reserved();
                    (!reserved.is_empty()).then(|| view! {
                        <div class="reserved-tags">
                            <p class="hint">{t!(i18n, tags.reserved)}</p>
                            {reserved.into_iter().map(|t| view! {
                                <span class="tag">{format!("{}={}", t.key, t.value)}</span>
                            }).collect_view()}
                        </div>
                    })
                }}
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, tags.save) busy_label=tr!(i18n, tags.saving) busy on_cancel=close blocked=unchanged />
            </form>
        </Dialog>
    }
}
