//! `GET /limits` of Nova and Cinder: absolute limits and what the project uses of them, so a
//! form can show the quota it counts against and refuse early.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `GET /limits`: absolute limits and usage (`maxTotalVolumes`, `totalVolumesUsed`, …).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Limits {
    pub absolute: BTreeMap<String, i64>,
}

impl Limits {
    /// (used, limit) for a resource named alike in both keys: `"Volumes"`, `"Snapshots"`,
    /// `"Backups"` (Cinder), `"Instances"`, `"Cores"` (Nova); a limit of -1 means unlimited
    /// and becomes `None`.
    pub fn usage(&self, resource: &str) -> Option<(i64, Option<i64>)> {
        self.pair(
            &format!("total{resource}Used"),
            &format!("maxTotal{resource}"),
        )
    }

    /// (used, limit) by the two keys, for the resources whose names differ: Cinder's
    /// `totalGigabytesUsed`/`maxTotalVolumeGigabytes`, Nova's `totalRAMUsed`/`maxTotalRAMSize`.
    pub fn pair(&self, used: &str, max: &str) -> Option<(i64, Option<i64>)> {
        let used = *self.absolute.get(used)?;
        let limit = self.absolute.get(max).copied().filter(|limit| *limit >= 0);
        Some((used, limit))
    }
}

#[derive(Debug, Deserialize)]
pub struct LimitsBody {
    pub limits: Limits,
}
