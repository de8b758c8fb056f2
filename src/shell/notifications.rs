//! Notifications: the one place where failures and finished work are announced, so no error is
//! swallowed by a page that has already been left.

use crate::prelude::*;

/// How long success and info notices stay.
const SHOWN_FOR: std::time::Duration = std::time::Duration::from_secs(6);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Success,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Success => "success",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    pub level: Level,
    pub title: String,
    /// The cloud's own words, kept as they came.
    pub detail: Option<String>,
    /// Where to follow what was started elsewhere (label, app URL).
    pub link: Option<(String, String)>,
}

#[derive(Clone, Copy)]
pub struct Notifications {
    notices: RwSignal<Vec<Notice>>,
    next_id: StoredValue<u64>,
}

impl Notifications {
    pub fn new() -> Self {
        Self {
            notices: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(1),
        }
    }

    pub fn provide() -> Self {
        let notifications = Self::new();
        provide_context(notifications);
        notifications
    }

    pub fn expect() -> Self {
        expect_context::<Notifications>()
    }

    pub fn push(&self, level: Level, title: impl Into<String>, detail: Option<String>) -> u64 {
        self.add(level, title.into(), detail, None)
    }

    /// A notice with a link to where the work can be followed; it stays until dismissed, so
    /// the link does not vanish before it is read.
    pub fn push_link(
        &self,
        level: Level,
        title: impl Into<String>,
        detail: Option<String>,
        link: (String, String),
    ) -> u64 {
        self.add(level, title.into(), detail, Some(link))
    }

    fn add(
        &self,
        level: Level,
        title: String,
        detail: Option<String>,
        link: Option<(String, String)>,
    ) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let lasts = link.is_some();
        let notice = Notice {
            id,
            level,
            title,
            detail,
            link,
        };
        self.notices.update(|notices| notices.push(notice));
        // Good news goes away by itself, so it never hides the page for long; warnings and
        // errors stay until dismissed.
        if matches!(level, Level::Success | Level::Info) && !lasts {
            let notices = self.notices;
            set_timeout(
                move || {
                    let _ = notices.try_update(|n| n.retain(|notice| notice.id != id));
                },
                SHOWN_FOR,
            );
        }
        id
    }

    pub fn error(&self, title: impl Into<String>, detail: impl Into<String>) -> u64 {
        self.push(Level::Error, title, Some(detail.into()))
    }

    pub fn dismiss(&self, id: u64) {
        self.notices
            .update(|notices| notices.retain(|n| n.id != id));
    }

    /// The current notices, oldest first (tracked).
    pub fn notices(&self) -> Vec<Notice> {
        self.notices.get()
    }
}

impl Default for Notifications {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn NotificationArea() -> impl IntoView {
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    view! {
        <section class="notifications" aria-label=move || t_string!(i18n, notifications.label) aria-live="polite">
            <For
                each=move || notifications.notices()
                key=|notice| notice.id
                children=move |notice| {
                    let id = notice.id;
                    let role = if notice.level == Level::Error { "alert" } else { "status" };
                    view! {
                        <div class=format!("notice notice-{}", notice.level.as_str()) role=role>
                            <div class="notice-text">
                                <strong>{notice.title}</strong>
                                {notice.detail.map(|detail| view! { <p>{detail}</p> })}
                                {notice.link.map(|(label, href)| view! {
                                    <p><a href=href on:click=move |_| notifications.dismiss(id)>{label}</a></p>
                                })}
                            </div>
                            <button
                                class="notice-dismiss"
                                aria-label=move || t_string!(i18n, notifications.dismiss)
                                on:click=move |_| notifications.dismiss(id)
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn push_and_dismiss_keep_order_and_ids() {
        let owner = Owner::new();
        owner.with(|| {
            let n = Notifications::new();
            let first = n.error("Nova", "Instance is locked");
            let second = n.push(Level::Success, "Snapshot created", None);
            assert_ne!(first, second);
            let titles: Vec<_> = n.notices().into_iter().map(|n| n.title).collect();
            assert_eq!(titles, ["Nova", "Snapshot created"]);
            n.dismiss(first);
            let left = n.notices();
            assert_eq!(left.len(), 1);
            assert_eq!(left[0].id, second);
            assert_eq!(left[0].level, Level::Success);
        });
    }
}
