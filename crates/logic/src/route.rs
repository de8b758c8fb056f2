//! Where a URL leads. Every resource page lives at `/{cloud}/{tenant}/{region}/{section}/{panel}`
//! (one resource: `…/{panel}/{id}`), so a link opens the same view for whoever follows it and a
//! reload keeps it. The panels are one enum: the router, the side navigation, the page headers
//! and the detail views all read it, so a panel cannot exist in one of them and not the others.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// The side navigation's groups, in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Compute,
    Volumes,
    Ec2,
}

/// Every resource page of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    Instances,
    Images,
    Volumes,
    VolumeSnapshots,
    Backups,
    Ec2Instances,
    Ec2Volumes,
    Ec2Snapshots,
    Amis,
    Schedules,
}

impl Section {
    pub const ALL: [Section; 3] = [Self::Compute, Self::Volumes, Self::Ec2];

    /// The section's segment of the URL.
    pub fn segment(self) -> &'static str {
        match self {
            Self::Compute => "compute",
            Self::Volumes => "volumes",
            Self::Ec2 => "ec2",
        }
    }

    pub fn panels(self) -> impl Iterator<Item = Panel> {
        Panel::ALL.into_iter().filter(move |p| p.section() == self)
    }
}

impl Panel {
    pub const ALL: [Panel; 10] = [
        Self::Instances,
        Self::Images,
        Self::Volumes,
        Self::VolumeSnapshots,
        Self::Backups,
        Self::Ec2Instances,
        Self::Ec2Volumes,
        Self::Ec2Snapshots,
        Self::Amis,
        Self::Schedules,
    ];

    /// The section it is listed under and its own segment of the URL.
    fn place(self) -> (Section, &'static str) {
        match self {
            Self::Instances => (Section::Compute, "instances"),
            Self::Images => (Section::Compute, "images"),
            Self::Volumes => (Section::Volumes, "volumes"),
            Self::VolumeSnapshots => (Section::Volumes, "snapshots"),
            Self::Backups => (Section::Volumes, "backups"),
            Self::Ec2Instances => (Section::Ec2, "instances"),
            Self::Ec2Volumes => (Section::Ec2, "volumes"),
            Self::Ec2Snapshots => (Section::Ec2, "snapshots"),
            Self::Amis => (Section::Ec2, "amis"),
            Self::Schedules => (Section::Ec2, "schedules"),
        }
    }

    pub fn section(self) -> Section {
        self.place().0
    }

    /// Whether it is a page of an AWS account (else of an OpenStack project).
    pub fn is_ec2(self) -> bool {
        self.section() == Section::Ec2
    }

    /// `/compute/instances`: the panel's path within a scope.
    pub fn path(self) -> String {
        let (section, page) = self.place();
        format!("/{}/{page}", section.segment())
    }

    /// The panel of the URL's section and page segments.
    pub fn from_segments(section: &str, page: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.place().0.segment() == section && p.place().1 == page)
    }
}

/// The URL's segment for a tenant not chosen yet, and for another AWS account's keys.
const UNCHOSEN: &str = "-";
const NEW: &str = "+";

/// Whose resources a page shows: an OpenStack project, or an AWS account as `user@account`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tenant {
    /// Not said yet: an OpenStack page opens the session's project, an EC2 page the last
    /// account used (else its sign-in form). The URL then says which it is.
    Unchosen,
    /// The sign-in form for another AWS account's keys.
    New,
    /// A project's name or id, or an AWS account's `user@account`.
    Named(String),
}

impl Tenant {
    pub fn from_segment(segment: &str) -> Self {
        match segment {
            UNCHOSEN | "" => Self::Unchosen,
            NEW => Self::New,
            name => Self::Named(name.to_owned()),
        }
    }

    pub fn segment(&self) -> &str {
        match self {
            Self::Unchosen => UNCHOSEN,
            Self::New => NEW,
            Self::Named(name) => name,
        }
    }

    /// The project or account it names, if it names one.
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Named(name) => Some(name),
            _ => None,
        }
    }

    /// Whether it names `name` or `id` (OpenStack URLs accept either for a project).
    pub fn is(&self, name: &str, id: &str) -> bool {
        self.name().is_some_and(|n| n == name || n == id)
    }
}

/// Where the user is: a cloud of the configuration, a tenant in it and a region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub cloud: String,
    pub tenant: Tenant,
    /// As the cloud names it; [`Scope::region`] is `None` while it is not chosen yet.
    pub region: String,
}

/// What `encodeURIComponent` leaves as it is, and `@`, which a path segment may hold as it is
/// (RFC 3986 pchar): AWS accounts read better so (`/local-ec2/admin@123456789012/…`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'@');

