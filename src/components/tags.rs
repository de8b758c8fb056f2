//! A tag editor: key and value rows, added and removed freely. EBS snapshots get the guide's
//! `Name` and `Owner` this way; values are sent as typed (EC2 keeps them verbatim).

use leptos::prelude::*;
use nubo_cloud::aws::ec2::Tag;

use crate::i18n::{t, t_string, use_i18n};

/// The rows as EC2 tags, without rows whose key is blank.
pub fn to_tags(rows: &[(String, String)]) -> Vec<Tag> {
    rows.iter()
        .filter(|(k, _)| !k.trim().is_empty())
        .map(|(k, v)| Tag::new(k.trim(), v.trim()))
        .collect()
}

/// Editor rows for a resource's tags, without AWS's own (`aws:…`), which nobody may change.
pub fn rows_of(tags: &[Tag]) -> Vec<(String, String)> {
    tags.iter()
        .filter(|t| !t.is_reserved())
        .map(|t| (t.key.clone(), t.value.clone()))
        .collect()
}

/// `--tag-specifications` for the AWS CLI, quoted for a shell.
pub fn cli_spec(resource_type: &str, tags: &[Tag]) -> Option<String> {
    if tags.is_empty() {
        return None;
    }
    let list = tags
        .iter()
        .map(|t| format!("{{Key={},Value={}}}", t.key, t.value))
        .collect::<Vec<_>>()
        .join(",");
    Some(format!(
        "--tag-specifications {}",
        nubo_logic::cli::shell_word(&format!("ResourceType={resource_type},Tags=[{list}]"))
    ))
}

#[component]
pub fn TagEditor(
    rows: RwSignal<Vec<(String, String)>>,
    /// Keys whose value must be filled in (the guide's `Name` and `Owner`).
    #[prop(optional)]
    required: &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    let row = move |index: usize| {
        let key = move || rows.with(|r| r.get(index).map(|(k, _)| k.clone()).unwrap_or_default());
        let value = move || rows.with(|r| r.get(index).map(|(_, v)| v.clone()).unwrap_or_default());
        let needed = move || required.contains(&key().as_str());
        view! {
            <div class="tag-row">
                <label class="field inline">
                    <span>{t!(i18n, tags.key)}</span>
                    <input
                        type="text"
                        name=format!("tag-key-{index}")
                        prop:value=key
                        on:input=move |ev| rows.update(|r| r[index].0 = event_target_value(&ev))
                    />
                </label>
                <label class="field inline">
                    <span>{t!(i18n, tags.value)}</span>
                    <input
                        type="text"
                        name=format!("tag-value-{index}")
                        // Named for its tag, so a screen reader tells the rows apart.
                        aria-label=move || {
                            let key = key();
                            (!key.is_empty()).then(|| t_string!(i18n, tags.value_of, key).to_string())
                        }
                        required=needed
                        prop:value=value
                        on:input=move |ev| rows.update(|r| r[index].1 = event_target_value(&ev))
                    />
                </label>
                <button
                    type="button"
                    class="secondary"
                    aria-label=move || t_string!(i18n, tags.remove, key = key())
                    on:click=move |_| rows.update(|r| drop(r.remove(index)))
                >
                    "×"
                </button>
            </div>
        }
    };
    // Only the number of rows rebuilds them: typing in a row must not (it would lose the focus).
    let count = Memo::new(move |_| rows.with(Vec::len));
    view! {
        <fieldset class="tags">
            <legend>{t!(i18n, tags.title)}</legend>
            {move || (0..count.get()).map(row).collect_view()}
            <button
                type="button"
                class="secondary"
                on:click=move |_| rows.update(|r| r.push((String::new(), String::new())))
            >
                {t!(i18n, tags.add)}
            </button>
        </fieldset>
    }
}
