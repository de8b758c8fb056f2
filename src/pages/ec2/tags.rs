//! Edit tags of any EC2 resource: the user edits the whole list, nubo sends what changed —
//! CreateTags for new keys and new values, DeleteTags for removed keys. AWS's own `aws:` tags
//! are shown but cannot be edited.

use crate::components::tags::{TagEditor, rows_of, to_tags};
use crate::prelude::*;
use nubo_cloud::Resource;
use nubo_cloud::aws::ec2::{Image, Instance, Snapshot, Tag, Volume, tag_changes};

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
    scope: StoredValue<Scope>,
    target: RwSignal<Option<Tagged>>,
    /// After a change, so the page shows the new tags.
    on_changed: Callback<()>,
) -> impl IntoView {
    view! {
        <FormDialog target on_done=on_changed title=|t, l| td_string!(l, tags.edit_title, name = &t.label).to_string() body=move |tagged, form| view! { <TagsForm scope tagged form /> } />
    }
}

#[component]
fn TagsForm(scope: StoredValue<Scope>, tagged: Tagged, form: FormState) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let rows = RwSignal::new(rows_of(&tagged.tags));
    let reserved: Vec<Tag> = tagged
        .tags
        .iter()
        .filter(|t| t.is_reserved())
        .cloned()
        .collect();
    let tagged = StoredValue::new(tagged);
    let changes = move || tagged.with_value(|t| tag_changes(&t.tags, &rows.with(|r| to_tags(r))));
    let region = scope.with_value(|s| s.region.clone());
    let command = Signal::derive(move || {
        let (set, removed) = changes();
        cli(
            &region,
            &tagged.with_value(|t| t.id.clone()),
            &set,
            &removed,
        )
    });
    let unchanged = Signal::derive(move || {
        let (set, removed) = changes();
        (set.is_empty() && removed.is_empty()).then(|| t_string!(i18n, tags.unchanged).to_string())
    });
    let submit = Callback::new(move |()| {
        let (set, removed) = untrack(changes);
        if set.is_empty() && removed.is_empty() {
            return;
        }
        let t = tagged.get_value();
        let ec2 = scope.with_value(|s| accounts.ec2(s));
        let id = t.id.clone();
        // Which call failed names the IAM action; a DeleteTags refused after CreateTags
        // succeeded leaves the tags changed in part, so the list is refreshed either way.
        let call = async move {
            let ec2 = ec2.map_err(Failure::Cloud)?;
            let ids = [id.as_str()];
            if !set.is_empty() {
                ec2.create_tags(&ids, &set)
                    .await
                    .map_err(Failure::aws("ec2:CreateTags"))?;
            }
            if !removed.is_empty() {
                let keys: Vec<&str> = removed.iter().map(String::as_str).collect();
                let deleted = ec2.delete_tags(&ids, &keys).await;
                if deleted.is_err() {
                    // The new tags are on: the list shows them beside the refusal.
                    form.changed();
                }
                deleted.map_err(Failure::aws("ec2:DeleteTags"))?;
            }
            Ok(())
        };
        form.run(call, move |()| {
            form.notify(tu_string!(i18n, tags.saved, name = &t.label), None);
        });
    });
    let reserved = (!reserved.is_empty()).then(|| {
        view! {
            <div class="reserved-tags">
                <p class="hint">{t!(i18n, tags.reserved)}</p>
                {reserved.into_iter().map(|t| view! {
                    <span class="tag">{format!("{}={}", t.key, t.value)}</span>
                }).collect_view()}
            </div>
        }
    });
    view! {
        <FormBody form label=tr!(i18n, tags.save) busy_label=tr!(i18n, tags.saving) command blocked=unchanged on_submit=submit >
            <TagEditor rows />
            {reserved}
        </FormBody>
    }
}
