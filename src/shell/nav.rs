//! What the panels and sections are called: the side navigation and the page headers read the
//! same words, so a newcomer finds a resource in the same place in both. The panels themselves
//! are `nubo_logic::route::Panel`; here they get their titles, as translation lookups.

use crate::prelude::*;
use crate::state::scope::Section;

/// A translated text, in the locale asked for.
pub type Text = fn(Locale) -> &'static str;

pub fn section_title(section: Section) -> Text {
    match section {
        Section::Compute => |l| td_string!(l, nav.compute),
        Section::Volumes => |l| td_string!(l, nav.volumes),
        Section::Ec2 => |l| td_string!(l, nav.ec2),
    }
}

/// The two texts of a panel's entry in the table, `nav.<key>.label` and `nav.<key>.summary`.
macro_rules! panel_texts {
    ($key:ident) => {
        (
            |l| td_string!(l, nav.$key.label),
            |l| td_string!(l, nav.$key.summary),
        )
    };
}

/// The panel's name (in the navigation and as its page's title), and one line on what it is
/// for, shown under its title.
fn texts(panel: Panel) -> (Text, Text) {
    match panel {
        Panel::Instances => panel_texts!(compute_instances),
        Panel::Images => panel_texts!(compute_images),
        Panel::Volumes => panel_texts!(volumes_volumes),
        Panel::VolumeSnapshots => panel_texts!(volumes_snapshots),
        Panel::Backups => panel_texts!(volumes_backups),
        Panel::Ec2Instances => panel_texts!(ec2_instances),
        Panel::Ec2Volumes => panel_texts!(ec2_volumes),
        Panel::Ec2Snapshots => panel_texts!(ec2_snapshots),
        Panel::Amis => panel_texts!(ec2_amis),
        Panel::Schedules => panel_texts!(ec2_schedules),
    }
}

/// The panel's name in the navigation and as its page's title.
pub fn label(panel: Panel) -> Text {
    texts(panel).0
}

/// One line on what the panel is for, shown under its title.
pub fn summary(panel: Panel) -> Text {
    texts(panel).1
}

/// A panel page's header: its section, its title and what it is for.
#[component]
pub fn PanelHeader(panel: Panel) -> impl IntoView {
    let i18n = use_i18n();
    let (section, label, summary) = (section_title(panel.section()), label(panel), summary(panel));
    view! {
        <header class="page-header">
            <p class="breadcrumb">{move || section(i18n.get_locale())}</p>
            <h1>{move || label(i18n.get_locale())}</h1>
            <p class="summary">{move || summary(i18n.get_locale())}</p>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn every_panel_is_named_in_both_languages() {
        for panel in Panel::ALL {
            for locale in [Locale::en, Locale::fr] {
                assert!(!label(panel)(locale).is_empty(), "{panel:?}");
                assert!(!summary(panel)(locale).is_empty(), "{panel:?}");
            }
        }
        assert_eq!(
            section_title(Panel::Ec2Snapshots.section())(Locale::en),
            "EC2"
        );
        assert_eq!(label(Panel::Ec2Snapshots)(Locale::en), "Snapshots");
        assert_eq!(label(Panel::Ec2Snapshots)(Locale::fr), "Instantanés");
        assert_eq!(
            section_title(Panel::VolumeSnapshots.section())(Locale::en),
            "Volumes"
        );
    }
}
