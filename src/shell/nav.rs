//! Where every page lives: one table feeds the side navigation and the page headers, so a
//! newcomer finds a resource in the same place in both. Titles are translation lookups.

use crate::prelude::*;

/// A translated text of the table, in the locale asked for.
pub type Text = fn(Locale) -> &'static str;

#[derive(Clone, Copy)]
pub struct NavSection {
    pub title: Text,
    pub pages: &'static [NavPage],
}

#[derive(Clone, Copy)]
pub struct NavPage {
    pub path: &'static str,
    pub label: Text,
    /// One line on what the page is for, shown under its title.
    pub summary: Text,
}

pub const SECTIONS: &[NavSection] = &[
    NavSection {
        title: |l| td_string!(l, nav.compute),
        pages: &[
            NavPage {
                path: "/compute/instances",
                label: |l| td_string!(l, nav.compute_instances.label),
                summary: |l| td_string!(l, nav.compute_instances.summary),
            },
            NavPage {
                path: "/compute/images",
                label: |l| td_string!(l, nav.compute_images.label),
                summary: |l| td_string!(l, nav.compute_images.summary),
            },
        ],
    },
    NavSection {
        title: |l| td_string!(l, nav.volumes),
        pages: &[
            NavPage {
                path: "/volumes/volumes",
                label: |l| td_string!(l, nav.volumes_volumes.label),
                summary: |l| td_string!(l, nav.volumes_volumes.summary),
            },
            NavPage {
                path: "/volumes/snapshots",
                label: |l| td_string!(l, nav.volumes_snapshots.label),
                summary: |l| td_string!(l, nav.volumes_snapshots.summary),
            },
            NavPage {
                path: "/volumes/backups",
                label: |l| td_string!(l, nav.volumes_backups.label),
                summary: |l| td_string!(l, nav.volumes_backups.summary),
            },
        ],
    },
    NavSection {
        title: |l| td_string!(l, nav.ec2),
        pages: &[
            NavPage {
                path: "/ec2/instances",
                label: |l| td_string!(l, nav.ec2_instances.label),
                summary: |l| td_string!(l, nav.ec2_instances.summary),
            },
            NavPage {
                path: "/ec2/volumes",
                label: |l| td_string!(l, nav.ec2_volumes.label),
                summary: |l| td_string!(l, nav.ec2_volumes.summary),
            },
            NavPage {
                path: "/ec2/snapshots",
                label: |l| td_string!(l, nav.ec2_snapshots.label),
                summary: |l| td_string!(l, nav.ec2_snapshots.summary),
            },
            NavPage {
                path: "/ec2/amis",
                label: |l| td_string!(l, nav.ec2_amis.label),
                summary: |l| td_string!(l, nav.ec2_amis.summary),
            },
            NavPage {
                path: "/ec2/schedules",
                label: |l| td_string!(l, nav.ec2_schedules.label),
                summary: |l| td_string!(l, nav.ec2_schedules.summary),
            },
        ],
    },
];

/// The page at `path`, with the title of its section.
pub fn find(path: &str) -> Option<(&'static NavSection, &'static NavPage)> {
    let path = path.trim_end_matches('/');
    SECTIONS.iter().find_map(|section| {
        section
            .pages
            .iter()
            .find(|page| page.path == path)
            .map(|page| (section, page))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn every_path_is_unique_and_absolute() {
        let mut seen = std::collections::HashSet::new();
        for page in SECTIONS.iter().flat_map(|s| s.pages) {
            assert!(page.path.starts_with('/'), "{}", page.path);
            assert!(seen.insert(page.path), "{} twice", page.path);
        }
        assert_eq!(seen.len(), 10);
    }

    #[wasm_bindgen_test]
    fn finds_a_page_with_its_section() {
        let (section, page) = find("/ec2/snapshots/").unwrap();
        assert_eq!((section.title)(Locale::en), "EC2");
        assert_eq!((page.label)(Locale::en), "Snapshots");
        assert_eq!((page.label)(Locale::fr), "Instantanés");
        assert_eq!(
            (find("/volumes/snapshots").unwrap().0.title)(Locale::en),
            "Volumes"
        );
        assert!(find("/nowhere").is_none());
    }
}
