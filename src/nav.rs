//! Where every page lives: one table feeds the side navigation and the page headers, so a
//! newcomer finds a resource in the same place in both.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavSection {
    pub title: &'static str,
    pub pages: &'static [NavPage],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavPage {
    pub path: &'static str,
    pub label: &'static str,
    /// One line on what the page is for, shown under its title.
    pub summary: &'static str,
}

pub const SECTIONS: &[NavSection] = &[
    NavSection {
        title: "Compute",
        pages: &[
            NavPage {
                path: "/compute/instances",
                label: "Instances",
                summary: "OpenStack servers: snapshot them, stop and start them.",
            },
            NavPage {
                path: "/compute/images",
                label: "Images",
                summary: "Glance images and instance snapshots: follow, launch a copy, restore, delete.",
            },
        ],
    },
    NavSection {
        title: "Volumes",
        pages: &[
            NavPage {
                path: "/volumes/volumes",
                label: "Volumes",
                summary: "Cinder volumes: take snapshots.",
            },
            NavPage {
                path: "/volumes/snapshots",
                label: "Snapshots",
                summary: "Volume snapshots: back them up, restore them to a volume.",
            },
            NavPage {
                path: "/volumes/backups",
                label: "Backups",
                summary: "Cinder backups: follow them, restore them.",
            },
        ],
    },
    NavSection {
        title: "EC2",
        pages: &[
            NavPage {
                path: "/ec2/instances",
                label: "Instances",
                summary: "EC2 instances: snapshot all their volumes, create AMIs.",
            },
            NavPage {
                path: "/ec2/volumes",
                label: "Volumes",
                summary: "EBS volumes: snapshot them with Name and Owner tags.",
            },
            NavPage {
                path: "/ec2/snapshots",
                label: "Snapshots",
                summary: "EBS snapshots: restore to a volume, copy to a region, tag, delete.",
            },
            NavPage {
                path: "/ec2/amis",
                label: "AMIs",
                summary: "Images owned by the account: deregister them and their snapshots.",
            },
            NavPage {
                path: "/ec2/schedules",
                label: "Schedules",
                summary: "Data Lifecycle Manager policies: daily snapshots at 02:00 UTC.",
            },
        ],
    },
];

/// The page at `path`, with the title of its section.
pub fn find(path: &str) -> Option<(&'static str, &'static NavPage)> {
    let path = path.trim_end_matches('/');
    SECTIONS.iter().find_map(|section| {
        section
            .pages
            .iter()
            .find(|page| page.path == path)
            .map(|page| (section.title, page))
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
        assert_eq!((section, page.label), ("EC2", "Snapshots"));
        assert_eq!(find("/volumes/snapshots").unwrap().0, "Volumes");
        assert!(find("/nowhere").is_none());
    }
}