fn encode(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

fn decode(segment: &str) -> String {
    percent_decode_str(segment).decode_utf8_lossy().into_owned()
}

impl Scope {
    /// A scope whose tenant and region are not chosen yet: the cloud's own defaults.
    pub fn of_cloud(cloud: &str) -> Self {
        Self {
            cloud: cloud.to_owned(),
            tenant: Tenant::Unchosen,
            region: UNCHOSEN.to_owned(),
        }
    }

    /// From the URL's first three segments, as they stand in the URL (encoded).
    pub fn from_segments(cloud: &str, tenant: &str, region: &str) -> Self {
        Self {
            cloud: decode(cloud),
            tenant: Tenant::from_segment(&decode(tenant)),
            region: decode(region),
        }
    }

    /// The region, once one is chosen.
    pub fn region(&self) -> Option<&str> {
        (self.region != UNCHOSEN && !self.region.is_empty()).then_some(self.region.as_str())
    }

    /// The same scope in another region, or with the region not chosen (`None`).
    pub fn in_region(&self, region: Option<&str>) -> Self {
        Self {
            region: region.unwrap_or(UNCHOSEN).to_owned(),
            ..self.clone()
        }
    }

    fn prefix(&self) -> String {
        format!(
            "/{}/{}/{}",
            encode(&self.cloud),
            encode(self.tenant.segment()),
            encode(&self.region)
        )
    }

    /// The URL of `panel` in this scope.
    pub fn url(&self, panel: Panel) -> String {
        format!("{}{}", self.prefix(), panel.path())
    }

    /// The URL of one resource of `panel`.
    pub fn detail_url(&self, panel: Panel, id: &str) -> String {
        format!("{}/{}", self.url(panel), encode(id))
    }
}

/// What a path shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    /// A panel with no scope yet (`/compute/instances`): it says which cloud to open.
    Unscoped(Panel),
    /// A panel in a scope; `id` names one of its resources.
    Scoped {
        scope: Scope,
        panel: Panel,
        id: Option<String>,
    },
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Self {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        match segments.as_slice() {
            [""] => Self::Home,
            [section, page] => {
                Panel::from_segments(section, page).map_or(Self::NotFound, Self::Unscoped)
            }
            [cloud, tenant, region, section, page, rest @ ..] if rest.len() <= 1 => {
                match Panel::from_segments(section, page) {
                    Some(panel) => Self::Scoped {
                        scope: Scope::from_segments(cloud, tenant, region),
                        panel,
                        id: rest.first().map(|id| decode(id)),
                    },
                    None => Self::NotFound,
                }
            }
            _ => Self::NotFound,
        }
    }

    pub fn scope(&self) -> Option<&Scope> {
        match self {
            Self::Scoped { scope, .. } => Some(scope),
            _ => None,
        }
    }

    pub fn panel(&self) -> Option<Panel> {
        match self {
            Self::Unscoped(panel) | Self::Scoped { panel, .. } => Some(*panel),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_panel_has_its_own_path_and_reads_back_from_it() {
        let mut seen = std::collections::HashSet::new();
        for panel in Panel::ALL {
            let path = panel.path();
            assert!(seen.insert(path.clone()), "{path} twice");
            assert_eq!(Route::parse(&path), Route::Unscoped(panel));
        }
        assert_eq!(seen.len(), 10);
        let listed: Vec<Panel> = Section::ALL.into_iter().flat_map(Section::panels).collect();
        assert_eq!(listed, Panel::ALL, "each panel under one section, in order");
    }

    #[test]
    fn a_scope_round_trips_through_its_url() {
        let scope = Scope {
            cloud: "local ec2".into(),
            tenant: Tenant::Named("admin@123456789012".into()),
            region: "us-east-1".into(),
        };
        let url = scope.detail_url(Panel::Ec2Snapshots, "snap/1");
        assert_eq!(
            url,
            "/local%20ec2/admin@123456789012/us-east-1/ec2/snapshots/snap%2F1"
        );
        assert_eq!(
            Route::parse(&url),
            Route::Scoped {
                scope,
                panel: Panel::Ec2Snapshots,
                id: Some("snap/1".into()),
            }
        );
    }

    #[test]
    fn sentinels_are_tenants_not_names() {
        let unchosen = Scope::of_cloud("local");
        assert_eq!(
            unchosen.url(Panel::Instances),
            "/local/-/-/compute/instances"
        );
        let Route::Scoped { scope, .. } = Route::parse("/local/-/-/compute/instances") else {
            panic!("a scoped route");
        };
        assert_eq!((&scope.tenant, scope.region()), (&Tenant::Unchosen, None));
        assert_eq!(Tenant::from_segment("+"), Tenant::New);
        assert!(Tenant::Named("demo".into()).is("demo", "p-1"));
        assert!(Tenant::Named("p-1".into()).is("demo", "p-1"));
        assert!(!Tenant::Unchosen.is("-", "-"));
    }

    #[test]
    fn what_matches_no_panel_is_not_found() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(Route::parse("/compute/nowhere"), Route::NotFound);
        assert_eq!(Route::parse("/a/b/c/compute/nowhere"), Route::NotFound);
        assert_eq!(
            Route::parse("/a/b/c/compute/instances/id/more"),
            Route::NotFound
        );
        assert_eq!(Route::parse("/a/b/c"), Route::NotFound);
    }
}
